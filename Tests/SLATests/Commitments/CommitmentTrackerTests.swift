import Foundation
import LeadModel
import SLA
import Testing

struct CommitmentTrackerTests {
    typealias F = SLAFixtures

    static func event(_ lead: LeadID, _ time: String, _ payload: LeadEvent.Payload) -> LeadEvent {
        LeadEvent(leadID: lead, occurredAt: F.utc(time), actor: .system, payload: payload)
    }

    static func scored(_ lead: LeadID, fit: Double, _ time: String) -> LeadEvent {
        event(lead, time, .scored(ScoreCard(scorer: "rules", fit: fit, engagement: 0)))
    }

    static func mql(_ lead: LeadID, _ time: String) -> LeadEvent {
        event(lead, time, .stageChanged(StageChange(from: .lead, to: .mql)))
    }

    @Test func volumeCountsDistinctICPFitLeadsPerWeekInTheTeamsZone() {
        let weekly = MarketingCommitment(
            name: "icp-mqls", per: .week, volume: .init(atLeast: 2, stage: .mql, fitAtLeast: 30))
        var tracker = CommitmentTracker(commitments: [weekly], timeZone: "America/New_York")
        let events = [
            Self.scored("A", fit: 40, "2026-11-23T15:00:00Z"), Self.mql("A", "2026-11-23T15:00:00Z"),
            Self.mql("A", "2026-11-24T15:00:00Z"),  // same lead again: counted once
            Self.scored("B", fit: 10, "2026-11-24T15:00:00Z"), Self.mql("B", "2026-11-24T15:00:00Z"),  // not ICP fit
            Self.scored("C", fit: 50, "2026-11-23T04:30:00Z"), Self.mql("C", "2026-11-23T04:30:00Z"),  // Sun 23:30 EST
        ]
        for event in events { tracker.apply(event) }
        let results = tracker.results()
        #expect(results.map(\.periodStart) == [F.utc("2026-11-16T05:00:00Z"), F.utc("2026-11-23T05:00:00Z")])
        #expect(results.map(\.actual) == [1, 1])
        #expect(results.allSatisfy { !$0.isMet })
        #expect(
            results[1].reasons.first?.detail
                == "1 lead entered mql with fit ≥ 30 this week, 2 promised: short by 1")
    }

    @Test func qualityFloorComparesAcceptedWithRejected() {
        let quality = MarketingCommitment(name: "quality", per: .month, acceptanceRate: .init(atLeast: 0.6))
        var tracker = CommitmentTracker(commitments: [quality])
        let outcomes: [Disposition.Outcome] = [.accepted, .accepted, .rejected, .accepted, .recycled]
        for (index, outcome) in outcomes.enumerated() {
            tracker.apply(
                Self.event(
                    LeadID("L\(index)"), "2026-11-0\(index + 1)T12:00:00Z",
                    .dispositionRecorded(Disposition(outcome: outcome))))
        }
        let result = tracker.results(at: F.utc("2026-11-15T00:00:00Z"))
        #expect(result.count == 1)
        #expect(result[0].actual == 0.75)
        #expect(result[0].isMet)
        #expect(tracker.results(at: F.utc("2026-12-15T00:00:00Z")).map(\.isMet) == [false])
    }

    @Test func commitmentProblemsHavePaths() throws {
        let json = """
            { "commitmentTimeZone": "Nowhere/Land",
              "commitments": [
                { "name": "a", "per": "week" },
                { "name": "a", "per": "month", "acceptanceRate": { "atLeast": 60 } },
                { "name": "b", "per": "week", "volume": { "atLeast": 0 } } ] }
            """
        let configuration = try JSONDecoder().decode(SLAConfiguration.self, from: Data(json.utf8))
        #expect(
            configuration.problems().map(\.path) == [
                "commitmentTimeZone", "commitments[0]", "commitments[1].name", "commitments[1].acceptanceRate.atLeast",
                "commitments[2].volume.atLeast",
            ])
    }
}
