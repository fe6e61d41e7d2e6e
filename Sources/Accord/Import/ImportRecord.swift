import LeadModel

/// One record of an import file, typed and mapped: a lead, or a signal with its person.
public enum ImportRecord: Hashable, Sendable {
    /// A lead from a leads import. Its id is the file's `id` column when mapped and non-blank,
    /// else empty: the engine finds the person by email, phone or external id, or mints an id.
    case lead(Lead)
    /// A signal from a signals import.
    case signal(SignalRow)
}
