import Accord
import Feedback
import Foundation
import LeadModel
import Testing

/// Scenario 3 of the domain: a month of rejections shows which campaign brings leads that do
/// not fit, and the backlog proposes the scoring fix.
struct FeedbackLoopScenarioTests {
    @Test func rejectionsPointAtTheCampaignThatBringsOutOfICPLeads() async throws {
        let quarter = SyntheticQuarter(seed: 11, leads: 1_200)
        let clock = ManualClock(quarter.start)
        let engine = try await makeEngine(clock: clock, playbook: .standard, router: FixedRouter())
        var batch: [IngestItem] = []
        for record in quarter.records() {
            if !batch.isEmpty, batch.count >= 500 || record.at > clock.now + 86_400 {
                try await engine.ingest(batch)
                batch = []
            }
            clock.set(max(clock.now, record.at))
            batch.append(record.item)
        }
        try await engine.ingest(batch)
        // Sales accepts handed-off leads that fit the ICP's company size and rejects the rest.
        var decided = 0
        for state in await engine.activeLeads() where state.stage == .sql {
            let employees = state.lead.attributes["employees"]?.number ?? 0
            let fits = (200...2_000).contains(employees)
            try await engine.recordDisposition(
                fits
                    ? Disposition(outcome: .accepted, meetingQuality: .strong)
                    : Disposition(outcome: .rejected, reasonCode: "out-of-icp", messageMatch: .overstated),
                on: state.id, by: .person("rep-1"))
            decided += 1
        }
        #expect(decided > 50)
        let facts = try await engine.feedbackFacts()
        let report = RejectionReport(facts, by: .campaign)
        let eligible = report.totals.filter { $0.decided >= 5 }
        let worst = try #require(eligible.max { ($0.rejectionRate, $1.value) < ($1.rejectionRate, $0.value) })
        let icpFit = Dictionary(uniqueKeysWithValues: SyntheticQuarter.campaigns.map { ($0.name, $0.icpFit) })
        let leastFit = try #require(
            eligible.min { (icpFit[$0.value] ?? 1, $0.value) < (icpFit[$1.value] ?? 1, $1.value) })
        #expect(worst.value == leastFit.value)
        #expect(worst.topReason?.code == "out-of-icp")
        let leaks = FunnelLeaks(facts)
        #expect(leaks.hotspots.contains { $0.dimension == .campaign && $0.value == worst.value })
        let proposals = BacklogProposal.proposals(from: facts, objections: [])
        #expect(proposals.contains { $0.title == "Tighten scoring and targeting for campaign '\(worst.value)'" })
        #expect(try TrainingSet.decidedLeads(facts).rows.count == decided)
    }
}
