import Foundation

extension WeeklyBusinessCalendar {
    /// Every problem with the calendar's content, each with a path relative to the calendar
    /// (`hours.mon[1]`, `holidays[0]`). Empty when valid.
    ///
    /// Reports an unknown time zone, a window that ends before it starts, overlapping windows, a
    /// week with no working time, and a date listed twice.
    ///
    /// - Returns: path and message for each problem.
    public func problems() -> [(path: String, message: String)] {
        var problems: [(path: String, message: String)] = []
        if TimeZone(identifier: timeZone) == nil {
            problems.append(("timeZone", "'\(timeZone)' is not an IANA time zone such as \"America/New_York\""))
        }
        for day in Weekday.allCases {
            guard let windows = hours[day] else { continue }
            problems += Self.windowProblems(windows, path: "hours.\(day.rawValue)")
        }
        if compiled.weeklySeconds == 0 {
            problems.append(("hours", "no weekday has working time, so no business deadline can be reached"))
        }
        var seen = Set<LocalDate>()
        for (index, date) in holidays.enumerated() where !seen.insert(date).inserted {
            problems.append(("holidays[\(index)]", "\(date) is listed twice"))
        }
        for (index, short) in shortDays.enumerated() {
            if !seen.insert(short.date).inserted {
                problems.append(("shortDays[\(index)].date", "\(short.date) is also a holiday or another short day"))
            }
            problems += Self.windowProblems(short.hours, path: "shortDays[\(index)].hours")
        }
        return problems
    }

    private static func windowProblems(
        _ windows: [BusinessWindow], path: String
    ) -> [(path: String, message: String)] {
        var problems: [(path: String, message: String)] = []
        for (index, window) in windows.enumerated() {
            if window.end <= window.start {
                problems.append(("\(path)[\(index)]", "window \(window) ends before it starts"))
            }
            for earlier in 0..<index where windows[earlier].end > window.start && window.end > windows[earlier].start {
                problems.append(("\(path)[\(index)]", "window \(window) overlaps \(windows[earlier])"))
            }
        }
        return problems
    }
}
