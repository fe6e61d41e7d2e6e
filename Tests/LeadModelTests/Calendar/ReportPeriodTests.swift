import Foundation
import LeadModel
import Testing

/// The one period grammar every report's `--period` takes.
struct ReportPeriodTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!

    /// 2026-10-07 15:00 UTC, a Wednesday.
    static let now = at(2026, 10, 7, 15)

    static func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        LocalDate(year: year, month: month, day: day)
    }

    /// Every form any of `accord report`, `accord sla health` and `accord feedback report`
    /// accepted before they shared one grammar.
    @Test(arguments: [
        ("2026-Q4", ReportPeriod.quarter(year: 2026, quarter: 4)),
        ("2026-q1", .quarter(year: 2026, quarter: 1)),
        ("2026-Q04", .quarter(year: 2026, quarter: 4)),
        ("2026-10", .month(year: 2026, month: 10)),
        ("quarter", .quarter(year: 2026, quarter: 4)),
        ("month", .month(year: 2026, month: 10)),
        ("Month", .month(year: 2026, month: 10)),
        ("week", .week(containing: now)),
        ("all", .allTime),
        ("all-time", .allTime),
        ("..", .allTime),
        (" 2026-10 ", .month(year: 2026, month: 10)),
        ("2026-10-01..2026-10-15", .days(first: day(2026, 10, 1), last: day(2026, 10, 15))),
        ("30d", .lastDays(30, endingAt: now)),
        ("1d", .lastDays(1, endingAt: now)),
        ("3660d", .lastDays(3_660, endingAt: now)),
        ("2026-09..2026-11", .months(first: LocalMonth(year: 2026, month: 9), last: LocalMonth(year: 2026, month: 11))),
        ("2020-01..", .months(first: LocalMonth(year: 2020, month: 1), last: nil)),
        ("..2026-11", .months(first: nil, last: LocalMonth(year: 2026, month: 11))),
        (
            "2026-11..2026-11",
            .months(first: LocalMonth(year: 2026, month: 11), last: LocalMonth(year: 2026, month: 11))
        ),
    ])
    func parsesEveryForm(_ text: String, _ expected: ReportPeriod) throws {
        #expect(try ReportPeriod(parsing: text, now: Self.now, timeZone: Self.utc) == expected)
    }

    @Test(arguments: [
        ("2026-13", "'2026-13' is not a period: month 13 is not 1–12"),
        ("2026-Q5", "'2026-Q5' is not a period: quarter 5 is not 1–4"),
        ("2026-02-30..2026-03-01", "'2026-02-30..2026-03-01' is not a period: 2026-02-30 is not a calendar date"),
        (
            "2026-10-15..2026-10-01",
            "'2026-10-15..2026-10-01' is not a period: the range ends (2026-10-01) before it starts (2026-10-15)"
        ),
        ("2026-11..2026-10", "'2026-11..2026-10' is not a period: the range ends (2026-10) before it starts (2026-11)"),
    ])
    func namesWhatMakesAPeriodImpossible(_ text: String, _ message: String) {
        #expect(throws: ReportPeriodError.self) { try ReportPeriod(parsing: text, now: Self.now, timeZone: Self.utc) }
        do {
            _ = try ReportPeriod(parsing: text, now: Self.now, timeZone: Self.utc)
        } catch {
            #expect(error.text == text)
            #expect(error.description == message)
        }
    }

    @Test(arguments: [
        "Q4", "2026", "26-01", "2026-W54", "2026-W00", "", "fortnight", "0d", "3661d", "-5d", "d", "30 days", "a..b",
        "2026-01..2026-02..2026-03", "2026-10-01..2026-10", "2026-1", "2026-+1", "0000-01", "2026-Q",
        "2026-Q+4", "2026-Q004", "+30d", "2026-13..2026-14",
    ])
    func refusesTextThatIsNoFormNamingTheAcceptedForms(_ text: String) {
        do {
            _ = try ReportPeriod(parsing: text, now: Self.now, timeZone: Self.utc)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.text == text.trimmingCharacters(in: .whitespaces))
            #expect(error.problem == nil)
            #expect(error.description.hasPrefix("'\(text)' is not a period; use week, month, quarter or all"))
            #expect(error.description.contains("2026-09..2026-11"))
            #expect(error.description.contains("30d"))
        }
    }

    @Test func weeksStartOnMondayInTheChosenZone() throws {
        let week = try ReportPeriod(parsing: "week", now: Self.now, timeZone: Self.utc)
        let interval = try week.interval(in: Self.utc)
        #expect(interval.start == Self.at(2026, 10, 5))
        #expect(interval.end == Self.at(2026, 10, 12))
        #expect(week.label(in: Self.utc) == "2026-W41")
        let iso = try ReportPeriod(parsing: "2026-W41", now: Self.now, timeZone: Self.utc)
        #expect(try iso.interval(in: Self.utc) == interval)
        #expect(try week.interval(in: Self.tokyo).start == Self.at(2026, 10, 4, 15))
    }

    @Test func relativeFormsFollowTheInjectedNowAndZone() throws {
        // 2026-12-31 20:00 in New York is already 2027 in UTC.
        let newYearsEve = Self.at(2027, 1, 1, 1)
        #expect(
            try ReportPeriod(parsing: "quarter", now: newYearsEve, timeZone: Self.newYork)
                == .quarter(year: 2026, quarter: 4))
        #expect(
            try ReportPeriod(parsing: "quarter", now: newYearsEve, timeZone: Self.utc)
                == .quarter(year: 2027, quarter: 1))
        #expect(
            try ReportPeriod(parsing: "month", now: newYearsEve, timeZone: Self.newYork)
                == .month(year: 2026, month: 12))
    }

    @Test func customRangesIncludeTheirLastDay() throws {
        let range = ReportPeriod.days(first: Self.day(2026, 10, 1), last: Self.day(2026, 10, 1))
        #expect(try range.interval(in: Self.utc).duration == 86_400)
    }

    @Test func aDayRangeAcrossTheDSTChangeHasTheLocalMidnights() throws {
        // Clocks go back in New York on 2026-11-01: that day has 25 hours.
        let range = try ReportPeriod(parsing: "2026-11-01..2026-11-01", now: Self.now, timeZone: Self.newYork)
        let interval = try range.interval(in: Self.newYork)
        #expect(interval.start == Self.at(2026, 11, 1, 4))
        #expect(interval.end == Self.at(2026, 11, 2, 5))
        #expect(interval.duration == 25 * 3_600)
    }

    @Test func quarterInNewYorkStartsAtLocalMidnight() throws {
        let interval = try ReportPeriod.quarter(year: 2026, quarter: 4).interval(in: Self.newYork)
        #expect(interval.start == Self.at(2026, 10, 1, 4))
        #expect(interval.end == Self.at(2027, 1, 1, 5))
    }

    @Test func monthRangesRunFromTheFirstMidnightToTheMidnightAfterTheLastMonth() throws {
        let range = try ReportPeriod(parsing: "2026-09..2026-11", now: Self.now, timeZone: Self.tokyo)
        let interval = try range.interval(in: Self.tokyo)
        #expect(interval.start == Self.at(2026, 8, 31, 15))
        #expect(interval.end == Self.at(2026, 11, 30, 15))
        let open = try ReportPeriod(parsing: "2026-09..", now: Self.now, timeZone: Self.utc).interval(in: Self.utc)
        #expect(open.start == Self.at(2026, 9, 1))
        #expect(open.end == .distantFuture)
    }

    @Test func aTrailingWindowEndsAtNowAndIsNotCutAtMidnight() throws {
        let window = try ReportPeriod(parsing: "30d", now: Self.now, timeZone: Self.newYork)
        let interval = try window.interval(in: Self.newYork)
        #expect(interval.end == Self.now)
        #expect(interval.duration == 30 * 86_400)
        #expect(window.label(in: Self.utc) == "the last 30 days")
    }

    @Test(arguments: [
        ("2026-Q4", "2026-Q4"), ("2026-10", "2026-10"), ("2026-W41", "2026-W41"), ("all", "all time"),
        ("2026-10-01..2026-10-15", "2026-10-01..2026-10-15"), ("2026-09..2026-11", "2026-09..2026-11"),
        ("2026-09..", "2026-09.."), ("7d", "the last 7 days"),
    ])
    func labelsNameThePeriod(_ text: String, _ label: String) throws {
        #expect(try ReportPeriod(parsing: text, now: Self.now, timeZone: Self.utc).label(in: Self.utc) == label)
    }

    @Test(arguments: [
        ("2026-Q4", "2026-10", "2026-12"), ("2026-10-15..2026-11-02", "2026-10", "2026-11"),
        ("2026-10", "2026-10", "2026-10"),
        ("2026-09..", "2026-09", nil), ("all", nil, nil), ("30d", "2026-09", "2026-10"),
    ])
    func monthSpansNameTheFirstAndLastMonthTouched(_ text: String, _ first: String?, _ last: String?) throws {
        let span = try ReportPeriod(parsing: text, now: Self.now, timeZone: Self.utc).monthSpan(in: Self.utc)
        #expect(span.first?.description == first)
        #expect(span.last?.description == last)
    }

    @Test func periodsBuiltInCodeAreCheckedWhenResolved() {
        #expect(throws: ReportPeriodError.self) { try ReportPeriod.month(year: 2026, month: 0).interval(in: Self.utc) }
        #expect(throws: ReportPeriodError.self) {
            try ReportPeriod.lastDays(0, endingAt: Self.now).interval(in: Self.utc)
        }
        #expect(throws: ReportPeriodError.self) {
            try ReportPeriod.months(first: LocalMonth(year: 2026, month: 13), last: nil).interval(in: Self.utc)
        }
    }

    @Test func roundTripsThroughJSON() throws {
        let periods: [ReportPeriod] = [
            .quarter(year: 2026, quarter: 4), .days(first: Self.day(2026, 10, 1), last: Self.day(2026, 10, 2)),
            .months(first: LocalMonth(year: 2026, month: 9), last: nil), .lastDays(30, endingAt: Self.now), .allTime,
        ]
        let data = try JSONEncoder().encode(periods)
        #expect(try JSONDecoder().decode([ReportPeriod].self, from: data) == periods)
    }
}

/// Naming the month of an instant, as the month-over-month reports do.
struct MonthNamerTests {
    @Test(arguments: [
        (0.0, "UTC", "1970-01"), (-1.0, "UTC", "1969-12"), (951_782_400, "UTC", "2000-02"),  // 2000-02-29
        (1_798_761_599, "UTC", "2026-12"), (1_798_761_600, "UTC", "2027-01"),
        // 2026-11-01T03:30Z is still October 31 in New York (UTC−4 before the change at 06:00Z).
        (1_793_503_800, "America/New_York", "2026-10"), (1_793_530_800, "America/New_York", "2026-11"),
        (1_798_743_600, "Asia/Tokyo", "2027-01"),  // 2026-12-31T19:00Z is January 1 in Tokyo
        (-62_135_596_800, "UTC", "0001-01"),
    ])
    func namesTheMonthInTheZone(_ seconds: Double, _ zone: String, _ month: String) {
        let namer = MonthNamer(timeZone: TimeZone(identifier: zone)!)
        #expect(namer.month(of: Date(timeIntervalSince1970: seconds)).description == month)
    }

    @Test func agreesWithFoundationsCalendarOverTenYears() {
        for zone in ["UTC", "Europe/Berlin", "America/Los_Angeles"] {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: zone)!
            let namer = MonthNamer(timeZone: calendar.timeZone)
            var seconds = 1_600_000_000.0
            while seconds < 1_915_000_000 {
                let date = Date(timeIntervalSince1970: seconds)
                let parts = calendar.dateComponents([.year, .month], from: date)
                #expect(
                    namer.month(of: date) == LocalMonth(year: parts.year!, month: parts.month!), "\(zone) \(seconds)")
                seconds += 3_599 * 7
            }
        }
    }
}
