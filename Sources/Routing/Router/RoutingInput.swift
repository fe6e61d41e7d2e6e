import Foundation
public import LeadModel

/// Everything a router may look at, in one value so that fields can be added without breaking
/// routers.
public struct RoutingInput: Sendable {
    /// The lead as folded from the journal.
    public var state: LeadState
    /// The time of the handoff; availability and working hours are judged at this instant.
    public var now: Date
    /// The version of the playbook whose rules apply.
    public var playbookVersion: String?
    /// What the journal says about reps, pools and accounts, folded by the engine
    /// (``RoutingLedger``), plus per-handoff facts such as the SLA tier.
    public var context: RoutingContext

    /// Makes an input.
    ///
    /// - Parameters:
    ///   - state: the lead being handed off.
    ///   - now: the instant of the handoff, from the engine's injected clock.
    ///   - playbookVersion: the playbook version whose rules apply.
    ///   - context: loads, rotations and account owners folded from the journal; empty by default.
    public init(
        state: LeadState, now: Date, playbookVersion: String? = nil, context: RoutingContext = RoutingContext()
    ) {
        self.state = state
        self.now = now
        self.playbookVersion = playbookVersion
        self.context = context
    }
}
