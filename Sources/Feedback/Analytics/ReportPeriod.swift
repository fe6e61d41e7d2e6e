import Foundation

/// Calendar months for month-over-month reports, and an optional range of them.
///
/// Months are named `YYYY-MM` in the given time zone (UTC by default).
///
/// ```swift
/// let range = try ReportPeriod.parse("2026-09..2026-11")
/// range.contains("2026-10")   // true
/// ```
public struct ReportPeriod: Hashable, Sendable, Codable {
    /// The first month included (`2026-09`), or `nil` for no lower bound.
    public var from: String?
    /// The last month included, or `nil` for no upper bound.
    public var to: String?
    /// The time zone months are cut in, by identifier.
    public var timeZone: String

    public init(from: String? = nil, to: String? = nil, timeZone: String = "UTC") {
        self.from = from
        self.to = to
        self.timeZone = timeZone
    }

    /// Every month.
    public static let all = ReportPeriod()

    /// Parses `YYYY-MM` (one month) or `YYYY-MM..YYYY-MM` (a range; either side may be empty).
    ///
    /// - Throws: ``ReportPeriodError`` naming the text that is not a month.
    public static func parse(_ text: String, timeZone: String = "UTC") throws(ReportPeriodError) -> ReportPeriod {
        let parts = text.components(separatedBy: "..")
        guard parts.count <= 2 else { throw ReportPeriodError(text: text) }
        func month(_ part: String) throws(ReportPeriodError) -> String? {
            if part.isEmpty, parts.count == 2 { return nil }
            let pieces = part.split(separator: "-")
            guard pieces.count == 2, pieces[0].count == 4, pieces[1].count == 2, let year = Int(pieces[0]),
                let month = Int(pieces[1]), (1...12).contains(month), year > 0
            else { throw ReportPeriodError(text: part.isEmpty ? text : part) }
            return part
        }
        let from = try month(parts[0])
        let to = parts.count == 2 ? try month(parts[1]) : from
        if let from, let to, from > to { throw ReportPeriodError(text: text) }
        return ReportPeriod(from: from, to: to, timeZone: timeZone)
    }

    /// The month of an instant, `YYYY-MM`.
    public func month(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
    }

    /// Whether the month is in the range.
    public func contains(_ month: String) -> Bool {
        (from.map { month >= $0 } ?? true) && (to.map { month <= $0 } ?? true)
    }
}

/// A period that is not `YYYY-MM` or `YYYY-MM..YYYY-MM`.
public struct ReportPeriodError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that did not parse.
    public var text: String

    public var description: String {
        "'\(text)' is not a period; use a month like 2026-11 or a range like 2026-09..2026-11"
    }
}
