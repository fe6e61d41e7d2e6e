public import LeadModel

/// What capturing a person's record did.
public struct CaptureResult: Hashable, Sendable {
    /// How the record was matched.
    public enum Outcome: Hashable, Sendable {
        /// A new lead was created.
        case created(LeadID)
        /// The record belongs to a lead the journal already had.
        case matched(LeadID)
        /// The record proved several leads to be one person; they were merged into the first.
        case merged(LeadID, absorbed: [LeadID])
    }

    public var outcome: Outcome
    /// The lead's state after the capture.
    public var state: LeadState

    /// The lead the record now lives in.
    public var leadID: LeadID { state.id }
}

/// What recording a signal did.
public struct SignalResult: Hashable, Sendable {
    /// How the person behind the signal was matched.
    public var capture: CaptureResult.Outcome
    /// The signal's journal position (the original one for a duplicate).
    public var position: JournalPosition
    /// Whether the signal's idempotency key was already recorded, so nothing new was stored.
    public var isDuplicate: Bool
    /// The lead's state after the signal (and any score it caused).
    public var state: LeadState

    public var leadID: LeadID { state.id }
}
