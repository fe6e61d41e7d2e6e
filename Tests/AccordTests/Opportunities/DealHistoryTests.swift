import Accord
import Foundation
import LeadModel
import Scoreboard
import Testing

/// Imported deals are history: dated as they happened, without the live handoff gates, and
/// explained by the file they came from.
struct DealHistoryTests {
    static let csv = """
        Deal ID,Email,Amount,Status,Created Date,Close Date
        D1,ana@acme.com,9000,Closed Won,2025-02-03,2025-03-20
        D2,bo@beta.io,4000,Open,2025-05-01,

        """

    /// Two leads without the `useCase` the default playbook's opportunity gate asks for, nor
    /// (for bo) a company.
    func engineWithLeadsMissingGateFields() async throws -> AlignmentEngine {
        let engine = try await makeEngine()
        try await engine.capture(Lead(id: "", email: "ana@acme.com", company: "Acme", source: "webinar"))
        try await engine.capture(Lead(id: "", email: "bo@beta.io", source: "event"))
        return engine
    }

    func rows() throws -> [OpportunityRow] {
        try OpportunityImportReader(data: Data(Self.csv.utf8)).rows()
    }

    func state(_ engine: AlignmentEngine, _ email: String) async throws -> LeadState {
        let id = try #require(await engine.lookUp(Lead(id: "", email: email)))
        return try #require(await engine.state(of: id))
    }

    @Test func historyIsNotRefusedByLiveGatesAndSaysWhatWasMissingThen() async throws {
        let engine = try await engineWithLeadsMissingGateFields()
        let summary = try await engine.importOpportunities(
            try rows(), by: .integration("import:deals.csv"), from: "deals.csv")
        #expect(summary.skipped.isEmpty)
        #expect(summary.opened == 2 && summary.closed == 1)
        let ana = try await state(engine, "ana@acme.com")
        #expect(ana.stage == .won)
        let events = try await engine.timeline(of: ana.id)
        let moves = events.filter { if case .stageChanged = $0.payload { true } else { false } }
        #expect(!moves.isEmpty)
        for move in moves {
            #expect(move.actor == .integration("import:deals.csv"))
            #expect(move.reasons.contains { $0.rule == "history" && $0.detail.hasPrefix("imported from deals.csv") })
        }
        let intoOpportunity = try #require(
            moves.first { if case .stageChanged(let change) = $0.payload { change.to == .opportunity } else { false } })
        #expect(
            intoOpportunity.reasons.contains {
                $0.rule == "gate:opportunity" && $0.detail == "not checked for history; missing then: useCase"
            })
        let bo = try await state(engine, "bo@beta.io")
        #expect(bo.stage == .opportunity)
    }

    @Test func stageMovesAreDatedWhenTheDealOpenedAndClosed() async throws {
        let engine = try await engineWithLeadsMissingGateFields()
        try await engine.importOpportunities(try rows(), by: .integration("crm"))
        let ana = try await state(engine, "ana@acme.com")
        let entered = Dictionary(
            ana.stageHistory.map { ($0.stage, $0.enteredAt) }, uniquingKeysWith: { first, _ in first })
        #expect(entered[.opportunity] == JSONDate.day("2025-02-03"))
        #expect(entered[.won] == JSONDate.day("2025-03-20"))
        #expect(ana.opportunity?.closing?.closedAt == JSONDate.day("2025-03-20"))
    }

    @Test func liveCommandsKeepTheirGates() async throws {
        let engine = try await engineWithLeadsMissingGateFields()
        let bo = try await state(engine, "bo@beta.io")
        await #expect(throws: LeadModelError.self) {
            try await engine.openOpportunity(
                Opportunity(id: "live-1", amount: 1, currency: "USD"), on: bo.id, by: .person("maria"), advancing: true)
        }
    }

    @Test func aDryRunPlansEveryRowAndWritesNothing() async throws {
        let engine = try await engineWithLeadsMissingGateFields()
        let position = await engine.journalPosition
        let csv =
            Self.csv
            + "D3,nobody@nowhere.io,1,Open,2025-05-01,\nD1,ana@acme.com,9000,Closed Won,2025-02-03,2025-03-20\n"
        let rows = try OpportunityImportReader(data: Data(csv.utf8)).rows()
        let plan = try await engine.importOpportunities(rows, by: .integration("crm"), dryRun: true)
        #expect(plan.opened == 2 && plan.closed == 1 && plan.unchanged == 1)
        #expect(plan.skipped.map(\.line) == [4])
        #expect(await engine.journalPosition == position)
        let done = try await engine.importOpportunities(rows, by: .integration("crm"))
        #expect(done == plan)
    }

    @Test func manyRowsGoInLargeAppendsAndEveryRowCounts() async throws {
        let engine = try await makeEngine()
        var csv = "Deal ID,Email,Amount,Status,Created Date,Close Date\n"
        for index in 0..<2_500 {
            let email = "p\(index)@co\(index).com"
            try await engine.capture(Lead(id: "", email: email, company: "Co", source: "webinar"))
            csv +=
                "D\(index),\(email),\(index),\(index % 3 == 0 ? "Won" : "Open"),2025-01-01,"
                + (index % 3 == 0 ? "2025-02-01" : "") + "\n"
        }
        let before = await engine.journalPosition
        let summary = try await engine.importOpportunities(
            try OpportunityImportReader(data: Data(csv.utf8)).rows(), by: .integration("crm"))
        #expect(summary.opened == 2_500 && summary.closed == 834 && summary.skipped.isEmpty)
        let board = try await engine.scoreboard(ScoreboardQuery(period: .allTime))
        #expect(board.total.dealsOpened == 2_500 && board.total.dealsWon == 834)
        #expect(await engine.journalPosition != before)
    }
}
