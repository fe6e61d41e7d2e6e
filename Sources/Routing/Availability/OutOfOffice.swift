public import Foundation

/// A period a rep is away, from an instant (inclusive) until another (exclusive).
///
/// Times are ISO 8601 instants; give the rep's local midnight with its offset to block whole
/// local days (`"2026-12-24T00:00:00+01:00"`).
///
/// ```json
/// {"from": "2026-12-24T00:00:00+01:00", "until": "2027-01-04T00:00:00+01:00", "note": "holidays"}
/// ```
public struct OutOfOffice: Hashable, Sendable, Codable {
    /// The first instant away.
    public var from: Date
    /// The first instant back.
    public var until: Date
    /// Why, for the trail (`"holidays"`); no personal data.
    public var note: String?

    /// Makes a period away.
    public init(from: Date, until: Date, note: String? = nil) {
        self.from = from
        self.until = until
        self.note = note
    }

    /// Whether the rep is away at `date`.
    public func contains(_ date: Date) -> Bool { from <= date && date < until }

    private enum CodingKeys: String, CodingKey { case from, until, note }

    /// Decodes a period with ISO 8601 times.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when a time is not ISO 8601.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        from = try Self.date(container, .from)
        until = try Self.date(container, .until)
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }

    /// Encodes the period with ISO 8601 times in UTC.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from.formatted(.iso8601), forKey: .from)
        try container.encode(until.formatted(.iso8601), forKey: .until)
        try container.encodeIfPresent(note, forKey: .note)
    }

    private static func date(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date {
        let text = try container.decode(String.self, forKey: key)
        if let date = try? Date(text, strategy: .iso8601) { return date }
        throw DecodingError.dataCorruptedError(
            forKey: key, in: container,
            debugDescription: "expected an ISO 8601 time such as 2026-12-24T00:00:00+01:00")
    }
}
