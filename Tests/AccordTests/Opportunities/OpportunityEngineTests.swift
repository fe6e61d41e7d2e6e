import Accord
import Foundation
import LeadModel
import Scoreboard
import Testing

struct OpportunityEngineTests {
    let complete = Lead(
        id: "", email: "ana@acme.com", company: "Acme", source: "webinar", attributes: ["useCase": .string("payroll")])
    let deal = Opportunity(id: "opp-1", amount: 24_000, currency: "USD", product: "payroll")

    func sqlLead(_ engine: AlignmentEngine) async throws -> LeadID {
        let lead = try await engine.capture(complete).leadID
        try await engine.changeStage(of: lead, to: .sql, by: .system)
        return lead
    }

    @Test func openingMovesAnSQLToOpportunityAndKeepsTheDeal() async throws {
        let engine = try await makeEngine()
        let lead = try await sqlLead(engine)
        let state = try await engine.openOpportunity(deal, on: lead, by: .person("maria"))
        #expect(state.stage == .opportunity)
        #expect(state.opportunity?.opportunity == deal)
        #expect(state.opportunity?.isOpen == true)
        let kinds = try await engine.timeline(of: lead).map(\.payload.kind)
        #expect(kinds.suffix(2) == ["stage-changed", "opportunity-opened"])
    }

    @Test func updateChangesOnlyTheGivenFields() async throws {
        let engine = try await makeEngine()
        let lead = try await sqlLead(engine)
        try await engine.openOpportunity(deal, on: lead, by: .system)
        let state = try await engine.updateOpportunity(
            OpportunityUpdate(id: "opp-1", amount: 30_000, dealStage: "proposal"), on: lead, by: .system)
        #expect(state.opportunity?.opportunity.amount == 30_000)
        #expect(state.opportunity?.opportunity.dealStage == "proposal")
        #expect(state.opportunity?.opportunity.product == "payroll")
    }

    @Test(arguments: [OpportunityOutcome.won, .lost])
    func closingMovesTheLeadToWonOrLost(_ outcome: OpportunityOutcome) async throws {
        let clock = TestClock()
        let engine = try await makeEngine(clock: clock)
        let lead = try await sqlLead(engine)
        try await engine.openOpportunity(deal, on: lead, by: .system)
        clock.advance(86_400)
        let state = try await engine.closeOpportunity("opp-1", on: lead, as: outcome, reason: "price", by: .system)
        #expect(state.stage == (outcome == .won ? .won : .lost))
        #expect(state.opportunity?.closing?.amount == 24_000)
        #expect(state.opportunity?.closing?.closedAt == clock.now)
        #expect(state.opportunity?.isOpen == false)
    }

    @Test func openingFromMQLNeedsAdvancing() async throws {
        let engine = try await makeEngine()
        let lead = try await engine.capture(complete).leadID
        try await engine.changeStage(of: lead, to: .mql, by: .system)
        await #expect {
            try await engine.openOpportunity(deal, on: lead, by: .system)
        } throws: { error in
            (error as? LeadModelError)?.code == .transitionNotAllowed
        }
        let state = try await engine.openOpportunity(deal, on: lead, by: .system, advancing: true)
        #expect(state.stageHistory.map(\.stage) == [.lead, .mql, .sql, .opportunity])
    }

    @Test func aSecondOpenDealIsRefused() async throws {
        let engine = try await makeEngine()
        let lead = try await sqlLead(engine)
        try await engine.openOpportunity(deal, on: lead, by: .system)
        await #expect {
            try await engine.openOpportunity(
                Opportunity(id: "opp-2", amount: 1, currency: "USD"), on: lead, by: .system)
        } throws: { error in
            (error as? OpportunityError)?.code == .alreadyOpen
        }
    }

    @Test func updatingOrClosingWithoutAnOpenDealIsRefused() async throws {
        let engine = try await makeEngine()
        let lead = try await sqlLead(engine)
        await #expect {
            try await engine.closeOpportunity("opp-1", on: lead, as: .won, by: .system)
        } throws: { error in
            (error as? OpportunityError)?.code == .noOpenOpportunity
        }
        try await engine.openOpportunity(deal, on: lead, by: .system)
        await #expect {
            try await engine.updateOpportunity(OpportunityUpdate(id: "opp-9", amount: 5), on: lead, by: .system)
        } throws: { error in
            (error as? OpportunityError)?.code == .unknownOpportunity
        }
        await #expect {
            try await engine.updateOpportunity(OpportunityUpdate(id: "opp-1"), on: lead, by: .system)
        } throws: { error in
            (error as? OpportunityError)?.code == .invalidValue
        }
    }

    @Test(arguments: [
        ("amount", Opportunity(id: "o", amount: -1, currency: "USD")),
        ("amount", Opportunity(id: "o", amount: .nan, currency: "USD")),
        ("currency", Opportunity(id: "o", amount: 1, currency: "usd")),
        ("currency", Opportunity(id: "o", amount: 1, currency: "")),
        ("id", Opportunity(id: " ", amount: 1, currency: "USD")),
    ])
    func invalidDealsNameTheField(_ field: String, _ bad: Opportunity) async throws {
        let engine = try await makeEngine()
        let lead = try await sqlLead(engine)
        await #expect {
            try await engine.openOpportunity(bad, on: lead, by: .system)
        } throws: { error in
            let error = error as? OpportunityError
            return error?.code == .invalidValue && error?.field == field
        }
        #expect(await engine.state(of: lead)?.stage == .sql)
    }

    @Test func aWonLeadCannotOpenAnotherDeal() async throws {
        let engine = try await makeEngine()
        let lead = try await sqlLead(engine)
        try await engine.openOpportunity(deal, on: lead, by: .system)
        try await engine.closeOpportunity("opp-1", on: lead, as: .won, by: .system)
        await #expect {
            try await engine.openOpportunity(
                Opportunity(id: "opp-2", amount: 1, currency: "USD"), on: lead, by: .system, advancing: true)
        } throws: { error in
            (error as? LeadModelError)?.code == .transitionNotAllowed
        }
    }

    @Test func stageGraphPathIsTheShortestAllowedChain() {
        let graph = StageGraph.standard
        #expect(graph.path(from: .mql, to: .opportunity) == [.sql, .opportunity])
        #expect(graph.path(from: .lead, to: .opportunity) == [.sql, .opportunity])
        #expect(graph.path(from: .lost, to: .opportunity) == [.recycled, .sql, .opportunity])
        #expect(graph.path(from: .won, to: .opportunity) == nil)
        #expect(graph.path(from: .sql, to: .sql) == [])
    }
}

struct EngineScoreboardTests {
    @Test func theEngineScoreboardCountsDealsAndMergedPeopleOnce() async throws {
        let engine = try await makeEngine()
        let ana = try await engine.capture(
            Lead(id: "", email: "ana@acme.com", company: "Acme", source: "webinar", attributes: ["useCase": "payroll"])
        ).leadID
        let twin = try await engine.capture(Lead(id: "", phone: "+1 415 555 0100", source: "outbound")).leadID
        try await engine.changeStage(of: ana, to: .sql, by: .system)
        try await engine.merge(twin, into: ana, by: .person("steward"))
        try await engine.openOpportunity(
            Opportunity(id: "opp-1", amount: 10_000, currency: "USD", product: "payroll"), on: ana, by: .system)
        try await engine.closeOpportunity("opp-1", on: ana, as: .won, amount: 12_000, by: .system)
        let board = try await engine.scoreboard(for: .allTime, by: .product)
        #expect(board.total.leads == 1)
        #expect(board.total.won == 1 && board.total.dealsWon == 1 && board.total.revenueWon == 12_000)
        #expect(board.total.salesCycleDays == 0)
        #expect(board.slices.map(\.label) == ["payroll"])
        #expect(board.currencies == ["USD"])
    }

    @Test func scoreboardTypesAreSendable() async throws {
        let projection = ScoreboardProjection(events: [])
        let board = try await Task.detached {
            try projection.scoreboard(ScoreboardQuery(period: .month(year: 2026, month: 10)))
        }.value
        let query = ScoreboardQuery(period: .allTime, view: .activity, spend: SpendTable(["a": 1]))
        _ = await Task.detached { (board, query, ReportPeriod.allTime, SliceDimension.owner) }.value
    }
}
