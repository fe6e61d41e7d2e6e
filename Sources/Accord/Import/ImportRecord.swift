import LeadModel

/// One record of an import file, typed and mapped: a lead, or a signal with its person.
public enum ImportRecord: Hashable, Sendable {
    /// A lead from a leads import. Its id is the file's `id` column when mapped and non-blank,
    /// else empty: the engine finds the person by email, phone or external id, or mints an id.
    case lead(Lead)
    /// A lead from a leads import whose row also says when it was created or which stage it
    /// stood in (`createdAt`, `stage`, `stageDate` columns, or a constant stage).
    case historicalLead(Lead, LeadHistory)
    /// A signal from a signals import.
    case signal(SignalRow)

    /// The record as the engine ingests it (``AlignmentEngine/ingest(_:by:from:)``).
    public var ingestItem: IngestItem {
        switch self {
        case .lead(let lead): .lead(lead)
        case .historicalLead(let lead, let history): .historicalLead(lead, history)
        case .signal(let row): .signal(row.signal, person: row.person)
        }
    }
}
