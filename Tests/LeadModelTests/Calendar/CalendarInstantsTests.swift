import Foundation
import LeadModel
import Testing

/// `isWorking(at:)` and `startOfDay(containing:)`: the questions routing asks of a rep's calendar.
struct CalendarInstantsTests {
    static func date(_ text: String) -> Date { (try? Date(text, strategy: .iso8601)) ?? .distantPast }

    static func office(_ zone: String) -> WeeklyBusinessCalendar {
        WeeklyBusinessCalendar(
            timeZone: zone, weekdays: [BusinessWindow("09:00-12:00")!, BusinessWindow("13:00-17:00")!],
            holidays: [LocalDate(year: 2026, month: 12, day: 25)])
    }

    @Test(arguments: [
        // New York leaves summer time on 1 Nov 2026, Berlin on 25 Oct 2026.
        ("America/New_York", "2026-10-30T13:00:00Z", true),  // Fri 09:00 EDT
        ("America/New_York", "2026-11-02T13:00:00Z", false),  // Mon 08:00 EST
        ("America/New_York", "2026-11-02T14:00:00Z", true),  // Mon 09:00 EST
        ("America/New_York", "2026-11-02T17:00:00Z", false),  // Mon 12:00 EST: lunch, the end is exclusive
        ("America/New_York", "2026-11-02T21:59:00Z", true),  // Mon 16:59 EST
        ("America/New_York", "2026-11-06T23:30:00Z", false),  // Fri 18:30 EST: evening
        ("America/New_York", "2026-12-25T15:00:00Z", false),  // Christmas, a holiday
        ("Europe/Berlin", "2026-10-23T07:00:00Z", true),  // Fri 09:00 CEST
        ("Europe/Berlin", "2026-10-26T07:00:00Z", false),  // Mon 08:00 CET
        ("Europe/Berlin", "2026-10-26T08:00:00Z", true),  // Mon 09:00 CET
        ("Europe/Berlin", "2026-03-30T07:00:00Z", true),  // Mon 09:00 CEST after spring forward
        ("Europe/Berlin", "2026-03-30T06:59:00Z", false),
    ])
    func workingTimeIsLocalAcrossDaylightSavingChanges(_ zone: String, _ instant: String, _ working: Bool) {
        #expect(Self.office(zone).isWorking(at: Self.date(instant)) == working)
    }

    @Test(arguments: [
        ("America/New_York", "2026-11-01T12:00:00Z", "2026-11-01T04:00:00Z"),  // the fall-back day began in EDT
        ("America/New_York", "2026-11-02T03:00:00Z", "2026-11-01T04:00:00Z"),  // 22:00 EST is still 1 Nov
        ("America/New_York", "2026-03-08T12:00:00Z", "2026-03-08T05:00:00Z"),  // spring-forward day began in EST
        ("Europe/Berlin", "2026-10-25T12:00:00Z", "2026-10-24T22:00:00Z"),
        ("Europe/Berlin", "2026-10-25T23:30:00Z", "2026-10-25T23:00:00Z"),  // 00:30 CET on the 26th
        ("Europe/Berlin", "2026-03-29T12:00:00Z", "2026-03-28T23:00:00Z"),
    ])
    func localDaysBeginAtLocalMidnight(_ zone: String, _ instant: String, _ start: String) {
        #expect(Self.office(zone).startOfDay(containing: Self.date(instant)) == Self.date(start))
    }

    @Test func anAllDayCalendarAlwaysWorksAndKeepsItsZonesDays() {
        let always = WeeklyBusinessCalendar.allDay(timeZone: "Asia/Tokyo")
        #expect(always.isWorking(at: Self.date("2026-11-22T03:00:00Z")))  // Sunday noon in Tokyo
        #expect(always.startOfDay(containing: Self.date("2026-11-22T16:00:00Z")) == Self.date("2026-11-22T15:00:00Z"))
        #expect(always.problems().isEmpty)
    }
}
