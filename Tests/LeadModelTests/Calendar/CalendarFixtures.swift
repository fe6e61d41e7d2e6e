import Foundation
import LeadModel

/// Calendars and instants shared by the calendar tests.
enum CalendarFixtures {
    static func utc(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static func windows(_ texts: String...) -> [BusinessWindow] {
        texts.map { BusinessWindow($0)! }
    }

    /// New York office with a lunch break, Thanksgiving off and a half day after it.
    static let newYork = WeeklyBusinessCalendar(
        timeZone: "America/New_York",
        hours: [
            .mon: windows("09:00-12:00", "13:00-17:30"), .tue: windows("09:00-12:00", "13:00-17:30"),
            .wed: windows("09:00-12:00", "13:00-17:30"), .thu: windows("09:00-12:00", "13:00-17:30"),
            .fri: windows("09:00-12:00", "13:00-17:30"),
        ],
        holidays: [LocalDate("2026-11-26")!],
        shortDays: [.init(date: LocalDate("2026-11-27")!, hours: windows("09:00-13:00"))])

    static let berlin = WeeklyBusinessCalendar(timeZone: "Europe/Berlin", weekdays: windows("08:00-16:00"))

    static func roundTheClock(_ zone: String) -> WeeklyBusinessCalendar {
        var hours: [Weekday: [BusinessWindow]] = [:]
        for day in Weekday.allCases { hours[day] = windows("00:00-24:00") }
        return WeeklyBusinessCalendar(timeZone: zone, hours: hours)
    }

    /// A Sunday night window that contains the 02:00 daylight-saving change.
    static func sundayNight(_ zone: String) -> WeeklyBusinessCalendar {
        WeeklyBusinessCalendar(timeZone: zone, hours: [.sun: windows("01:00-04:00")])
    }

    /// A late shift in Los Angeles that runs past midnight.
    static let lateShift = WeeklyBusinessCalendar(
        timeZone: "America/Los_Angeles", hours: [.mon: windows("20:00-24:00"), .tue: windows("00:00-02:00")])
}
