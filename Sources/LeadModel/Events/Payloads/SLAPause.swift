public import Foundation

/// A response clock stopped counting for a while, where the tier allows it (waiting on the
/// prospect to pick a meeting time).
public struct SLAPause: Hashable, Sendable, Codable {
    /// The clock.
    public var clockID: SLAClockID
    /// Why, in words (`"waiting on the prospect to pick a time"`).
    public var reason: String

    /// Makes a pause.
    ///
    /// - Parameters:
    ///   - clockID: the clock.
    ///   - reason: why the clock stops.
    public init(clockID: SLAClockID, reason: String) {
        self.clockID = clockID
        self.reason = reason
    }
}

/// A paused response clock counting again, with its warning point and deadline moved out by the
/// business time it was paused.
public struct SLAResume: Hashable, Sendable, Codable {
    /// The clock.
    public var clockID: SLAClockID
    /// The business seconds the pause lasted.
    public var pausedFor: TimeInterval
    /// The new warning point, if the clock warns.
    public var warnAt: Date?
    /// The new deadline.
    public var deadline: Date

    /// Makes a resumption.
    ///
    /// - Parameters:
    ///   - clockID: the clock.
    ///   - pausedFor: business seconds paused.
    ///   - warnAt: the new warning point.
    ///   - deadline: the new deadline.
    public init(clockID: SLAClockID, pausedFor: TimeInterval, warnAt: Date?, deadline: Date) {
        self.clockID = clockID
        self.pausedFor = pausedFor
        self.warnAt = warnAt
        self.deadline = deadline
    }
}
