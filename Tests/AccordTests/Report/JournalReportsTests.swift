import Accord
import Foundation
import LeadModel
import Testing

/// Each whole-journal report, run on a store without an engine, equals what the engine's method
/// returns for the same journal.
struct JournalReportsTests {
    /// A journal of three leads: two handed off to rep-1 (one touched in time, one breached),
    /// one accepted and one rejected; their sources arrive with a second capture.
    private func journal() async throws -> (AlignmentEngine, InMemoryEventStore, TestClock) {
        let clock = TestClock()
        let store = InMemoryEventStore()
        let engine = try await makeEngine(store: store, clock: clock, router: FixedRouter(), sla: FiveMinuteSLA())
        func handOff(_ email: String, source: String) async throws -> LeadID {
            // The first capture has no source; the second fills it in.
            let id = try await engine.capture(Lead(id: "", email: email, company: "Acme")).leadID
            _ = try await engine.capture(Lead(id: "", email: email, source: source))
            try await engine.changeStage(of: id, to: .sql, by: .system)
            return id
        }
        let fast = try await handOff("ana@acme.com", source: "webinar")
        let slow = try await handOff("bo@globex.com", source: "paid-search")
        _ = try await engine.capture(Lead(id: "", email: "cy@initech.com", source: "webinar"))
        clock.advance(60)
        try await engine.recordTouch(Touch(channel: .call, by: "rep-1", connected: true), on: fast)
        clock.advance(600)
        _ = try await engine.tick()
        try await engine.recordDisposition(
            Disposition(outcome: .accepted, reasonCode: "qualified"), on: fast, by: .person("rep-1"))
        try await engine.recordDisposition(
            Disposition(outcome: .rejected, reasonCode: "out-of-icp"), on: slow, by: .person("rep-1"))
        return (engine, store, clock)
    }

    /// The reports as a host without an engine makes them.
    private func reports(_ clock: TestClock) -> JournalReports {
        JournalReports(playbook: .unscored, sla: FiveMinuteSLA(), router: FixedRouter(), now: { clock.now })
    }

    @Test func scoreboardOnTheStoreEqualsTheEngines() async throws {
        let (engine, store, clock) = try await journal()
        let query = ScoreboardQuery(period: .allTime, slicedBy: .source)
        let board = try await reports(clock).scoreboard(query, on: store)
        #expect(board == (try await engine.scoreboard(query)))
        #expect(board.total.leads == 3)
        let projection = try await reports(clock).scoreboardProjection(on: store)
        #expect(try projection.scoreboard(query) == board)
    }

    @Test func slaHealthOnTheStoreEqualsTheEngines() async throws {
        let (engine, store, clock) = try await journal()
        let health = try await reports(clock).slaHealth(for: .allTime, on: store)
        #expect(health == (try await engine.slaHealth(for: .allTime)))
        #expect(health.clocksStarted == 2)
        let start = clock.now - 86_400
        #expect(
            try await reports(clock).slaHealth(from: start, to: clock.now, on: store)
                == (try await engine.slaHealth(from: start, to: clock.now)))
    }

    @Test func reportPageOnTheStoreEqualsTheEngines() async throws {
        let (engine, store, clock) = try await journal()
        let query = ScoreboardQuery(period: .allTime)
        let (board, page) = try await reports(clock).reportPage(query, on: store)
        let fromEngine = try await engine.reportPage(query)
        #expect(board == fromEngine.scoreboard)
        #expect(page == fromEngine.page)
        #expect(page.rejectionsBySource.map(\.source) == ["paid-search", "webinar"])
        #expect(page.repLoad.first?.assigned == 2)
    }

    @Test func feedbackFactsOnTheStoreEqualTheEngines() async throws {
        let (engine, store, clock) = try await journal()
        let facts = try await reports(clock).feedbackFacts(on: store)
        #expect(facts == (try await engine.feedbackFacts()))
        #expect(facts.countedLeads.count == 3)
        let converted: Set<Stage> = [.sql]
        #expect(
            try await reports(clock).feedbackFacts(convertedStages: converted, on: store)
                == (try await engine.feedbackFacts(convertedStages: converted)))
    }

    @Test func aConfigurationIsResolvedAsTheEngineResolvesIt() async throws {
        let (engine, store, clock) = try await journal()
        let resolved = try JournalReports(
            playbook: .unscored,
            configuration: EngineConfiguration(now: { clock.now }, router: FixedRouter(), sla: FiveMinuteSLA()))
        let query = ScoreboardQuery(period: .allTime)
        #expect(try await resolved.reportPage(query, on: store).page == (try await engine.reportPage(query).page))
        #expect(
            try await engine.reports.slaHealth(for: .allTime, on: store) == (try await engine.slaHealth(for: .allTime)))
    }
}
