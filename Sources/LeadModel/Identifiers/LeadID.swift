/// The stable identity of a lead in the journal.
///
/// Identifiers are opaque strings. The engine mints them for new leads; hosts may bring their own
/// (for example a CRM's record id) as long as each is unique within one journal.
public struct LeadID: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (lhs: LeadID, rhs: LeadID) -> Bool { lhs.rawValue < rhs.rawValue }
}
