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

    public init(state: LeadState, now: Date, playbookVersion: String? = nil) {
        self.state = state
        self.now = now
        self.playbookVersion = playbookVersion
    }
}
