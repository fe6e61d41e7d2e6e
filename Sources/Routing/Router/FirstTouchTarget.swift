import Foundation

/// The first-touch clock a lead would get if it were assigned now, as the engine's SLA policy
/// works it out before routing: what routing protects when an account owner is away.
public struct FirstTouchTarget: Hashable, Sendable {
    /// The SLA tier that applies.
    public var tier: String
    /// When the first touch is due.
    public var deadline: Date

    /// Makes a target.
    ///
    /// - Parameters:
    ///   - tier: the SLA tier.
    ///   - deadline: when the first touch is due.
    public init(tier: String, deadline: Date) {
        self.tier = tier
        self.deadline = deadline
    }
}
