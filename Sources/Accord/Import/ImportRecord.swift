import LeadModel

/// One record of an import file, typed and mapped: a lead, or a signal with its person.
public enum ImportRecord: Hashable, Sendable {
    /// A lead from a leads import. Its id is the file's `id` column when mapped and non-blank,
    /// else a generated `import:<file>:<line>` id (see ``ImportReader/generatedIDPrefix``).
    case lead(Lead)
    /// A signal from a signals import.
    case signal(SignalRow)
}
