import Accord
import Foundation
import LeadModel
import Scoreboard
import Testing

/// Empty amounts: open and lost deals may have none; a won deal may only when the file has no
/// amounts at all.
struct DealAmountRulesTests {
    func rows(_ csv: String) throws -> [OpportunityRow] {
        try OpportunityImportReader(data: Data(csv.utf8)).rows()
    }

    @Test func openAndLostDealsMayHaveNoAmount() throws {
        let rows = try rows(
            """
            Opportunity ID,Account,Stage,Amount,Close Date
            D1,Acme,Prospecting,,
            D2,Acme,Closed Lost,,2025-03-01
            D3,Acme,Closed Won,500,2025-03-02

            """)
        #expect(rows.map(\.opportunity.amount) == [nil, nil, 500])
    }

    @Test func aWonDealWithoutAnAmountIsAnErrorWhenTheFileHasAmounts() {
        #expect {
            try rows(
                """
                Opportunity ID,Account,Stage,Amount,Close Date
                D1,Acme,Closed Won,,2025-03-01
                D2,Acme,Closed Won,700,2025-03-02

                """)
        } throws: { error in
            let errors = (error as? OpportunityImportError)?.errors ?? []
            return errors.count == 1 && errors[0].line == 2 && errors[0].column == "Amount"
                && errors[0].description.contains("a won deal needs its amount")
        }
    }

    @Test(arguments: [
        "Opportunity ID,Account,Stage,Close Date\nD1,Acme,Closed Won,2025-03-01\n",
        "Opportunity ID,Account,Stage,Amount,Close Date\nD1,Acme,Closed Won,,2025-03-01\nD2,Acme,Open,,\n",
    ])
    func aWonDealWithoutAnAmountIsAllowedWhenTheFileHasNone(_ csv: String) throws {
        let reader = try OpportunityImportReader(data: Data(csv.utf8))
        #expect(!reader.hasAmounts)
        let rows = try reader.rows()
        #expect(rows[0].status == .won && rows[0].opportunity.amount == nil)
    }

    @Test func aWonDealWithoutAnAmountCountsButLeavesDealSizeToTheOthers() async throws {
        let engine = try await makeEngine()
        let csv = """
            Opportunity ID,Account,Stage,Created Date,Close Date
            D1,Acme,Closed Won,2025-01-01,2025-01-11
            D2,Beta,Closed Won,2025-01-01,2025-01-21

            """
        try await engine.importOpportunities(try rows(csv), by: .system)
        let board = try await engine.scoreboard(ScoreboardQuery(period: .allTime))
        #expect(board.total.dealsWon == 2 && board.total.dealsWonWithoutAmount == 2)
        #expect(board.total.winRate == 1)
        #expect(board.total.salesCycleDays == 15)
        #expect(board.total.averageDealSize == nil && board.total.pipelineVelocity == nil)
        #expect(board.total.revenueWon == 0)
    }
}
