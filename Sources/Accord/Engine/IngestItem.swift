public import LeadModel

/// One row of a batch: a person's record, or a signal with the person it came from.
public enum IngestItem: Hashable, Sendable {
    /// A person's record, captured now.
    case lead(Lead)
    /// A person's record from a source's history: captured when the source created it, and
    /// placed at the stage it stood in (see ``LeadHistory``).
    case historicalLead(Lead, LeadHistory)
    /// A signal, and the person it came from.
    case signal(Signal, person: Lead)
}

extension IngestItem {
    var isSignal: Bool {
        if case .signal = self { return true }
        return false
    }
}
