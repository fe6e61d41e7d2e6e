import Accord
import Foundation
import Journal
import LeadModel
import Scoreboard
import Testing

/// A CRM's account-level deal export (no contact column): deals find or make their account,
/// count in every deal KPI and slice, and list under the account.
struct AccountDealImportTests {
    /// One generated deal of the export, as the test knows it.
    struct Deal {
        var id: String
        var agent: String
        var product: String
        var account: String
        var stage: String
        var engaged: Int?  // day number since 2017-01-01
        var closed: Int?
        var value: Int?
    }

    static let epoch = ISO8601DateFormatter().date(from: "2017-01-01T00:00:00Z")!

    static func day(_ number: Int) -> String {
        (epoch + Double(number) * 86_400).formatted(.iso8601.year().month().day())
    }

    /// A deterministic export: stages Prospecting (no dates, no value), Engaging (an engage date
    /// only), Won and Lost (both dates and a value; one won deal without an engage date). Account
    /// names vary in case, spacing and punctuation; one account is named by its domain.
    static let deals: [Deal] = {
        var deals: [Deal] = []
        var seed: UInt64 = 7
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let accounts = ["Acme Corporation", "ACME  corporation", "Betasoft", "betasoft.", "gamma.io", "Cancity"]
        let stages = ["Prospecting", "Engaging", "Won", "Lost", "Won"]
        for index in 0..<60 {
            let stage = stages[index % stages.count]
            let engaged = stage == "Prospecting" ? nil : 10 + next(300)
            let closed = stage == "Won" || stage == "Lost" ? engaged! + 1 + next(120) : nil
            let value = stage == "Won" ? 500 + next(9_000) : stage == "Lost" ? 0 : nil
            deals.append(
                Deal(
                    id: "OPP\(index)", agent: "agent\(index % 4)", product: ["GTX", "MG"][index % 2],
                    account: accounts[index % accounts.count], stage: stage,
                    engaged: index == 2 ? nil : engaged, closed: closed, value: value))
        }
        return deals
    }()

    static var csv: String {
        var text = "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n"
        for deal in deals {
            text +=
                [
                    deal.id, deal.agent, deal.product, deal.account, deal.stage, deal.engaged.map(day) ?? "",
                    deal.closed.map(day) ?? "", deal.value.map(String.init) ?? "",
                ].joined(separator: ",") + "\n"
        }
        return text
    }

    func importedEngine(store: any EventStore = InMemoryEventStore()) async throws -> AlignmentEngine {
        let engine = try await makeEngine(store: store)
        let rows = try OpportunityImportReader(data: Data(Self.csv.utf8), name: "pipeline.csv").rows()
        let summary = try await engine.importOpportunities(
            rows, by: .integration("import:pipeline.csv"), from: "pipeline.csv")
        #expect(summary.skipped.isEmpty)
        #expect(summary.opened == 60 && summary.accountDeals == 60)
        return engine
    }

    /// Win rate, mean and median cycle and average deal size of `deals`, computed here.
    static func expected(_ deals: [Deal]) -> (winRate: Double, mean: Double, median: Double, size: Double) {
        let won = deals.filter { $0.stage == "Won" }
        let lost = deals.filter { $0.stage == "Lost" }
        // A won deal without an engage date opens at its close: a cycle of 0 days.
        let cycles = won.map { Double($0.closed! - ($0.engaged ?? $0.closed!)) }.sorted()
        let median = cycles[Int((0.5 * Double(cycles.count)).rounded(.up)) - 1]
        return (
            Double(won.count) / Double(won.count + lost.count), cycles.reduce(0, +) / Double(cycles.count), median,
            Double(won.map { $0.value! }.reduce(0, +)) / Double(won.count)
        )
    }

    @Test func anAccountLevelExportGivesTheScoreboardComputedFromTheFile() async throws {
        let engine = try await importedEngine()
        let board = try await engine.scoreboard(ScoreboardQuery(period: .allTime))
        let total = Self.expected(Self.deals)
        #expect(board.total.leads == 0, "account deals add no person to the funnel")
        #expect(board.total.dealsOpened == 60)
        #expect(board.total.openDeals == Self.deals.count { $0.stage == "Prospecting" || $0.stage == "Engaging" })
        #expect(board.total.openDealsWithoutAmount == board.total.openDeals)
        #expect(board.total.openPipeline == 0)
        #expect(board.total.winRate == total.winRate)
        #expect(abs((board.total.salesCycleDays ?? -1) - total.mean) < 1e-9)
        #expect(board.total.salesCycleMedianDays == total.median)
        #expect(board.total.averageDealSize == total.size)
        #expect(board.total.creationToWonDays == nil, "an account's deal has no lead creation to measure from")
        let velocity = Double(board.total.openDeals) * total.winRate * total.size / total.mean
        #expect(abs((board.total.pipelineVelocity ?? -1) - velocity) < 1e-6)
    }

    @Test(arguments: [SliceDimension.owner, .product])
    func everySliceOfOwnerAndProductMatchesTheFile(_ dimension: SliceDimension) async throws {
        let engine = try await importedEngine()
        let board = try await engine.scoreboard(ScoreboardQuery(period: .allTime, slicedBy: dimension))
        // By owner, a deal counts under its sales agent (the deal's owner).
        let groups = Dictionary(grouping: Self.deals) { dimension == .owner ? $0.agent : $0.product }
        #expect(Set(board.slices.map(\.label)) == Set(groups.keys))
        for (label, deals) in groups {
            let row = try #require(board.slices.first { $0.label == label })
            let expected = Self.expected(deals)
            #expect(row.dealsOpened == deals.count)
            #expect(row.winRate == expected.winRate)
            #expect(abs((row.salesCycleDays ?? -1) - expected.mean) < 1e-9)
            #expect(row.salesCycleMedianDays == expected.median)
            #expect(row.averageDealSize == expected.size)
        }
    }

    @Test func namesFindOneAccountWhateverTheirCaseSpacingOrPunctuation() async throws {
        let engine = try await importedEngine()
        let acme = try #require(await engine.resolveAccount("acme corporation"))
        #expect(acme == AccountID("name:acme-corporation"))
        #expect(await engine.account(acme)?.name == "Acme Corporation")
        #expect(await engine.deals(of: acme).count == Self.deals.count { $0.account.lowercased().hasPrefix("acme") })
        let gamma = try #require(await engine.resolveAccount("gamma.io"))
        #expect(gamma == AccountID("gamma.io"))
        #expect(await engine.account(gamma)?.domain == "gamma.io")
        #expect(await engine.deals(of: gamma).count == 10)
        let betasoft = try #require(await engine.resolveAccount("BETASOFT"))
        #expect(await engine.deals(of: betasoft).count == 20)
    }

    @Test func eachDealSaysWhereItCameFrom() async throws {
        let engine = try await importedEngine()
        let deal = try #require(await engine.deals(of: "name:cancity").first)
        #expect(deal.openedBy == .integration("import:pipeline.csv"))
        #expect(deal.reasons == [Reason(rule: "history", detail: "imported from pipeline.csv")])
    }

    @Test func aDealWithoutDatesOpensAtItsCloseOrAtTheImport() async throws {
        let clock = TestClock()
        let engine = try await makeEngine(clock: clock)
        let csv = """
            opportunity_id,account,deal_stage,engage_date,close_date,close_value
            A,Acme,Won,,2017-03-01,100
            B,Acme,Prospecting,,,

            """
        try await engine.importOpportunities(try OpportunityImportReader(data: Data(csv.utf8)).rows(), by: .system)
        let deals = await engine.deals(of: "name:acme")
        #expect(deals.map(\.state.openedAt) == [Self.epoch + 59 * 86_400, clock.now])
        #expect(deals[1].state.opportunity.amount == nil)
    }

    @Test func importingTheFileAgainChangesNothingAndLaterRowsUpdateOrClose() async throws {
        let engine = try await importedEngine()
        let rows = try OpportunityImportReader(data: Data(Self.csv.utf8)).rows()
        let again = try await engine.importOpportunities(rows, by: .system, from: "pipeline.csv")
        #expect(again.opened == 0 && again.unchanged == 60 && again.skipped.isEmpty)
        let later = """
            opportunity_id,account,deal_stage,engage_date,close_date,close_value
            OPP0,Acme Corporation,Engaging,2017-06-01,,
            OPP1,ACME corporation,Won,2017-02-01,2018-06-01,1200

            """
        let summary = try await engine.importOpportunities(
            try OpportunityImportReader(data: Data(later.utf8)).rows(), by: .system, from: "later.csv")
        #expect(summary.updated == 1 && summary.closed == 1 && summary.opened == 0)
        let acme = await engine.deals(of: "name:acme-corporation")
        #expect(acme.first { $0.state.opportunity.id == "OPP0" }?.state.opportunity.dealStage == "Engaging")
        #expect(acme.first { $0.state.opportunity.id == "OPP1" }?.state.closing?.amount == 1200)
    }

    @Test func aContactColumnStillLinksTheDealToTheLead() async throws {
        let engine = try await makeEngine()
        try await engine.capture(Lead(id: "", email: "ana@acme.com", company: "Acme", source: "webinar"))
        let csv = """
            Opportunity ID,Email,Account,Stage,Amount,Created Date,Close Date
            D1,ana@acme.com,Acme,Closed Won,9000,2025-02-03,2025-03-20
            D2,,Acme,Prospecting,,,

            """
        let summary = try await engine.importOpportunities(
            try OpportunityImportReader(data: Data(csv.utf8)).rows(), by: .system)
        #expect(summary.skipped.isEmpty && summary.opened == 2 && summary.accountDeals == 1)
        let lead = try #require(await engine.lookUp(Lead(id: "", email: "ana@acme.com")))
        let state = try #require(await engine.state(of: lead))
        #expect(state.opportunity?.opportunity.id == "D1")
        #expect(state.stage == .won)
        // The name finds the account the lead's email domain made, named after its company.
        #expect(await engine.resolveAccount("ACME") == AccountID("acme.com"))
        #expect(await engine.deals(of: "acme.com").map(\.state.opportunity.id) == ["D2"])
        #expect(await engine.contacts(of: "acme.com").map(\.id) == [lead])
    }

    @Test func accountDealsSurviveASnapshotReload() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accountdeals-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await FileEventStore(directory: directory)
        let engine = try await importedEngine(store: store)
        #expect(try await engine.saveSnapshot())
        try await store.close()
        let reopened = try await FileEventStore(directory: directory)
        let again = try await makeEngine(store: reopened)
        guard case .loaded = await again.snapshotStatus else {
            Issue.record("the snapshot was not used: \(await again.snapshotStatus)")
            return
        }
        #expect(await again.deals(of: "name:cancity").count == 10)
        #expect(await again.account("name:cancity")?.name == "Cancity")
        let board = try await again.scoreboard(ScoreboardQuery(period: .allTime))
        #expect(board.total.dealsOpened == 60)
        try await reopened.close()
    }
}
