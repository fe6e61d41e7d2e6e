import Accord
import Foundation
import Testing

/// `import Accord` alone reaches the main types of every module a host uses (this file imports
/// nothing else): the snippet of Documentation/Embedding.md, "One import", and one type of each
/// re-exported module.
struct OneImportTests {
    func quarterReview(_ engine: AlignmentEngine, now: Date) async throws -> (Scoreboard, SLAHealth) {
        let period = try ReportPeriod(parsing: "quarter", now: now, timeZone: .gmt)  // LeadModel
        let board = try await engine.scoreboard(for: period, by: .source)  // Scoreboard
        let health = try await engine.slaHealth(for: period)  // SLA
        return (board, health)
    }

    @Test func theEmbeddingGuidesSnippetRunsOnAnEmptyJournal() async throws {
        let now = Date(timeIntervalSince1970: 1_791_000_000)
        let engine = try await AlignmentEngine(
            playbook: .standard, store: InMemoryEventStore(), configuration: EngineConfiguration(now: { now }))
        let (board, health) = try await quarterReview(engine, now: now)
        #expect(board.period.label == "2026-Q4")
        #expect(health.clocksStarted == 0)
    }

    @Test func everyModulesMainTypesAreInScope() {
        let types: [Any.Type] = [
            Lead.self, LeadEvent.self, ReportPeriod.self,  // LeadModel
            RuleScorer.self, TrainingSet.self,  // Scoring
            RoutingRules.self,  // Routing
            SLAHealth.self,  // SLA
            FeedbackFacts.self, RejectionReport.self,  // Feedback
            Scoreboard.self, ScoreboardQuery.self,  // Scoreboard
            AlignmentEngine.self, Playbook.self,  // Accord
        ]
        #expect(types.count == 13)
    }
}
