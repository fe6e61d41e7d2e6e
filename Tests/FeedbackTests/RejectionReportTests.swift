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

    static func period(_ text: String) throws -> ReportPeriod {
        try ReportPeriod(parsing: text, now: JournalBuilder.november, timeZone: TimeZone(identifier: "UTC")!)
    }

    @Test func aPeriodKeepsItsMonthsOnly() throws {
        let report = RejectionReport(Self.journal.facts, by: .campaign, period: try Self.period("2026-11"))
        #expect(report.months == ["2026-11"])
        #expect(report.period == ReportMonths(.month(year: 2026, month: 11), timeZone: TimeZone(identifier: "UTC")!))
        #expect(report.period.label == "2026-11..2026-11")
        #expect(RejectionReport(Self.journal.facts, by: .source, period: try Self.period("2027-01..")).rows.isEmpty)
    }

    @Test func anyPeriodFormFiltersByInstantAndBucketsByMonth() throws {
        // A range of days from the middle of October keeps October's dispositions only when
        // they fall on or after its first day.
        let everything = RejectionReport(Self.journal.facts, by: .campaign)
        let days = try RejectionReport(Self.journal.facts, by: .campaign, period: Self.period("2026-10-01..2026-10-31"))
        #expect(days.months == ["2026-10"])
        #expect(days.rows == everything.rows.filter { $0.month == "2026-10" })
        #expect(days.period.label == "2026-10..2026-10")
        let all = RejectionReport(Self.journal.facts, by: .campaign, period: .allTime)
        #expect(all.period.label == "all months")
        #expect(all.rows == everything.rows)
    }

    @Test func anImpossiblePeriodBuiltInCodeCountsNothingAndSaysSo() {
        let report = RejectionReport(Self.journal.facts, by: .campaign, period: .month(year: 2026, month: 13))
        #expect(report.rows.isEmpty && report.months.isEmpty)
        #expect(report.period.label == "2026-13..2026-13")
        let leaks = FunnelLeaks(Self.journal.facts, period: .quarter(year: 2026, quarter: 5))
        #expect(leaks.steps.first?.leads == 0)
    }

    @Test func theReportsJSONKeepsItsPeriodShape() throws {
        let report = RejectionReport(FeedbackFacts(), by: .campaign, period: try Self.period("2026-Q4"))
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        let period = object?["period"] as? [String: String]
        #expect(period == ["from": "2026-10", "to": "2026-12", "timeZone": "UTC"])
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

    @Test func handoffsBlockedAtTheGateAreALeakUntilTheLeadMoves() {
        var journal = Self.journal
        #expect(FunnelLeaks(journal.facts).blockedAtGate == 0)
        journal.add(
            "b1", .handoffBlocked(HandoffBlock(rule: "threshold:mql", to: .mql, missing: [.company])),
            at: JournalBuilder.november)
        journal.add(
            "b2", .handoffBlocked(HandoffBlock(rule: "threshold:mql", to: .mql, missing: [.company, .source])),
            at: JournalBuilder.november)
        var leaks = FunnelLeaks(journal.facts)
        #expect(leaks.blockedAtGate == 2)
        #expect(leaks.blockedByField == ["company": 2, "source": 1])
        #expect(
            leaks.summary.contains(
                "Blocked at the gate: 2 leads a rule would hand on lack a required field (company 2, source 1)."))
        journal.add("b2", .stageChanged(StageChange(from: .lead, to: .mql)), at: JournalBuilder.november)
        leaks = FunnelLeaks(journal.facts)
        #expect(leaks.blockedAtGate == 1)
        #expect(leaks.summary.contains { $0.hasPrefix("Blocked at the gate: 1 lead a rule would hand on lacks") })
    }

    @Test func quartersAreThreeMonths() throws {
        let report = try RejectionReport(Self.journal.facts, by: .campaign, period: Self.period("2026-Q4"))
        #expect(report.period.from == "2026-10" && report.period.to == "2026-12")
        #expect(report.months.count == 2)
    }
}
