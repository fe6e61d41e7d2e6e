import Foundation
public import LeadModel

/// Everything a scorer may look at, in one value so that fields can be added without breaking
/// scorers.
public struct ScoringInput: Sendable {
    /// The lead as folded from the journal.
    public var state: LeadState
    /// The time to score at: engagement decays, so the same lead scores differently later.
    public var now: Date
    /// The version of the playbook whose rules apply.
    public var playbookVersion: String?

    /// Makes an input.
    ///
    /// - Parameters:
    ///   - state: the lead as folded from the journal.
    ///   - now: the time to score at.
    ///   - playbookVersion: the version of the playbook whose rules apply.
    public init(state: LeadState, now: Date, playbookVersion: String? = nil) {
        self.state = state
        self.now = now
        self.playbookVersion = playbookVersion
    }
}
