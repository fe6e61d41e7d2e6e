/// A window of local wall-clock time within one day, written `"09:00-17:30"`.
///
/// The start is inclusive and the end exclusive; `"24:00"` ends at midnight. A window cannot
/// cross midnight: write `"22:00-24:00"` on one day and `"00:00-02:00"` on the next.
public struct LocalTimeWindow: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The text as written.
    public var text: String

    /// Makes a window from its text; check ``minutes`` or ``RoutingRules/problems()`` for validity.
    public init(_ text: String) { self.text = text }

    /// The window as minutes after local midnight, or `nil` when the text is malformed or the
    /// end is not after the start.
    public var minutes: Range<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Self.minute(parts[0]), let end = Self.minute(parts[1]), start < end
        else { return nil }
        return start..<end
    }

    /// The text as written.
    public var description: String { text }

    private static func minute(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...24).contains(hour), (0..<60).contains(minute), hour < 24 || minute == 0
        else { return nil }
        return hour * 60 + minute
    }

    /// Decodes the window from its text.
    ///
    /// - Throws: `DecodingError` when the value is not a string.
    public init(from decoder: any Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the window as its text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
