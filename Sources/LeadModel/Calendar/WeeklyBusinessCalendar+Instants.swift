import Foundation

extension WeeklyBusinessCalendar {
    /// A calendar that works every hour of every day in a time zone: for someone with no set
    /// hours whose days (for a daily cap) still begin at local midnight.
    ///
    /// - Parameter timeZone: an IANA identifier; an unknown one counts as UTC.
    /// - Returns: the calendar.
    public static func allDay(timeZone: String) -> WeeklyBusinessCalendar {
        let day = [BusinessWindow(start: LocalTime(hour: 0), end: LocalTime(hour: 24))]
        var hours: [Weekday: [BusinessWindow]] = [:]
        for weekday in Weekday.allCases { hours[weekday] = day }
        return WeeklyBusinessCalendar(timeZone: timeZone, hours: hours)
    }

    /// Whether an instant falls within a working window of its local day (holidays and short days
    /// applied). The start of a window counts, its end does not.
    ///
    /// A table look-up and a scan of the day's windows: cheap enough for every candidate of every
    /// routing decision.
    ///
    /// ```swift
    /// let hours = WeeklyBusinessCalendar(timeZone: "Europe/Berlin", weekdays: [BusinessWindow("09:00-17:00")!])
    /// hours.isWorking(at: mondayNoonInBerlin)  // true
    /// ```
    ///
    /// - Parameter instant: the instant to judge.
    /// - Returns: `true` within working time.
    public func isWorking(at instant: Date) -> Bool {
        let table = compiled
        let local = table.zone.local(instant.timeIntervalSince1970)
        let day = Int((local / 86_400).rounded(.down))
        let seconds = local - Double(day) * 86_400
        for span in table.spans(day: day) where span.start <= seconds && seconds < span.end { return true }
        return false
    }

    /// The instant the local day containing `instant` began: local midnight, or the instant of
    /// the daylight-saving jump when the clocks skip midnight.
    ///
    /// - Parameter instant: any instant of the day.
    /// - Returns: the first instant of that local day.
    public func startOfDay(containing instant: Date) -> Date {
        let table = compiled
        let day = table.day(of: instant.timeIntervalSince1970)
        return Date(timeIntervalSince1970: table.zone.instant(local: Double(day) * 86_400))
    }
}
