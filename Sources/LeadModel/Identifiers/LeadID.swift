/// The stable identity of a lead in the journal.
///
/// Identifiers are opaque strings. The engine mints them for new leads; hosts may bring their own
/// (for example a CRM's record id) as long as each is unique within one journal.
public struct LeadID: StringIdentifier {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}
