import Foundation
public import LeadModel

/// What a source system says about a lead's past: when it was created, and the stage it stood
/// in since when. Carried by imported history (``IngestItem/historicalLead(_:_:)``).
///
/// A new lead is captured at ``createdAt``, so its events, and the scoreboard's cohorts, are
/// dated then. A lead that has not yet been in ``stage`` moves there along the stage graph at
/// ``stageEnteredAt`` (else ``createdAt``), as history: the playbook's live handoff gates are
/// not checked, and each move names the file and the gate fields that were missing then. A lead
/// the journal already knows keeps its own creation time, and a stage it was in before, or
/// cannot reach from where it stands, is left as it is; so importing the same rows again
/// records nothing.
public struct LeadHistory: Hashable, Sendable {
    /// When the lead was created in the source; `nil` for now.
    public var createdAt: Date?
    /// The stage the lead stood in; `nil` for the stage graph's initial stage.
    public var stage: Stage?
    /// When the lead entered ``stage``; `nil` for ``createdAt``.
    public var stageEnteredAt: Date?

    /// Creates a lead's history.
    ///
    /// - Parameters:
    ///   - createdAt: When the lead was created; `nil` for now.
    ///   - stage: The stage it stood in; `nil` for the initial stage.
    ///   - stageEnteredAt: When it entered `stage`; `nil` for `createdAt`.
    public init(createdAt: Date? = nil, stage: Stage? = nil, stageEnteredAt: Date? = nil) {
        self.createdAt = createdAt
        self.stage = stage
        self.stageEnteredAt = stageEnteredAt
    }

    /// Whether the history says nothing: no creation time and no stage.
    public var isEmpty: Bool { createdAt == nil && stage == nil && stageEnteredAt == nil }
}
