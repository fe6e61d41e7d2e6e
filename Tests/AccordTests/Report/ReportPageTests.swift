import Accord
import Foundation
import LeadModel
import Scoreboard
import Testing

/// The report page is counted in the same pass as the scoreboard, and agrees with it.
struct ReportPageTests {
    @Test func onePassGivesTheScoreboardAndAPageThatAgreesWithIt() async throws {
        let clock = TestClock()
        let engine = try await makeEngine(clock: clock, router: FixedRouter(), sla: FiveMinuteSLA())
        func handOff(_ email: String, source: String) async throws -> LeadID {
            let id = try await engine.capture(Lead(id: "", email: email, company: "Acme", source: source)).leadID
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
            Disposition(outcome: .rejected, reasonCode: "out-of-icp", note: "a reseller"), on: slow,
            by: .person("rep-1"))

        let query = ScoreboardQuery(period: .allTime)
        let (board, page) = try await engine.reportPage(query)
        #expect(board == (try await engine.scoreboard(query)))
        #expect(board.total.leads == 3)

        let speed = Dictionary(uniqueKeysWithValues: page.speedToLead.map { ($0.label, $0.count) })
        #expect(speed["< 5 min"] == 1)
        #expect(speed["never"] == 1)
        #expect(page.speedToLead.reduce(0) { $0 + $1.count } == 2)

        #expect(page.slaByWeek.reduce(0) { $0 + $1.met } == board.total.slaMet)
        #expect(page.slaByWeek.reduce(0) { $0 + $1.breached } == board.total.slaBreached)
        #expect(board.total.slaMet == 1)
        #expect(board.total.slaBreached == 1)

        #expect(
            page.rejectionsBySource == [
                ReportPage.SourceRejections(
                    source: "paid-search", decided: 1, reasons: [ReportPage.Count(label: "out-of-icp", count: 1)]),
                ReportPage.SourceRejections(source: "webinar", decided: 1, reasons: []),
            ])
        #expect(page.repLoad.map(\.rep) == ["rep-1"])
        #expect(page.repLoad.first?.assigned == 2)
    }

    /// An engine with one lead at SQL, ready for its deal.
    private func sqlLead(clock: TestClock) async throws -> (AlignmentEngine, LeadID) {
        let engine = try await makeEngine(clock: clock, router: FixedRouter(), sla: FiveMinuteSLA())
        var captured = Lead(id: "", email: "ana@acme.com", company: "Acme", source: "webinar")
        captured.attributes["useCase"] = .string("payroll")
        let lead = try await engine.capture(captured).leadID
        try await engine.changeStage(of: lead, to: .sql, by: .system)
        return (engine, lead)
    }

    @Test func aWonDealPutsTheSalesCycleOnThePage() async throws {
        let clock = TestClock()
        let (engine, lead) = try await sqlLead(clock: clock)
        try await engine.openOpportunity(
            Opportunity(id: "opp-1", amount: 10_000, currency: "USD"), on: lead, by: .system, advancing: true)
        clock.advance(12 * 86_400)
        try await engine.closeOpportunity("opp-1", on: lead, as: .won, by: .system)

        let (board, page) = try await engine.reportPage(ScoreboardQuery(period: .allTime))
        #expect(board.total.salesCycleMedianDays == 12)
        let cycle = try #require(page.figures.first { $0.label == "sales cycle (median)" })
        #expect(cycle.value == "12 days")
        #expect(cycle.note == "mean 12, p90 12 days")
    }

    @Test func dealsOfUnknownAmountAreCountedOnThePageOnlyWhenThereAreAny() async throws {
        let clock = TestClock()
        let (engine, lead) = try await sqlLead(clock: clock)
        let (_, before) = try await engine.reportPage(ScoreboardQuery(period: .allTime))
        #expect(!before.figures.contains { $0.label == "deals of unknown amount" })
        try await engine.openOpportunity(
            Opportunity(id: "opp-1", amount: nil, currency: "USD"), on: lead, by: .system, advancing: true)
        let (board, page) = try await engine.reportPage(ScoreboardQuery(period: .allTime))
        #expect(board.total.openDealsWithoutAmount == 1)
        let unknown = try #require(page.figures.first { $0.label == "deals of unknown amount" })
        #expect(unknown.value == "1")
        #expect(unknown.note == "0 won, 1 open; counted as deals, left out of sums and deal size")
    }
}
