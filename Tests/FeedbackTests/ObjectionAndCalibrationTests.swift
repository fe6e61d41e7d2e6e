import Feedback
import Foundation
import LeadModel
import Testing

struct ObjectionAndCalibrationTests {
    @Test func objectionsAreCountedBySegmentStageAndAngle() {
        var journal = JournalBuilder()
        let oct = JournalBuilder.october
        journal.lead("a", campaign: "c", angle: "fast", employees: 50, at: oct)
        journal.add("a", .touched(Touch(channel: .call, by: "r", objections: ["price", "security-review"])), at: oct)
        journal.lead(
            "b", campaign: "c", angle: "fast", employees: 5_000, at: oct,
            disposition: JournalBuilder.rejected("no-budget", objections: ["price"]))
        let report = ObjectionReport(journal.facts, objections: FeedbackPolicy.standardObjections)
        #expect(report.months == ["2026-10"])
        #expect(report.tags.map(\.tag) == ["price", "security-review"])
        #expect(report.tags[0].count == 2 && report.tags[0].content == "pricing comparison")
        #expect(report.tags[0].topAngle == "fast")
        let price = report.rows.filter { $0.tag == "price" }
        #expect(price.filter { $0.slice == "segment" }.map { "\($0.value)=\($0.count)" } == ["enterprise=1", "smb=1"])
        #expect(price.filter { $0.slice == "stage" }.map { "\($0.value)=\($0.count)" } == ["sql=2"])
        #expect(price.filter { $0.slice == "angle" }.map { "\($0.value)=\($0.count)" } == ["fast=2"])
    }

    @Test func calibrationComparesLeadsTheRuleFiredOnWithTheRest() {
        var journal = JournalBuilder()
        let oct = JournalBuilder.october
        // "big-company" fires on 5 leads, 4 rejected; "pricing" fires on 3 leads, all accepted and converted.
        for index in 0..<4 {
            journal.lead(
                LeadID("r\(index)"), campaign: "c", at: oct, rules: ["big-company"],
                disposition: JournalBuilder.rejected("out-of-icp"))
        }
        journal.lead(
            "r4", campaign: "c", at: oct, rules: ["big-company", "pricing"], disposition: JournalBuilder.accepted,
            converted: true)
        journal.lead(
            "p1", campaign: "c", at: oct, rules: ["pricing"], disposition: JournalBuilder.accepted, converted: true)
        journal.lead("p2", campaign: "c", at: oct, rules: ["pricing"], disposition: JournalBuilder.accepted)
        journal.lead("u", campaign: "c", at: oct, rules: ["pricing"])  // undecided: not counted
        let calibration = RuleCalibration(journal.facts)
        #expect(calibration.decidedLeads == 7)
        let big = calibration.rules.first { $0.rule == "big-company" }!
        #expect(big.fired == 5 && big.firedAccepted == 1 && big.firedRejected == 4 && big.firedConverted == 1)
        #expect(big.notFired == 2 && big.notFiredAccepted == 2)
        #expect(big.acceptanceRate == 0.2 && big.acceptanceRateWithout == 1)
        #expect(big.acceptanceLift == 0.2)
        #expect(big.flagReason == "fires on rejected leads: 4 of 5 (80%) were rejected")
        let pricing = calibration.rules.first { $0.rule == "pricing" }!
        #expect(pricing.fired == 3 && pricing.firedConverted == 2 && pricing.conversionRateWithout == 0)
        #expect(pricing.conversionLift == nil)
        #expect(!pricing.flagged)  // fired on fewer than 5 decided leads
    }
}

struct CalibrationFlagTests {
    /// 10 decided leads: `a` fires on the first `firedCount`, of which `firedAccepted` are
    /// accepted; of the others, `otherAccepted` are accepted; the rest are recycled.
    static func calibration(firedCount: Int, firedAccepted: Int, otherAccepted: Int) -> RuleCalibration.RuleFigures? {
        var journal = JournalBuilder()
        for index in 0..<10 {
            let fired = index < firedCount
            let accepted = fired ? index < firedAccepted : index - firedCount < otherAccepted
            journal.lead(
                LeadID("l\(index)"), campaign: "c", at: JournalBuilder.october, rules: fired ? ["a"] : ["b"],
                disposition: accepted
                    ? JournalBuilder.accepted : Disposition(outcome: .recycled, reasonCode: "poor-timing"))
        }
        return RuleCalibration(journal.facts).rules.first { $0.rule == "a" }
    }

    @Test func aSmallGapIsNotFlaggedAndALargeOneIs() throws {
        // 4 of 5 accepted (80%) vs 4 of 5 without (80%): no flag; 3 of 5 (60%) vs 5 of 5: flagged.
        #expect(try #require(Self.calibration(firedCount: 5, firedAccepted: 4, otherAccepted: 4)).flagReason == nil)
        let flagged = try #require(Self.calibration(firedCount: 5, firedAccepted: 3, otherAccepted: 5))
        #expect(flagged.flagReason == "leads it fires on are accepted less often: 60% vs 100% without it")
    }
}
