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

    /// Parses `YYYY-MM` (one month), `YYYY-MM..YYYY-MM` (a range; either side may be empty) or
    /// `YYYY-Qn` (a calendar quarter).
    ///
    /// - Throws: ``ReportPeriodError`` naming the text that is not a month.
    public static func parse(_ text: String, timeZone: String = "UTC") throws(ReportPeriodError) -> ReportPeriod {
        let quarter = text.uppercased().split(separator: "-Q")
        if quarter.count == 2, quarter[0].count == 4, let year = Int(quarter[0]), year > 0,
            let number = Int(quarter[1]),
            (1...4).contains(number)
        {
            let first = (number - 1) * 3 + 1
            func name(_ month: Int) -> String { "\(quarter[0])-\(month < 10 ? "0" : "")\(month)" }
            return ReportPeriod(from: name(first), to: name(first + 2), timeZone: timeZone)
        }
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
    ///
    /// For many instants, make a ``MonthClock`` once with ``monthClock()`` instead.
    public func month(of date: Date) -> String { monthClock().month(of: date) }

    /// A clock that names the months of instants in this period's time zone, without building a
    /// calendar per call.
    public func monthClock() -> MonthClock {
        MonthClock(timeZone: TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!)
    }

    /// Whether the month is in the range.
    public func contains(_ month: String) -> Bool {
        (from.map { month >= $0 } ?? true) && (to.map { month <= $0 } ?? true)
    }
}

/// Names the calendar month (`YYYY-MM`) of instants in one time zone: the zone's offset at the
/// instant, then the proleptic Gregorian calendar's civil date of the shifted day.
public struct MonthClock: Sendable {
    let timeZone: TimeZone
    let fixedOffset: Int?

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        // A zone without daylight saving time has one offset: no lookup per instant.
        let now = Date()
        fixedOffset =
            timeZone.nextDaylightSavingTimeTransition(after: now) == nil && !timeZone.isDaylightSavingTime(for: now)
            ? timeZone.secondsFromGMT(for: now) : nil
    }

    /// The month of an instant, `YYYY-MM`.
    public func month(of date: Date) -> String {
        let offset = fixedOffset ?? timeZone.secondsFromGMT(for: date)
        let seconds = Int((date.timeIntervalSince1970 + Double(offset)).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let yearText = String(year)
        let padded =
            year >= 0 && yearText.count < 4 ? String(repeating: "0", count: 4 - yearText.count) + yearText : yearText
        return padded + (month < 10 ? "-0" : "-") + String(month)
    }
}

/// A period that is not `YYYY-MM` or `YYYY-MM..YYYY-MM`.
public struct ReportPeriodError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that did not parse.
    public var text: String

    public var description: String {
        "'\(text)' is not a period; use a month like 2026-11, a range like 2026-09..2026-11 or a quarter like 2026-Q4"
    }
}
