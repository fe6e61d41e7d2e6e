/// What an import file holds: leads (people) or signals (engagement events of people).
public enum ImportKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Each record is a ``LeadModel/Lead``.
    case leads
    /// Each record is a ``LeadModel/Signal`` plus the identity of the person it belongs to.
    case signals
}
