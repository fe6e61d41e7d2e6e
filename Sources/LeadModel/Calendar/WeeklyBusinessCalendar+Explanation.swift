import Foundation

extension WeeklyBusinessCalendar {
    /// The most windows listed one by one before the rest are summed up.
    static let listedWindows = 6

    /// An instant in local time: `"Mon 2026-11-23 09:00"`.
    ///
    /// - Parameter instant: the instant.
    /// - Returns: weekday, local date and time (seconds when not whole minutes).
    public func describe(_ instant: Date) -> String {
        let local = compiled.zone.local(instant.timeIntervalSince1970)
        let day = Int((local / 86_400).rounded(.down))
        return Self.describe(day: day, seconds: local - Double(day) * 86_400)
    }

    static func describe(day: Int, seconds: Double) -> String {
        let (year, month, dayOfMonth) = CivilDays.civil(fromDays: day)
        let weekday = Weekday.allCases[CivilDays.weekdayIndex(ofDay: day)].shortName
        let date = LocalDate(year: year, month: month, day: dayOfMonth)
        return "\(weekday) \(date) \(clock(seconds))"
    }

    /// `"09:00"`, or `"09:00:30"` when not whole minutes.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let time = LocalTime(hour: whole / 3600, minute: (whole % 3600) / 60).description
        let rest = whole % 60
        return rest == 0 ? time : time + ":" + (rest < 10 ? "0\(rest)" : "\(rest)")
    }

    /// The arithmetic of ``adding(_:to:)`` step by step: where the start fell (within hours, before
    /// or after hours, in a break, on a holiday or a day off), the windows that counted, the
    /// holidays skipped, any daylight-saving change on the way, and the result.
    ///
    /// - Parameters:
    ///   - duration: business seconds to add.
    ///   - start: the instant to count from.
    /// - Returns: the clock start, the end and the steps.
    public func explainAdding(_ duration: TimeInterval, to start: Date) -> BusinessTimeExplanation {
        let table = compiled
        let from = start.timeIntervalSince1970
        let clockStart = adding(0, to: start)
        let end = adding(duration, to: start)
        var steps: [String] = [arrival(at: from, clockStart: clockStart.timeIntervalSince1970)]
        guard end != .distantFuture else {
            steps.append("no working time within ten years: the calendar has no hours")
            return BusinessTimeExplanation(start: start, clockStart: clockStart, end: end, steps: steps)
        }
        let to = end.timeIntervalSince1970
        var listed = 0
        var unlisted = 0.0
        var day = table.day(of: clockStart.timeIntervalSince1970)
        let lastDay = table.day(of: to)
        while day <= lastDay {
            let dayStart = Double(day) * 86_400
            if table.holidays.contains(day), table.week[CivilDays.weekdayIndex(ofDay: day)].count > 0 {
                steps.append("skipped holiday \(Self.describe(day: day, seconds: 0).dropLast(6))")
            }
            for span in table.spans(day: day) {
                let windowStart = table.zone.instant(local: dayStart + span.start)
                let windowEnd = table.zone.instant(local: dayStart + span.end)
                let lower = max(windowStart, from)
                let upper = min(windowEnd, to)
                guard upper > lower else { continue }
                if listed < Self.listedWindows {
                    let weekday = Weekday.allCases[CivilDays.weekdayIndex(ofDay: day)].shortName
                    let lowerText = Self.clock(table.zone.local(lower) - dayStart)
                    let upperText = Self.clock(table.zone.local(upper) - dayStart)
                    steps.append(
                        "\(weekday) \(lowerText)–\(upperText) counts \(BusinessTimeExplanation.format(upper - lower))")
                    listed += 1
                } else {
                    unlisted += upper - lower
                }
            }
            day += 1
        }
        if unlisted > 0 {
            steps.append("further windows count \(BusinessTimeExplanation.format(unlisted))")
        }
        for change in table.zone.transitions(from: from, to: to) {
            let direction = change.to > change.from ? "clocks go forward" : "clocks go back"
            steps.append(
                "daylight-saving change \(describe(Date(timeIntervalSince1970: change.at))): \(direction) "
                    + "(\(Self.offset(change.from)) → \(Self.offset(change.to))); windows stay on local time")
        }
        steps.append("\(BusinessTimeExplanation.format(duration)) business time → \(describe(end))")
        return BusinessTimeExplanation(start: start, clockStart: clockStart, end: end, steps: steps)
    }

    /// Where an instant falls, and where the clock starts.
    private func arrival(at instant: Double, clockStart: Double) -> String {
        let table = compiled
        let arrived = describe(Date(timeIntervalSince1970: instant))
        if clockStart == instant { return "arrived \(arrived) within working hours (\(timeZone))" }
        let starts =
            clockStart == Date.distantFuture.timeIntervalSince1970
            ? "no working time follows"
            : "clock starts \(describe(Date(timeIntervalSince1970: clockStart)))"
        let day = table.day(of: instant)
        let seconds = table.zone.local(instant) - Double(day) * 86_400
        let spans = table.spans(day: day)
        let situation: String
        if table.holidays.contains(day) {
            situation = "on a holiday"
        } else if spans.isEmpty {
            situation = "on a day off"
        } else if seconds < spans[0].start {
            situation = "before hours"
        } else if seconds >= spans[spans.count - 1].end {
            situation = "after hours"
        } else {
            situation = "during a break"
        }
        return "arrived \(arrived) \(situation) (\(timeZone)) → \(starts)"
    }

    /// `"UTC-05:00"`.
    static func offset(_ seconds: Double) -> String {
        let total = Int(seconds)
        let sign = total < 0 ? "-" : "+"
        let minutes = abs(total) / 60
        let hours = minutes / 60
        let rest = minutes % 60
        return "UTC\(sign)" + (hours < 10 ? "0\(hours)" : "\(hours)") + ":" + (rest < 10 ? "0\(rest)" : "\(rest)")
    }
}
