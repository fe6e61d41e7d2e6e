import Foundation

/// The span of time a scoreboard covers: a week, a month, a quarter or a custom range of days,
/// in a chosen time zone.
///
/// Weeks start on Monday (ISO 8601). A period is resolved to an exact `DateInterval` — start
/// inclusive, end exclusive — with ``interval(in:)``, so a lead captured at 23:30 on the last day
/// of a month in Berlin belongs to that month for a Berlin team and to the next one for a team
/// in Tokyo.
///
/// ```swift
/// let q4 = ReportPeriod.quarter(year: 2026, quarter: 4)
/// let range = try ReportPeriod(parsing: "2026-10-01..2026-10-15", now: .now, timeZone: berlin)
/// ```
public enum ReportPeriod: Hashable, Sendable, Codable {
    /// The Monday-to-Sunday week that contains the date.
    case week(containing: Date)
    /// A calendar month, 1–12.
    case month(year: Int, month: Int)
    /// A calendar quarter, 1–4.
    case quarter(year: Int, quarter: Int)
    /// The days from `first` through `last` (both included), each given as a year, month and
    /// day.
    case days(first: LocalDay, last: LocalDay)
    /// Every event in the journal.
    case allTime

    /// A calendar day without a time or zone.
    public struct LocalDay: Hashable, Sendable, Codable, CustomStringConvertible {
        public var year: Int
        public var month: Int
        public var day: Int

        /// Creates a day.
        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// `2026-10-01`.
        public var description: String {
            String(format: "%04d-%02d-%02d", year, month, day)
        }
    }

    /// A Gregorian calendar in `timeZone` whose weeks start on Monday.
    public static func calendar(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }

    /// The exact span: from the period's first midnight in `timeZone` (inclusive) to the
    /// midnight after its last day (exclusive). ``allTime`` spans every representable date.
    ///
    /// - Parameter timeZone: the zone whose midnights bound the period.
    /// - Throws: ``ScoreboardError`` `invalidPeriod` for an impossible date (month 13, the 31st
    ///   of April, a range whose last day is before its first).
    public func interval(in timeZone: TimeZone) throws(ScoreboardError) -> DateInterval {
        let calendar = Self.calendar(in: timeZone)
        switch self {
        case .week(let date):
            guard let week = calendar.dateInterval(of: .weekOfYear, for: date) else {
                throw ScoreboardError(.invalidPeriod, message: "no week contains \(date)")
            }
            return week
        case .month(let year, let month):
            guard (1...12).contains(month) else {
                throw ScoreboardError(.invalidPeriod, message: "month \(month) is not 1–12")
            }
            let start = try Self.midnight(LocalDay(year: year, month: month, day: 1), calendar)
            return DateInterval(start: start, end: calendar.date(byAdding: .month, value: 1, to: start)!)
        case .quarter(let year, let quarter):
            guard (1...4).contains(quarter) else {
                throw ScoreboardError(.invalidPeriod, message: "quarter \(quarter) is not 1–4")
            }
            let start = try Self.midnight(LocalDay(year: year, month: quarter * 3 - 2, day: 1), calendar)
            return DateInterval(start: start, end: calendar.date(byAdding: .month, value: 3, to: start)!)
        case .days(let first, let last):
            let start = try Self.midnight(first, calendar)
            let lastStart = try Self.midnight(last, calendar)
            guard lastStart >= start else {
                throw ScoreboardError(.invalidPeriod, message: "the range ends (\(last)) before it starts (\(first))")
            }
            return DateInterval(start: start, end: calendar.date(byAdding: .day, value: 1, to: lastStart)!)
        case .allTime:
            return DateInterval(start: .distantPast, end: .distantFuture)
        }
    }

    /// A short human name: `2026-W41`, `2026-10`, `2026-Q4`, `2026-10-01..2026-10-15`, `all time`.
    public func label(in timeZone: TimeZone) -> String {
        switch self {
        case .week(let date):
            let calendar = Self.calendar(in: timeZone)
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
        case .month(let year, let month): return String(format: "%04d-%02d", year, month)
        case .quarter(let year, let quarter): return "\(year)-Q\(quarter)"
        case .days(let first, let last): return "\(first)..\(last)"
        case .allTime: return "all time"
        }
    }

    private static func midnight(_ day: LocalDay, _ calendar: Calendar) throws(ScoreboardError) -> Date {
        let components = DateComponents(year: day.year, month: day.month, day: day.day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            throw ScoreboardError(.invalidPeriod, message: "\(day) is not a calendar date")
        }
        return date
    }
}

extension ReportPeriod {
    /// Parses the CLI forms: `week`, `month` and `quarter` (the one containing `now`), `all`,
    /// `YYYY-MM`, `YYYY-Qn`, `YYYY-Www` (an ISO week), and `FROM..TO` with days as `YYYY-MM-DD`
    /// (both included).
    ///
    /// - Parameters:
    ///   - text: the period.
    ///   - now: the date `week`, `month` and `quarter` are relative to.
    ///   - timeZone: the zone in which `now` falls into a month or a quarter.
    /// - Throws: ``ScoreboardError`` `invalidPeriod` naming the accepted forms.
    public init(parsing text: String, now: Date, timeZone: TimeZone) throws(ScoreboardError) {
        let calendar = Self.calendar(in: timeZone)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let today = calendar.dateComponents([.year, .month], from: now)
        switch trimmed.lowercased() {
        case "week":
            self = .week(containing: now)
            return
        case "month":
            self = .month(year: today.year!, month: today.month!)
            return
        case "quarter":
            self = .quarter(year: today.year!, quarter: (today.month! - 1) / 3 + 1)
            return
        case "all", "all-time":
            self = .allTime
            return
        default:
            break
        }
        let invalid = ScoreboardError(
            .invalidPeriod, field: "--period",
            message:
                "expected week, month, quarter, all, YYYY-MM, YYYY-Qn, YYYY-Www or FROM..TO with days as YYYY-MM-DD; got '\(trimmed)'"
        )
        if let range = trimmed.range(of: "..") {
            guard let first = Self.day(trimmed[..<range.lowerBound]),
                let last = Self.day(trimmed[range.upperBound...])
            else { throw invalid }
            self = .days(first: first, last: last)
        } else {
            let parts = trimmed.uppercased().split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]) else { throw invalid }
            let second = parts[1]
            if second.hasPrefix("Q"), let quarter = Int(second.dropFirst()), second.count == 2 {
                self = .quarter(year: year, quarter: quarter)
            } else if second.hasPrefix("W"), let week = Int(second.dropFirst()), second.count == 3 {
                let components = DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year)
                guard (1...53).contains(week), let monday = calendar.date(from: components),
                    calendar.component(.weekOfYear, from: monday) == week
                else { throw invalid }
                self = .week(containing: monday)
            } else if second.count == 2, let month = Int(second) {
                self = .month(year: year, month: month)
            } else {
                throw invalid
            }
        }
        do {
            _ = try interval(in: timeZone)
        } catch {
            var named = error
            named.field = "--period"
            throw named
        }
    }

    private static func day(_ text: Substring) -> LocalDay? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return LocalDay(year: year, month: month, day: day)
    }
}
