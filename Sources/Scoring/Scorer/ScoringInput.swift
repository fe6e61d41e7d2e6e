import Foundation
public import LeadModel

/// Everything a scorer may look at, in one value so that fields can be added without breaking
/// scorers.
///
/// The lead's state is held in a shared, copy-on-write box, so passing an input along a chain
/// of scorers costs one reference count instead of a copy of the whole state (its signals,
/// touches, clocks and history, each reference-counted).
public struct ScoringInput: Sendable {
    /// The lead as folded from the journal.
    public var state: LeadState {
        _read { yield storage.state }
        set { storage = Storage(newValue) }
    }
    /// The time to score at: engagement decays, so the same lead scores differently later.
    public var now: Date
    /// The version of the playbook whose rules apply.
    public var playbookVersion: String?

    private var storage: Storage

    /// Makes an input.
    ///
    /// - Parameters:
    ///   - state: the lead as folded from the journal.
    ///   - now: the time to score at.
    ///   - playbookVersion: the version of the playbook whose rules apply.
    public init(state: LeadState, now: Date, playbookVersion: String? = nil) {
        storage = Storage(state)
        self.now = now
        self.playbookVersion = playbookVersion
    }

    /// The box: immutable, so inputs can share it; setting ``state`` makes a new one.
    private final class Storage: Sendable {
        let state: LeadState

        init(_ state: LeadState) {
            self.state = state
        }
    }
}
