import Foundation
import LeadModel
import Scoreboard
import Testing

/// How long deals take (mean, median, p90) and whose slice a deal counts in.
struct DealAttributionTests {
    static let utc = TimeZone(identifier: "UTC")!

    func at(_ month: Int, _ day: Int) -> Date { JournalBuilder.at(month, day) }

    func board(_ journal: JournalBuilder, by slice: SliceDimension? = nil) throws -> Scoreboard {
        try ScoreboardProjection(events: journal.events).scoreboard(
            ScoreboardQuery(period: .quarter(year: 2026, quarter: 3), slicedBy: slice, timeZone: Self.utc))
    }

    /// Leads created on 1 July, their deals opened `opensAfter` days later and won `cycle` days
    /// after that.
    func wonDeals(_ deals: [(opensAfter: Int, cycle: Int)]) -> JournalBuilder {
        var journal = JournalBuilder()
        for (index, deal) in deals.enumerated() {
            let lead = LeadID("L\(index)")
            journal.capture(lead, at(7, 1), source: "webinar")
            journal.open(lead, OpportunityID("D\(index)"), 1_000, at(7, 1 + deal.opensAfter))
            journal.close(lead, OpportunityID("D\(index)"), won: true, 1_000, at(7, 1 + deal.opensAfter + deal.cycle))
        }
        return journal
    }

    @Test func salesCycleHasItsMedianAndP90NextToTheMean() throws {
        let row = try board(wonDeals([(5, 40), (5, 10), (5, 20)])).total
        #expect(row.salesCycleDays == 70.0 / 3.0)
        #expect(row.salesCycleMedianDays == 20)
        #expect(row.salesCycleP90Days == 40)
        #expect(row.creationToWonDays == 85.0 / 3.0)
        #expect(row.creationToWonMedianDays == 25)
        #expect(row.creationToWonP90Days == 45)
    }

    @Test func anEvenNumberOfDealsTakesTheNearestRankMedian() throws {
        let row = try board(wonDeals([(0, 30), (0, 10), (0, 40), (0, 20)])).total
        #expect(row.salesCycleDays == 25)
        #expect(row.salesCycleMedianDays == 20)
        #expect(row.salesCycleP90Days == 40)
    }

    @Test func withoutWonDealsTheCycleIsUnknownNotZero() throws {
        var journal = JournalBuilder()
        journal.capture("L", at(7, 1), source: "webinar")
        journal.open("L", "D", 1_000, at(7, 2))
        journal.close("L", "D", won: false, 0, at(7, 9))
        let row = try board(journal).total
        #expect(row.dealsLost == 1)
        #expect(row.salesCycleDays == nil && row.salesCycleMedianDays == nil && row.salesCycleP90Days == nil)
        #expect(row.creationToWonDays == nil && row.creationToWonMedianDays == nil)
    }

    /// An SDR owns the lead; the account executive who worked the deal owns the deal.
    var handedOver: JournalBuilder {
        var journal = JournalBuilder()
        journal.capture("L", at(7, 1), source: "webinar")
        journal.stage("L", .lead, .mql, at(7, 2))
        journal.assign("L", "sam-sdr", at(7, 2))
        journal.stage("L", .mql, .sql, at(7, 3))
        journal.stage("L", .sql, .opportunity, at(7, 4))
        journal.open("L", "D1", 9_000, at(7, 4), product: "payroll", owner: "ana-ae")
        journal.close("L", "D1", won: true, 9_000, at(7, 24))
        // A second deal without an owner of its own counts under the lead's owner.
        journal.open("L", "D2", 3_000, at(7, 25), product: "benefits")
        journal.close("L", "D2", won: false, 0, at(8, 5))
        return journal
    }

    @Test func byOwnerDealsCountUnderTheDealsOwnerAndLeadsUnderTheLeads() throws {
        let board = try board(handedOver, by: .owner)
        #expect(board.slices.map(\.label) == ["ana-ae", "sam-sdr"])
        let ae = board.slices[0]
        let sdr = board.slices[1]
        #expect(ae.leads == 0 && ae.mqls == 0)
        #expect(ae.dealsOpened == 1 && ae.dealsWon == 1 && ae.revenueWon == 9_000 && ae.winRate == 1)
        #expect(ae.salesCycleDays == 20)
        #expect(sdr.leads == 1 && sdr.mqls == 1 && sdr.sqls == 1 && sdr.opportunities == 1)
        #expect(sdr.dealsOpened == 1 && sdr.dealsWon == 0 && sdr.dealsLost == 1 && sdr.winRate == 0)
        #expect(board.total.dealsOpened == 2 && board.total.winRate == 0.5)
    }

    @Test func byProductEachDealCountsUnderItsOwnProduct() throws {
        let board = try board(handedOver, by: .product)
        let payroll = try #require(board.slices.first { $0.label == "payroll" })
        let benefits = try #require(board.slices.first { $0.label == "benefits" })
        #expect(payroll.dealsWon == 1 && payroll.dealsLost == 0 && payroll.revenueWon == 9_000)
        #expect(benefits.dealsWon == 0 && benefits.dealsLost == 1)
        // The person counts once, under the product of their latest deal.
        #expect(benefits.leads == 1 && payroll.leads == 0)
    }
}
