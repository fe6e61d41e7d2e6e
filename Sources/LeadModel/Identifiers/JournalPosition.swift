/// The global position of an event in the journal.
///
/// Positions start at 1, increase by one per appended event and are never reused, so "read from
/// position *p*" means "every event appended after the first *p − 1*". ``JournalPosition/start``
/// reads the whole journal.
public struct JournalPosition: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    /// The position of the first event of any journal.
    public static let start = JournalPosition(1)

    /// The position after this one.
    public var next: JournalPosition { JournalPosition(rawValue + 1) }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(UInt64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { String(rawValue) }
    public static func < (lhs: JournalPosition, rhs: JournalPosition) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
