import Foundation

/// The span of time a report covers — a week, a month, a quarter, a range of days or months,
/// the last N days, or everything — the one period every report takes: the scoreboard
/// (`accord report`), the SLA health check (`accord sla health`) and the feedback report
/// (`accord feedback report`).
///
/// A period is resolved to an exact `DateInterval` — start inclusive, end exclusive — with
/// ``interval(in:)``: the calendar periods start and end at midnight in the time zone given, so
/// a lead captured at 23:30 on the last day of a month in Berlin belongs to that month for a
/// Berlin team and to the next one for a team in Tokyo. Weeks start on Monday (ISO 8601).
/// Periods relative to today (`week`, `30d`) are fixed when parsed, from the `now` the caller
/// passes: the type never reads the clock.
///
/// ```swift
/// let q4 = ReportPeriod.quarter(year: 2026, quarter: 4)
/// let range = try ReportPeriod(parsing: "2026-10-01..2026-10-15", now: now, timeZone: berlin)
/// let interval = try range.interval(in: berlin)
/// ```
public enum ReportPeriod: Hashable, Sendable, Codable {
    /// The Monday-to-Sunday week that contains the date.
    case week(containing: Date)
    /// A calendar month, 1–12.
    case month(year: Int, month: Int)
    /// A calendar quarter, 1–4.
    case quarter(year: Int, quarter: Int)
    /// The days from `first` through `last`, both included.
    case days(first: LocalDate, last: LocalDate)
    /// The months from `first` through `last`, both included; `nil` leaves that side open.
    case months(first: LocalMonth?, last: LocalMonth?)
    /// The `days` × 24 hours up to `end` (exclusive): a trailing window, not cut at midnight.
    case lastDays(Int, endingAt: Date)
    /// Every event in the journal.
    case allTime

    /// The exact span: from the period's first midnight in `timeZone` (inclusive) to the
    /// midnight after its last day (exclusive). ``allTime`` and the open sides of
    /// ``months(first:last:)`` reach `Date.distantPast` and `Date.distantFuture`.
    ///
    /// - Parameter timeZone: the zone whose midnights bound the period.
    /// - Returns: the span, start inclusive, end exclusive.
    /// - Throws: ``ReportPeriodError`` for an impossible period: month 13, the 31st of April,
    ///   a range whose last day or month is before its first, a window of no days.
    public func interval(in timeZone: TimeZone) throws(ReportPeriodError) -> DateInterval {
        let calendar = Self.calendar(in: timeZone)
        switch self {
        case .week(let date):
            guard let week = calendar.dateInterval(of: .weekOfYear, for: date) else {
                throw ReportPeriodError(text: label(in: timeZone), problem: "no week contains \(date)")
            }
            return week
        case .month(let year, let month):
            let first = LocalMonth(year: year, month: month)
            guard first.isValid else {
                throw ReportPeriodError(text: label(in: timeZone), problem: "month \(month) is not 1–12")
            }
            return try DateInterval(
                start: Self.midnight(first.firstDay, calendar), end: Self.midnight(first.next.firstDay, calendar))
        case .quarter(let year, let quarter):
            guard (1...4).contains(quarter) else {
                throw ReportPeriodError(text: label(in: timeZone), problem: "quarter \(quarter) is not 1–4")
            }
            let first = LocalMonth(year: year, month: quarter * 3 - 2)
            return try DateInterval(
                start: Self.midnight(first.firstDay, calendar),
                end: Self.midnight(first.next.next.next.firstDay, calendar))
        case .days(let first, let last):
            let start = try Self.midnight(first, calendar)
            let lastStart = try Self.midnight(last, calendar)
            guard lastStart >= start else {
                throw ReportPeriodError(
                    text: label(in: timeZone), problem: "the range ends (\(last)) before it starts (\(first))")
            }
            return DateInterval(start: start, end: calendar.date(byAdding: .day, value: 1, to: lastStart)!)
        case .months(let first, let last):
            for month in [first, last].compactMap(\.self) where !month.isValid {
                throw ReportPeriodError(
                    text: label(in: timeZone), problem: "\(month) is not a month of the years 1–9999")
            }
            if let first, let last, last < first {
                throw ReportPeriodError(
                    text: label(in: timeZone), problem: "the range ends (\(last)) before it starts (\(first))")
            }
            let start = try first.map { month throws(ReportPeriodError) in try Self.midnight(month.firstDay, calendar) }
            let end = try last.map { month throws(ReportPeriodError) in try Self.midnight(month.next.firstDay, calendar)
            }
            return DateInterval(start: start ?? .distantPast, end: end ?? .distantFuture)
        case .lastDays(let days, let end):
            guard days > 0 else {
                throw ReportPeriodError(text: label(in: timeZone), problem: "a window needs at least 1 day")
            }
            return DateInterval(start: end.addingTimeInterval(-Double(days) * 86_400), end: end)
        case .allTime:
            return DateInterval(start: .distantPast, end: .distantFuture)
        }
    }

    /// A short human name: `2026-W41`, `2026-10`, `2026-Q4`, `2026-10-01..2026-10-15`,
    /// `2026-09..2026-11` (`2026-09..` when open), `the last 30 days`, `all time`.
    ///
    /// - Parameter timeZone: the zone that names the week of a ``week(containing:)`` period.
    /// - Returns: the name.
    public func label(in timeZone: TimeZone) -> String {
        switch self {
        case .week(let date):
            let calendar = Self.calendar(in: timeZone)
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
        case .month(let year, let month): return LocalMonth(year: year, month: month).description
        case .quarter(let year, let quarter): return "\(year)-Q\(quarter)"
        case .days(let first, let last): return "\(first)..\(last)"
        case .months(let first, let last): return "\(first.map(\.description) ?? "")..\(last.map(\.description) ?? "")"
        case .lastDays(let days, _): return "the last \(days) days"
        case .allTime: return "all time"
        }
    }

    /// The first and last month the period touches in `timeZone`, for reports that count month
    /// by month; `nil` on a side that is open (``allTime``, an open range).
    ///
    /// - Parameter timeZone: the zone whose calendar names the months.
    /// - Returns: the first and the last month, both included.
    /// - Throws: ``ReportPeriodError`` for an impossible period (see ``interval(in:)``).
    public func monthSpan(in timeZone: TimeZone) throws(ReportPeriodError) -> (first: LocalMonth?, last: LocalMonth?) {
        switch self {
        case .allTime: return (nil, nil)
        case .months(let first, let last):
            _ = try interval(in: timeZone)
            return (first, last)
        default:
            let interval = try interval(in: timeZone)
            let months = MonthNamer(timeZone: timeZone)
            return (months.month(of: interval.start), months.month(of: interval.end.addingTimeInterval(-0.001)))
        }
    }

    /// A Gregorian calendar in `timeZone` whose weeks start on Monday (ISO 8601).
    static func calendar(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }

    /// The first instant of `day` in the calendar's zone.
    static func midnight(_ day: LocalDate, _ calendar: Calendar) throws(ReportPeriodError) -> Date {
        let components = DateComponents(year: day.year, month: day.month, day: day.day)
        guard day.isValid, let date = calendar.date(from: components) else {
            throw ReportPeriodError(text: day.description, problem: "\(day) is not a calendar date")
        }
        return date
    }
}
