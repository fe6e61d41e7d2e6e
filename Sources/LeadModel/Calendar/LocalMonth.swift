/// A month on the local calendar, `"2026-10"`, with no time zone of its own.
///
/// Report periods name their months with it (``ReportPeriod/months(first:last:)``), and reports
/// that count month by month use its ``description`` as the month's key.
public struct LocalMonth: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The year, 1–9999.
    public var year: Int
    /// The month, 1–12.
    public var month: Int

    /// Makes a month; not checked (``isValid`` says whether it exists).
    ///
    /// - Parameters:
    ///   - year: such as 2026.
    ///   - month: 1...12.
    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Parses `"YYYY-MM"`; `nil` when malformed or not a month of the years 1–9999.
    ///
    /// - Parameter text: such as `"2026-10"`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month)
        guard isValid else { return nil }
    }

    /// Whether the month exists: years 1–9999, months 1–12.
    public var isValid: Bool { (1...9999).contains(year) && (1...12).contains(month) }

    /// The month's first day.
    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1) }

    /// The month after this one.
    public var next: LocalMonth {
        month == 12 ? LocalMonth(year: year + 1, month: 1) : LocalMonth(year: year, month: month + 1)
    }

    /// `"YYYY-MM"`, the year padded to four digits.
    public var description: String {
        let yearText = String(year)
        let padded =
            year >= 0 && yearText.count < 4 ? String(repeating: "0", count: 4 - yearText.count) + yearText : yearText
        return padded + (month < 10 ? "-0" : "-") + String(month)
    }

    /// Earlier months first.
    public static func < (lhs: LocalMonth, rhs: LocalMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// Decodes `"YYYY-MM"`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the text is not a month.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let month = LocalMonth(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a month like \"2026-10\"")
        }
        self = month
    }

    /// Encodes `"YYYY-MM"`.
    ///
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
