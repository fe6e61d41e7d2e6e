import Feedback
import Foundation
import LeadModel
import Testing

struct RejectionReportTests {
    /// October: campaign "bad" 3 rejected (2 out-of-icp, 1 wrong-persona), 1 accepted; campaign
    /// "good" 2 accepted. November: "bad" 1 rejected (out-of-icp), later overturned; "good" 1
    /// recycled (poor-timing).
    static var journal: JournalBuilder {
        var journal = JournalBuilder()
        let oct = JournalBuilder.october
        let nov = JournalBuilder.november
        journal.lead("b1", campaign: "bad", at: oct, disposition: JournalBuilder.rejected("out-of-icp"))
        journal.lead("b2", campaign: "bad", at: oct, disposition: JournalBuilder.rejected("out-of-icp"))
        journal.lead("b3", campaign: "bad", at: oct, disposition: JournalBuilder.rejected("wrong-persona"))
        journal.lead("b4", campaign: "bad", at: oct, disposition: JournalBuilder.accepted)
        journal.lead("g1", campaign: "good", at: oct, disposition: JournalBuilder.accepted, converted: true)
        journal.lead("g2", campaign: "good", at: oct, disposition: JournalBuilder.accepted)
        journal.lead("b5", campaign: "bad", at: nov, disposition: JournalBuilder.rejected("out-of-icp"))
        journal.add("b5", .disputeRaised(Dispute(raisedBy: "m", reason: "r")), at: nov + 2 * JournalBuilder.day)
        journal.add(
            "b5", .disputeResolved(DisputeResolution(verdict: .overturned, by: "a")), at: nov + 3 * JournalBuilder.day)
        journal.lead(
            "g3", campaign: "good", at: nov, disposition: Disposition(outcome: .recycled, reasonCode: "poor-timing"))
        return journal
    }

    @Test func countsReasonsByCampaignMonthOverMonth() {
        let report = RejectionReport(Self.journal.facts, by: .campaign)
        #expect(report.months == ["2026-10", "2026-11"])
        #expect(
            report.rows.map { "\($0.month) \($0.value)" } == [
                "2026-10 bad", "2026-10 good", "2026-11 bad", "2026-11 good",
            ])
        let octBad = report.rows[0]
        #expect(octBad.decided == 4 && octBad.rejected == 3 && octBad.accepted == 1)
        #expect(octBad.reasons == ["out-of-icp": 2, "wrong-persona": 1])
        #expect(octBad.rejectionRate == 0.75)
        #expect(octBad.topReason?.code == "out-of-icp")
        let novBad = report.rows[2]
        #expect(novBad.rejected == 0 && novBad.overturned == 1 && novBad.reasons.isEmpty)
        #expect(report.rows[3].recycled == 1 && report.rows[3].reasons == ["poor-timing": 1])
        #expect(report.totals.first?.value == "bad")
        // Month over month: "bad" went from 75% rejected to 0% (its November rejection was overturned).
        #expect(report.rejectionRateChange(of: novBad) == -0.75)
        #expect(report.rejectionRateChange(of: octBad) == nil)
    }

    @Test(arguments: ReportDimension.allCases)
    func slicesSumToTheTotals(_ dimension: ReportDimension) {
        let report = RejectionReport(Self.journal.facts, by: dimension)
        #expect(report.rows.reduce(0) { $0 + $1.decided } == 8)
        #expect(report.totals.reduce(0) { $0 + $1.decided } == 8)
        #expect(report.rows.reduce(0) { $0 + $1.rejected } == report.totals.reduce(0) { $0 + $1.rejected })
    }

    @Test func aPeriodKeepsItsMonthsOnly() throws {
        let report = RejectionReport(Self.journal.facts, by: .campaign, period: try .parse("2026-11"))
        #expect(report.months == ["2026-11"])
        #expect(RejectionReport(Self.journal.facts, by: .source, period: try .parse("2027-01..")).rows.isEmpty)
    }

    @Test func anEmptyJournalGivesAnEmptyReport() {
        let report = RejectionReport(FeedbackFacts(), by: .segment)
        #expect(report.rows.isEmpty && report.totals.isEmpty && report.months.isEmpty)
        let leaks = FunnelLeaks(FeedbackFacts())
        #expect(leaks.worstStep == nil && leaks.hotspots.isEmpty)
        #expect(leaks.summary == ["No leads in the period."])
    }

    @Test func aMergedLeadCountsOnceWithBothRecordsFeedback() {
        var journal = Self.journal
        journal.add("b1", .mergedInto("b2"), at: JournalBuilder.november)
        let facts = journal.facts
        #expect(RejectionReport(facts, by: .campaign).totals.first { $0.value == "bad" }?.decided == 4)
        // With the survivor's merge record, the absorbed lead's rejection moves to the survivor.
        journal.add(
            "b2",
            .merged(
                MergeRecord(absorbed: "b1", matchedOn: ["email"], absorbedLead: Lead(id: "b1"), absorbedSignals: [])),
            at: JournalBuilder.november)
        let merged = journal.facts
        #expect(RejectionReport(merged, by: .campaign).totals.first { $0.value == "bad" }?.decided == 5)
        #expect(merged["b2"]?.dispositions.count == 2)
        #expect(merged.countedLeads.count == 7)
    }

    @Test func theFunnelLeakSummaryNamesTheWorstStepAndTheBadCampaign() {
        let leaks = FunnelLeaks(Self.journal.facts, minimumDecided: 4)
        #expect(leaks.steps.map(\.name) == ["captured", "mql", "sql", "accepted", "converted"])
        #expect(leaks.steps.map(\.leads) == [8, 8, 8, 4, 1])
        #expect(leaks.worstStep?.name == "converted")
        let hotspot = leaks.hotspots.first { $0.dimension == .campaign }
        #expect(hotspot?.value == "bad" && hotspot?.rejected == 3 && hotspot?.decided == 5)
        #expect(hotspot?.topReason == "out-of-icp")
        #expect(leaks.summary.first == "Biggest leak: accepted → converted, 25% pass (1 of 4 leads).")
        #expect(leaks.summary.contains("campaign bad: 3 of 5 decisions rejected (60%), mostly out-of-icp (2)."))
    }

    @Test func quartersAreThreeMonths() throws {
        #expect(try ReportPeriod.parse("2026-Q4") == ReportPeriod(from: "2026-10", to: "2026-12"))
        #expect(try ReportPeriod.parse("2027-q1") == ReportPeriod(from: "2027-01", to: "2027-03"))
        #expect(try RejectionReport(Self.journal.facts, by: .campaign, period: .parse("2026-Q4")).months.count == 2)
    }

    @Test(arguments: ["2026-Q5", "2026", "2026-13", "26-01", "2026-11..2026-10", "a..b", "2026-01..2026-02..2026-03"])
    func badPeriodsAreRefused(_ text: String) {
        #expect(throws: ReportPeriodError.self) { try ReportPeriod.parse(text) }
    }
}

struct MonthClockTests {
    @Test(arguments: [
        (0.0, "UTC", "1970-01"), (-1.0, "UTC", "1969-12"), (951_782_400, "UTC", "2000-02"),  // 2000-02-29
        (1_798_761_599, "UTC", "2026-12"), (1_798_761_600, "UTC", "2027-01"),
        // 2026-11-01T03:30Z is still October 31 in New York (UTC−4 before the change at 06:00Z).
        (1_793_503_800, "America/New_York", "2026-10"), (1_793_530_800, "America/New_York", "2026-11"),
        (1_798_743_600, "Asia/Tokyo", "2027-01"),  // 2026-12-31T19:00Z is January 1 in Tokyo
        (-62_135_596_800, "UTC", "0001-01"),
    ])
    func namesTheMonthInTheZone(_ seconds: Double, _ zone: String, _ month: String) {
        let period = ReportPeriod(timeZone: zone)
        #expect(period.month(of: Date(timeIntervalSince1970: seconds)) == month)
    }

    @Test func agreesWithFoundationsCalendarOverTenYears() {
        for zone in ["UTC", "Europe/Berlin", "America/Los_Angeles"] {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: zone)!
            let clock = ReportPeriod(timeZone: zone).monthClock()
            var seconds = 1_600_000_000.0
            while seconds < 1_915_000_000 {
                let date = Date(timeIntervalSince1970: seconds)
                let parts = calendar.dateComponents([.year, .month], from: date)
                let expected = "\(parts.year!)-\(parts.month! < 10 ? "0" : "")\(parts.month!)"
                #expect(clock.month(of: date) == expected, "\(zone) \(seconds)")
                seconds += 3_599 * 7
            }
        }
    }
}
