import Accord
import Foundation
import LeadModel
import Testing

struct OpportunityImportTests {
    static let csv = """
        Opportunity ID,Contact Email,Amount,Currency,Product,Stage,Status,Created Date,Close Date,Loss Reason
        OPP-1,ana@acme.com,"24,000",usd,payroll,proposal,Open,2026-07-01,2026-09-30,
        OPP-2,bo@beta.io,$12000,USD,benefits,closed,Closed Won,2026-06-01,2026-08-15,roi-case
        OPP-3,cy@gamma.com,8000,,payroll,closed,Closed Lost,2026-06-10,2026-08-01,price
        OPP-4,nobody@nowhere.com,5000,USD,payroll,discovery,Open,2026-07-02,,

        """

    func engineWithLeads() async throws -> AlignmentEngine {
        let engine = try await makeEngine()
        for (email, company) in [("ana@acme.com", "Acme"), ("bo@beta.io", "Beta"), ("cy@gamma.com", "Gamma")] {
            try await engine.capture(
                Lead(id: "", email: email, company: company, source: "webinar", attributes: ["useCase": "payroll"]))
        }
        return engine
    }

    @Test func importsOpenWonAndLostDealsMatchedByEmail() async throws {
        let engine = try await engineWithLeads()
        let rows = try OpportunityImportReader(data: Data(Self.csv.utf8)).rows()
        #expect(rows.count == 4)
        let summary = try await engine.importOpportunities(rows, by: .integration("crm"))
        #expect(summary.opened == 3 && summary.closed == 2 && summary.updated == 0)
        #expect(summary.skipped.map(\.line) == [5])
        let ana = try #require(await engine.lookUp(Lead(id: "", email: "ana@acme.com")))
        let state = try #require(await engine.state(of: ana))
        #expect(state.stage == .opportunity)
        #expect(state.opportunity?.opportunity.amount == 24_000)
        #expect(state.opportunity?.opportunity.currency == "USD")
        #expect(state.opportunity?.openedAt == JSONDate.day("2026-07-01"))
        #expect(state.opportunity?.opportunity.expectedCloseDate == JSONDate.day("2026-09-30"))
        let bo = try #require(await engine.lookUp(Lead(id: "", email: "bo@beta.io")))
        let won = try #require(await engine.state(of: bo))
        #expect(won.stage == .won)
        #expect(won.opportunity?.closing?.closedAt == JSONDate.day("2026-08-15"))
        #expect(won.opportunity?.closing?.reason == "roi-case")
        #expect(won.stageHistory.map(\.stage) == [.lead, .sql, .opportunity, .won])
    }

    @Test(arguments: [false, true])
    func refusingSkipsStoresNoRowWhenOneCannotBeApplied(dryRun: Bool) async throws {
        let engine = try await engineWithLeads()
        let rows = try OpportunityImportReader(data: Data(Self.csv.utf8)).rows()
        let position = await engine.journalPosition
        let summary = try await engine.importOpportunities(
            rows, by: .integration("crm"), dryRun: dryRun, allowingSkips: false)
        // The summary is the one the import would give; nothing is stored.
        #expect(summary.opened == 3 && summary.closed == 2)
        #expect(summary.skipped.map(\.line) == [5])
        #expect(await engine.journalPosition == position)
        let ana = try #require(await engine.lookUp(Lead(id: "", email: "ana@acme.com")))
        #expect(await engine.state(of: ana)?.opportunity == nil)
    }

    @Test func refusingSkipsStoresEveryRowWhenAllCanBeApplied() async throws {
        let engine = try await engineWithLeads()
        let valid = Self.csv.split(separator: "\n").filter { !$0.contains("nobody@") }.joined(separator: "\n")
        let rows = try OpportunityImportReader(data: Data(valid.utf8)).rows()
        let summary = try await engine.importOpportunities(rows, by: .integration("crm"), allowingSkips: false)
        #expect(summary.opened == 3 && summary.skipped.isEmpty)
        let again = try await engine.importOpportunities(rows, by: .integration("crm"), allowingSkips: false)
        #expect(again.unchanged == 3 && again.opened == 0)
    }

    @Test func importingTheSameFileAgainChangesNothing() async throws {
        let engine = try await engineWithLeads()
        let rows = try OpportunityImportReader(data: Data(Self.csv.utf8)).rows()
        try await engine.importOpportunities(rows, by: .integration("crm"))
        let position = await engine.journalPosition
        let again = try await engine.importOpportunities(rows, by: .integration("crm"))
        #expect(again.unchanged == 3 && again.opened == 0 && again.closed == 0)
        #expect(await engine.journalPosition == position)
    }

    @Test func aLaterExportUpdatesAndClosesOpenDeals() async throws {
        let engine = try await engineWithLeads()
        try await engine.importOpportunities(
            try OpportunityImportReader(data: Data(Self.csv.utf8)).rows(), by: .integration("crm"))
        let later = """
            Opportunity ID,Contact Email,Amount,Status,Close Date
            OPP-1,ana@acme.com,30000,Open,2026-10-15
            """
        let updated = try await engine.importOpportunities(
            try OpportunityImportReader(data: Data(later.utf8)).rows(), by: .integration("crm"))
        #expect(updated.updated == 1)
        let closing = """
            Opportunity ID,Contact Email,Amount,Status,Close Date
            OPP-1,ana@acme.com,31000,won,2026-10-20
            """
        let closed = try await engine.importOpportunities(
            try OpportunityImportReader(data: Data(closing.utf8)).rows(), by: .integration("crm"))
        #expect(closed.closed == 1)
        let ana = try #require(await engine.lookUp(Lead(id: "", email: "ana@acme.com")))
        #expect(await engine.state(of: ana)?.opportunity?.closing?.amount == 31_000)
    }

    @Test func everyBadRowIsReportedWithItsLineAndColumn() throws {
        let csv = """
            Deal,Email,ARR,Status,Close Date
            D1,a@b.io,lots,Open,
            D2,c@d.io,100,maybe,2026-01-01
            D3,e@f.io,100,won,
            D4,,100,Open,
            """
        let reader = try OpportunityImportReader(
            data: Data(csv.utf8), mapping: try OpportunityImportReader.mapping(parsing: "Deal=id,ARR=amount"))
        #expect {
            try reader.rows()
        } throws: { error in
            let errors = (error as? OpportunityImportError)?.errors ?? []
            // An unknown status word is reported once for the file, before the rows' problems.
            return errors.map(\.line) == [nil, 2, 4, 5] && errors[0].column == "Status" && errors[1].column == "ARR"
        }
    }

    @Test func aFileWithoutIdOrLeadColumnsIsRefusedUpFrontButOneWithoutAmountsIsRead() throws {
        let withoutAmounts = try OpportunityImportReader(data: Data("Opportunity ID,Email\nD1,a@b.io\n".utf8))
        #expect(!withoutAmounts.hasAmounts)
        #expect(try withoutAmounts.rows().map(\.opportunity.amount) == [nil])
        #expect {
            try OpportunityImportReader(data: Data("Email,Amount\na@b.io,5\n".utf8))
        } throws: { error in
            (error as? ImportError)?.code == .missingField && (error as? ImportError)?.column == "id"
        }
        #expect {
            try OpportunityImportReader(data: Data("Opportunity ID,Amount\nD1,5\n".utf8))
        } throws: { error in
            (error as? ImportError)?.column == "email"
        }
        #expect(throws: ImportError.self) { try OpportunityImportReader.mapping(parsing: "Deal=dealsize") }
        #expect(throws: ImportError.self) {
            try OpportunityImportReader(data: Data("A,B\n1,2\n".utf8), mapping: ["Missing": .id])
        }
    }
}

enum JSONDate {
    /// Midnight UTC of a `YYYY-MM-DD` day.
    static func day(_ text: String) -> Date {
        try! Date(text, strategy: Date.ISO8601FormatStyle().year().month().day())
    }
}
