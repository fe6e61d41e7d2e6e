import Foundation
import LeadModel
import Testing

struct WeeklyBusinessCalendarTests {
    typealias F = CalendarFixtures

    @Test func leadArrivingFridayEveningStartsMondayMorning() {
        let arrival = F.utc("2026-11-20T23:40:00Z")  // Fri 18:40 EST
        let explanation = F.newYork.explainAdding(2 * 3600, to: arrival)
        #expect(explanation.clockStart == F.utc("2026-11-23T14:00:00Z"))  // Mon 09:00 EST
        #expect(explanation.end == F.utc("2026-11-23T16:00:00Z"))  // Mon 11:00 EST
        #expect(F.newYork.adding(2 * 3600, to: arrival) == explanation.end)
        #expect(
            explanation.steps.first
                == "arrived Fri 2026-11-20 18:40 after hours (America/New_York) → clock starts Mon 2026-11-23 09:00")
        #expect(explanation.steps.last == "2h business time → Mon 2026-11-23 11:00")
    }

    @Test func leadArrivingDuringLunchWaitsForTheAfternoon() {
        let arrival = F.utc("2026-11-24T17:20:00Z")  // Tue 12:20 EST
        let explanation = F.newYork.explainAdding(3600, to: arrival)
        #expect(explanation.end == F.utc("2026-11-24T19:00:00Z"))  // Tue 14:00 EST
        #expect(explanation.steps[0].contains("during a break"))
    }

    @Test func durationSpanningLunchSkipsTheBreak() {
        let start = F.utc("2026-11-24T16:00:00Z")  // Tue 11:00 EST
        #expect(F.newYork.adding(2 * 3600, to: start) == F.utc("2026-11-24T19:00:00Z"))  // 14:00
        #expect(F.newYork.businessTime(from: start, to: F.utc("2026-11-24T19:00:00Z")) == 2 * 3600)
    }

    @Test func holidayIsSkippedAndShortDayCountsItsOwnHours() {
        let start = F.utc("2026-11-25T22:00:00Z")  // Wed 17:00 EST, Thanksgiving next
        let explanation = F.newYork.explainAdding(3600, to: start)
        #expect(explanation.end == F.utc("2026-11-27T14:30:00Z"))  // Fri 09:30 EST
        #expect(explanation.steps.contains("skipped holiday Thu 2026-11-26"))
        // 30m Wed + 4h on the short Friday (09:00–13:00), then Monday 09:30.
        #expect(F.newYork.adding(4.5 * 3600 + 1800, to: start) == F.utc("2026-11-30T14:30:00Z"))
    }

    @Test func springForwardInNewYorkKeepsLocalHours() {
        let friday = F.utc("2026-03-06T22:00:00Z")  // Fri 17:00 EST
        let explanation = F.newYork.explainAdding(2 * 3600, to: friday)
        #expect(explanation.end == F.utc("2026-03-09T14:30:00Z"))  // Mon 10:30 EDT
        #expect(explanation.steps.contains { $0.contains("clocks go forward (UTC-05:00 → UTC-04:00)") })
    }

    @Test func fallBackInNewYorkKeepsLocalHours() {
        let friday = F.utc("2026-10-30T21:00:00Z")  // Fri 17:00 EDT
        #expect(F.newYork.adding(2 * 3600, to: friday) == F.utc("2026-11-02T15:30:00Z"))  // Mon 10:30 EST
    }

    @Test(
        arguments: [
            // zone, day start (local midnight), next day start, business seconds in that day
            ("America/New_York", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", 82_800.0),
            ("America/New_York", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", 90_000.0),
            ("Europe/Berlin", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 82_800.0),
            ("Europe/Berlin", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 90_000.0),
        ] as [(String, String, String, Double)])
    func roundTheClockDayHasItsRealLengthOnChangeDays(zone: String, start: String, end: String, seconds: Double) {
        let calendar = F.roundTheClock(zone)
        #expect(calendar.businessTime(from: F.utc(start), to: F.utc(end)) == seconds)
        #expect(calendar.adding(seconds, to: F.utc(start)) == F.utc(end))
    }

    @Test func twentyFourBusinessHoursAcrossSpringForwardAreTwentyFourRealHours() {
        let saturdayNoon = F.utc("2026-03-07T17:00:00Z")  // Sat 12:00 EST
        #expect(
            F.roundTheClock("America/New_York").adding(24 * 3600, to: saturdayNoon) == F.utc("2026-03-08T17:00:00Z"))
    }

    @Test(
        arguments: [
            // a 01:00–04:00 window on the change night: the skipped hour does not count, the repeated one does
            ("America/New_York", "2026-03-08T06:00:00Z", "2026-03-08T08:00:00Z", 7_200.0),
            ("America/New_York", "2026-11-01T05:00:00Z", "2026-11-01T09:00:00Z", 14_400.0),
            ("Europe/Berlin", "2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z", 7_200.0),
            ("Europe/Berlin", "2026-10-24T23:00:00Z", "2026-10-25T03:00:00Z", 14_400.0),
        ] as [(String, String, String, Double)])
    func windowContainingTheChangeCountsRealTime(zone: String, opens: String, closes: String, seconds: Double) {
        let calendar = F.sundayNight(zone)
        #expect(calendar.adding(0, to: F.utc(opens).addingTimeInterval(-3600)) == F.utc(opens))
        #expect(calendar.adding(seconds, to: F.utc(opens)) == F.utc(closes))
        #expect(calendar.businessTime(from: F.utc(opens), to: F.utc(closes).addingTimeInterval(3600)) == seconds)
    }

    @Test(
        arguments: [
            ("2026-03-27T14:00:00Z", "2026-03-30T07:00:00Z"),  // Fri 15:00 CET → Mon 09:00 CEST
            ("2026-10-23T13:00:00Z", "2026-10-26T08:00:00Z"),  // Fri 15:00 CEST → Mon 09:00 CET
        ] as [(String, String)])
    func berlinOfficeAcrossChangeWeekends(start: String, expected: String) {
        #expect(F.berlin.adding(2 * 3600, to: F.utc(start)) == F.utc(expected))
    }

    @Test func clockRunsAcrossMidnightInTheRepsZone() {
        let monday2300 = F.utc("2026-11-24T07:00:00Z")  // Mon 23:00 PST, already Tuesday in UTC
        let explanation = F.lateShift.explainAdding(2 * 3600, to: monday2300)
        #expect(explanation.end == F.utc("2026-11-24T09:00:00Z"))  // Tue 01:00 PST
        #expect(explanation.steps.contains("Mon 23:00–24:00 counts 1h"))
        #expect(explanation.steps.contains("Tue 00:00–01:00 counts 1h"))
        #expect(F.lateShift.businessTime(from: monday2300, to: explanation.end) == 2 * 3600)
    }

    @Test func businessTimeOverAWeekendCountsOnlyWorkingHours() {
        let friday1600 = F.utc("2026-11-20T21:00:00Z")
        let monday1000 = F.utc("2026-11-23T15:00:00Z")
        #expect(F.newYork.businessTime(from: friday1600, to: monday1000) == 2.5 * 3600)
        #expect(F.newYork.businessTime(from: monday1000, to: friday1600) == -2.5 * 3600)
    }

    @Test(arguments: [0.0, 60.0, 1800.0, 10_800.0, 30_600.0, 144_000.0, 720_000.0] as [Double])
    func addingThenMeasuringGivesTheDurationBack(duration: Double) {
        let start = F.utc("2026-10-28T14:15:00Z")  // Wed 10:15 EDT, DST ends within the range
        let end = F.newYork.adding(duration, to: start)
        #expect(F.newYork.businessTime(from: start, to: end) == duration)
    }

    @Test func calendarWithoutHoursNeverReachesADeadline() {
        let calendar = WeeklyBusinessCalendar(timeZone: "UTC", hours: [:])
        #expect(calendar.adding(60, to: F.utc("2026-01-01T00:00:00Z")) == .distantFuture)
        #expect(calendar.problems().map(\.path) == ["hours"])
    }
}

struct WeeklyBusinessCalendarConfigurationTests {
    @Test func decodesAndEncodesTheJSONShape() throws {
        let json = """
            {"timeZone": "Europe/Berlin",
             "hours": {"mon": ["08:00-12:00", "13:00-17:00"], "fri": ["08:00-14:00"]},
             "holidays": ["2026-12-25"],
             "shortDays": [{"date": "2026-12-24", "hours": ["08:00-12:00"]}]}
            """
        let calendar = try JSONDecoder().decode(WeeklyBusinessCalendar.self, from: Data(json.utf8))
        #expect(calendar.hours[.mon] == CalendarFixtures.windows("08:00-12:00", "13:00-17:00"))
        #expect(calendar.holidays == [LocalDate(year: 2026, month: 12, day: 25)])
        #expect(calendar.problems().isEmpty)
        let again = try JSONDecoder().decode(WeeklyBusinessCalendar.self, from: JSONEncoder().encode(calendar))
        #expect(again == calendar)
    }

    @Test(arguments: ["\"9:00-12:00\"", "\"09:00\"", "\"25:00-26:00\"", "\"09:00-12:60\""] as [String])
    func malformedWindowFailsToDecode(window: String) {
        let json = #"{"timeZone": "UTC", "hours": {"mon": [\#(window)]}}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(WeeklyBusinessCalendar.self, from: Data(json.utf8))
        }
    }

    @Test func reportsProblemsWithPaths() throws {
        let json = """
            {"timeZone": "Mars/Olympus",
             "hours": {"mon": ["09:00-12:00", "11:00-13:00"], "tue": ["17:00-09:00"]},
             "holidays": ["2026-12-25", "2026-12-25"],
             "shortDays": [{"date": "2026-12-25", "hours": ["09:00-12:00"]}]}
            """
        let calendar = try JSONDecoder().decode(WeeklyBusinessCalendar.self, from: Data(json.utf8))
        let paths = calendar.problems().map(\.path)
        #expect(paths == ["timeZone", "hours.mon[1]", "hours.tue[0]", "holidays[1]", "shortDays[0].date"])
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "26-01-01", "2026-1-1"])
    func invalidDatesAreRejected(text: String) {
        #expect(LocalDate(text) == nil)
    }
}

struct WeeklyBusinessCalendarKeyTests {
    @Test func unknownWeekdayKeyFailsToDecode() {
        let json = #"{"timeZone": "UTC", "hours": {"monday": ["09:00-17:00"]}}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(WeeklyBusinessCalendar.self, from: Data(json.utf8))
        }
    }
}
