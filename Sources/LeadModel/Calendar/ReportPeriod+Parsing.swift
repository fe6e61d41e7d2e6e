import Foundation

extension ReportPeriod {
    /// The longest trailing window `Nd` accepts, in days (about ten years).
    public static let maximumTrailingDays = 3_660

    /// Parses a period as every report's `--period` option takes it.
    ///
    /// Accepted forms (case-insensitive, surrounding spaces ignored):
    /// - `week`, `month`, `quarter`: the one containing `now` in `timeZone`;
    /// - `all` or `all-time` (and `..`, a range open on both sides): every event;
    /// - `YYYY-MM` (a month), `YYYY-Qn` (a quarter; `YYYY-Q0n` too), `YYYY-Www` (an ISO 8601 week);
    /// - `Nd`: the last N days up to `now` (1–3660), such as `30d`;
    /// - `FROM..TO` with days as `YYYY-MM-DD`, both included;
    /// - `FROM..TO` with months as `YYYY-MM`, both included; either side may be empty for an
    ///   open range (`2026-09..`).
    ///
    /// - Parameters:
    ///   - text: the period.
    ///   - now: the instant `week`, `month`, `quarter` and `Nd` are relative to.
    ///   - timeZone: the zone in which `now` falls into a week, a month or a quarter.
    /// - Throws: ``ReportPeriodError`` naming the text and the accepted forms, or what makes the
    ///   period impossible (`2026-13`, `2026-02-30..2026-03-01`, a range that ends before it starts).
    public init(parsing text: String, now: Date, timeZone: TimeZone) throws(ReportPeriodError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let period = Self.form(trimmed.uppercased(), now: now, timeZone: timeZone) else {
            throw ReportPeriodError(text: trimmed)
        }
        do {
            _ = try period.interval(in: timeZone)
        } catch {
            throw ReportPeriodError(text: trimmed, problem: error.problem)
        }
        self = period
    }

    /// The form `text` (upper-cased) has, or `nil`; not yet checked for impossible dates.
    private static func form(_ text: String, now: Date, timeZone: TimeZone) -> ReportPeriod? {
        let calendar = calendar(in: timeZone)
        let today = calendar.dateComponents([.year, .month], from: now)
        switch text {
        case "WEEK": return .week(containing: now)
        case "MONTH": return .month(year: today.year!, month: today.month!)
        case "QUARTER": return .quarter(year: today.year!, quarter: (today.month! - 1) / 3 + 1)
        case "ALL", "ALL-TIME", "..": return .allTime
        default: break
        }
        if text.hasSuffix("D"), text.count > 1, text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard let days = Int(text.dropLast()), (1...maximumTrailingDays).contains(days) else { return nil }
            return .lastDays(days, endingAt: now)
        }
        if let range = text.range(of: "..") {
            let first = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let last = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if let firstDay = LocalDate(exactly: first), let lastDay = LocalDate(exactly: last) {
                return .days(first: firstDay, last: lastDay)
            }
            let firstMonth = LocalMonth(first)
            let lastMonth = LocalMonth(last)
            guard firstMonth != nil || first.isEmpty, lastMonth != nil || last.isEmpty else { return nil }
            return .months(first: firstMonth, last: lastMonth)
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
            let year = Int(parts[0]), year >= 1
        else { return nil }
        let second = parts[1]
        let number = second.dropFirst()
        let digits = !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
        if second.hasPrefix("Q"), (2...3).contains(second.count), digits, let quarter = Int(number) {
            return .quarter(year: year, quarter: quarter)
        }
        if second.hasPrefix("W"), second.count == 3, digits, let week = Int(number) {
            let components = DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year)
            guard (1...53).contains(week), let monday = calendar.date(from: components),
                calendar.component(.weekOfYear, from: monday) == week
            else { return nil }
            return .week(containing: monday)
        }
        if second.count == 2, second.allSatisfy({ $0.isASCII && $0.isNumber }), let month = Int(second) {
            return .month(year: year, month: month)
        }
        return nil
    }
}

extension LocalDate {
    /// `YYYY-MM-DD` with digits only, checked later (an impossible date still parses here, so
    /// the error can say it is not a calendar date).
    fileprivate init?(exactly text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, zip(parts, [4, 2, 2]).allSatisfy({ $0.count == $1 }),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}
