import Foundation
import Scoreboard
import Testing

struct ReportPeriodTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let now = JournalBuilder.at(10, 7, 15)  // a Wednesday

    @Test(arguments: [
        ("2026-Q4", ReportPeriod.quarter(year: 2026, quarter: 4)),
        ("2026-10", .month(year: 2026, month: 10)),
        ("2026-q1", .quarter(year: 2026, quarter: 1)),
        ("quarter", .quarter(year: 2026, quarter: 4)),
        ("month", .month(year: 2026, month: 10)),
        ("all", .allTime),
        (
            "2026-10-01..2026-10-15",
            .days(first: .init(year: 2026, month: 10, day: 1), last: .init(year: 2026, month: 10, day: 15))
        ),
    ])
    func parsesTheCLIForms(_ text: String, _ expected: ReportPeriod) throws {
        #expect(try ReportPeriod(parsing: text, now: Self.now, timeZone: Self.utc) == expected)
    }

    @Test(arguments: ["2026-13", "Q4", "2026-02-30..2026-03-01", "2026-10-15..2026-10-01", "2026-W54", "", "fortnight"])
    func rejectsMalformedPeriods(_ text: String) {
        #expect(throws: ScoreboardError.self) { try ReportPeriod(parsing: text, now: Self.now, timeZone: Self.utc) }
    }

    @Test func weeksStartOnMondayInTheChosenZone() throws {
        let week = try ReportPeriod(parsing: "week", now: Self.now, timeZone: Self.utc)
        let interval = try week.interval(in: Self.utc)
        #expect(interval.start == JournalBuilder.at(10, 5))
        #expect(interval.end == JournalBuilder.at(10, 12))
        #expect(week.label(in: Self.utc) == "2026-W41")
        let iso = try ReportPeriod(parsing: "2026-W41", now: Self.now, timeZone: Self.utc)
        #expect(try iso.interval(in: Self.utc) == interval)
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        #expect(try week.interval(in: tokyo).start == JournalBuilder.at(10, 4, 15))
    }

    @Test func customRangesIncludeTheirLastDay() throws {
        let range = ReportPeriod.days(
            first: .init(year: 2026, month: 10, day: 1), last: .init(year: 2026, month: 10, day: 1))
        let interval = try range.interval(in: Self.utc)
        #expect(interval.duration == 86_400)
    }

    @Test func quarterInNewYorkStartsAtLocalMidnight() throws {
        let newYork = TimeZone(identifier: "America/New_York")!
        let interval = try ReportPeriod.quarter(year: 2026, quarter: 4).interval(in: newYork)
        #expect(interval.start == JournalBuilder.at(10, 1, 4))
        #expect(interval.end == JournalBuilder.at(1, 1, 5, year: 2027))
    }

    @Test func spendTableReadsCSVAndNamesBadLines() throws {
        let table = try SpendTable(csv: "Source,Spend,notes\nwebinar,\"12,000\",x\nads,800.5,\nwebinar,1000,\n")
        #expect(table.bySource == ["webinar": 13_000, "ads": 800.5])
        #expect(table.total == 13_800.5)
        #expect {
            try SpendTable(csv: "source,spend\nads,lots\n", name: "spend.csv")
        } throws: { error in
            (error as? ScoreboardError)?.line == 2 && (error as? ScoreboardError)?.code == .invalidSpend
        }
        #expect(throws: ScoreboardError.self) { try SpendTable(csv: "channel,cost\n") }
    }
}
