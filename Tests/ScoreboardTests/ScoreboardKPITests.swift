import Foundation
import LeadModel
import Scoreboard
import Testing

struct ScoreboardKPITests {
    static let utc = TimeZone(identifier: "UTC")!
    static let october = ReportPeriod.month(year: 2026, month: 10)

    func board(
        _ view: ScoreboardView, by slice: SliceDimension? = nil, period: ReportPeriod = october,
        timeZone: TimeZone = utc, spend: SpendTable? = nil, journal: JournalBuilder = .october
    ) throws -> Scoreboard {
        let projection = ScoreboardProjection(events: journal.events)
        return try projection.scoreboard(
            ScoreboardQuery(period: period, view: view, slicedBy: slice, timeZone: timeZone, spend: spend))
    }

    @Test func cohortViewFollowsOctoberLeadsToTheirOutcome() throws {
        let row = try board(.cohort).total
        #expect([row.leads, row.mqls, row.sqls, row.opportunities, row.won, row.lost] as [Int] == [4, 4, 4, 2, 1, 1])
        #expect(row.leadToMQL == 1 && row.mqlToSQL == 1 && row.sqlToOpportunity == 0.5)
        #expect(row.opportunityToWon == 0.5 && row.leadToOpportunity == 0.5 && row.leadToWon == 0.25)
        #expect([row.dealsOpened, row.dealsWon, row.dealsLost, row.openDeals] as [Int] == [2, 1, 1, 0])
        #expect(row.pipelineCreated == 15_000 && row.revenueWon == 12_000 && row.openPipeline == 0)
        #expect(row.winRate == 0.5 && row.averageDealSize == 12_000 && row.salesCycleDays == 20)
        #expect(row.pipelineVelocity == 0)
        #expect(row.marketingSourcedRevenue == 12_000)
        #expect([row.accepted, row.rejected, row.recycled] as [Int] == [2, 1, 0])
        #expect(row.acceptanceRate == 2.0 / 3.0)
        #expect(row.slaMet == 2 && row.slaBreached == 1 && row.slaAttainment == 2.0 / 3.0)
        #expect(row.firstTouches == 3)
        #expect(row.mqlToFirstTouchMedianSeconds == 14_400.0)
        #expect(row.mqlToFirstTouchP90Seconds == 21_600.0)
        #expect(row.spend == nil && row.costPerClosedDeal == nil)
    }

    @Test func activityViewCountsWhatHappenedInOctober() throws {
        let row = try board(.activity).total
        #expect([row.leads, row.mqls, row.sqls, row.opportunities, row.won, row.lost] as [Int] == [4, 4, 4, 2, 2, 0])
        #expect([row.dealsOpened, row.dealsWon, row.dealsLost, row.openDeals] as [Int] == [2, 2, 0, 1])
        #expect(row.pipelineCreated == 15_000 && row.revenueWon == 20_000 && row.openPipeline == 5_000)
        #expect(row.winRate == 1 && row.averageDealSize == 10_000 && row.salesCycleDays == 17.5)
        #expect(row.pipelineVelocity == 1 * 1 * 10_000 / 17.5)
        #expect(row.marketingSourcedRevenue == 20_000)
        #expect(row.acceptanceRate == 2.0 / 3.0 && row.slaAttainment == 2.0 / 3.0)
        #expect(row.firstTouches == 3 && row.mqlToFirstTouchMedianSeconds == 14_400.0)
    }

    @Test func aPersonMergedMidFunnelCountsOnceWithTheFurthestStage() throws {
        let cohort = try board(.cohort, by: .source)
        let outbound = try #require(cohort.slices.first { $0.label == "outbound" })
        #expect(outbound.leads == 1 && outbound.mqls == 1 && outbound.sqls == 1)
        let projection = ScoreboardProjection(events: JournalBuilder.october.events)
        #expect(projection.personCount == 6)
    }

    @Test(arguments: [ScoreboardView.cohort, .activity], SliceDimension.allCases)
    func slicesSumToTheTotal(_ view: ScoreboardView, _ slice: SliceDimension) throws {
        let board = try board(view, by: slice)
        #expect(!board.slices.isEmpty)
        let counted: [(String, (ScoreboardRow) -> Double)] = [
            ("leads", { Double($0.leads) }), ("mqls", { Double($0.mqls) }), ("sqls", { Double($0.sqls) }),
            ("opportunities", { Double($0.opportunities) }), ("won", { Double($0.won) }),
            ("lost", { Double($0.lost) }), ("dealsOpened", { Double($0.dealsOpened) }),
            ("dealsWon", { Double($0.dealsWon) }), ("openDeals", { Double($0.openDeals) }),
            ("pipelineCreated", \.pipelineCreated), ("revenueWon", \.revenueWon),
            ("accepted", { Double($0.accepted) }), ("rejected", { Double($0.rejected) }),
            ("slaMet", { Double($0.slaMet) }), ("slaBreached", { Double($0.slaBreached) }),
            ("firstTouches", { Double($0.firstTouches) }), ("marketingSourcedRevenue", \.marketingSourcedRevenue),
        ]
        for (name, value) in counted {
            #expect(board.slices.map(value).reduce(0, +) == value(board.total), "\(name)")
        }
    }

    @Test func slicesBySourceAreSortedAndCarryTheirOwnRates() throws {
        let board = try board(.cohort, by: .source)
        #expect(board.slices.map(\.label) == ["ads", "outbound", "webinar"])
        let webinar = board.slices[2]
        #expect(webinar.leads == 2 && webinar.won == 1 && webinar.acceptanceRate == 0.5)
        #expect(board.averageDealSizeBySource == ["webinar": 12_000])
    }

    @Test func ownerAndProductSlicesUseTheLatestAssignmentAndDeal() throws {
        let byOwner = try board(.cohort, by: .owner)
        #expect(byOwner.slices.map(\.label) == ["li", "maria", "(none)"])
        let byProduct = try board(.cohort, by: .product)
        #expect(byProduct.slices.map(\.label) == ["benefits", "payroll", "(none)"])
    }

    @Test func spendGivesCostPerClosedDeal() throws {
        let spend = SpendTable(["webinar": 6_000, "ads": 3_000])
        let board = try board(.cohort, by: .source, spend: spend)
        #expect(board.total.spend == 9_000 && board.total.costPerClosedDeal == 9_000)
        #expect(board.slices.first { $0.label == "webinar" }?.costPerClosedDeal == 6_000)
        #expect(board.slices.first { $0.label == "ads" }?.costPerClosedDeal == nil)
        #expect(board.slices.first { $0.label == "outbound" }?.spend == 0)
    }

    @Test(arguments: [ScoreboardView.cohort, .activity])
    func anEmptyPeriodHasZeroCountsAndNoRates(_ view: ScoreboardView) throws {
        let board = try board(view, by: .source, period: .month(year: 2027, month: 1))
        let row = board.total
        #expect(row.leads == 0 && row.dealsWon == 0 && row.revenueWon == 0 && row.openDeals == 0)
        #expect(row.leadToMQL == nil && row.winRate == nil && row.acceptanceRate == nil)
        #expect(row.mqlToFirstTouchMedianSeconds == nil && row.pipelineVelocity == nil)
        #expect(board.slices.isEmpty)
    }

    @Test func anEmptyJournalGivesAnEmptyBoard() throws {
        let board = try board(.activity, journal: JournalBuilder())
        #expect(board.total.leads == 0 && board.currencies.isEmpty)
    }

    @Test func periodBoundariesFollowTheTimeZone() throws {
        var journal = JournalBuilder()
        journal.capture("late", JournalBuilder.at(9, 30, 23, 30), source: "webinar")
        let inUTC = try board(.cohort, journal: journal).total.leads
        let inBerlin = try board(.cohort, timeZone: TimeZone(identifier: "Europe/Berlin")!, journal: journal)
        #expect(inUTC == 0)
        #expect(inBerlin.total.leads == 1)
        #expect(inBerlin.period.timeZone == "Europe/Berlin")
        #expect(inBerlin.period.start == JournalBuilder.at(9, 30, 22))
    }

    @Test func csvHasAHeaderAndOneLinePerRow() throws {
        let csv = try board(.cohort, by: .source).csv()
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("period,view,slice,label,leads,mqls"))
        #expect(lines[1].hasPrefix("2026-10,cohort,source,total,4,4,4,2,1,1,1,1,0.5,"))
        #expect(lines[0].hasSuffix(",costPerClosedDeal,dealsWonWithoutAmount,openDealsWithoutAmount"))
    }

    @Test func csvCountsTheDealsOfUnknownAmountInItsLastTwoColumns() throws {
        var board = try board(.cohort)
        board.total.dealsWonWithoutAmount = 2
        board.total.openDealsWithoutAmount = 3
        let total = try #require(board.csv().split(separator: "\n").dropFirst().first)
        #expect(total.hasSuffix(",2,3"))
    }

    @Test func scoreboardRoundTripsThroughJSON() throws {
        let board = try board(.activity, by: .campaign)
        let data = try JSONEncoder().encode(board)
        #expect(try JSONDecoder().decode(Scoreboard.self, from: data) == board)
    }
}
