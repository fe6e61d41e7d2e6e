import Accord
import Foundation
import LeadModel
import Scoreboard
import Testing

/// CRM stage names, status maps and opening dates of imported deal history.
struct DealStatusTests {
    func rows(_ csv: String, statuses: DealStatusMap = .standard) throws -> [OpportunityRow] {
        var reader = try OpportunityImportReader(data: Data(csv.utf8))
        reader.statuses = statuses
        return try reader.rows()
    }

    @Test(arguments: [
        ("Prospecting", OpportunityRow.Status.open), ("Engaging", .open), ("Needs Analysis", .open),
        ("Proposal/Price Quote", .open), ("Negotiation/Review", .open), ("appointmentscheduled", .open),
        ("Qualified To Buy", .open), ("Discovery", .open), ("Demo", .open), ("Closed Won", .won),
        ("closed_won", .won), ("Won", .won), ("Closed Lost", .lost), ("LOST", .lost),
    ])
    func theCommonCRMStagesAreKnown(_ word: String, _ status: OpportunityRow.Status) {
        #expect(DealStatusMap.standard.status(for: word) == status)
    }

    /// A CRM export with one column for where the deal stands, as the big CRMs' exports have it.
    static let pipeline = """
        opportunity_id,email,sales_agent,product,deal_stage,engage_date,close_date,close_value
        D1,ana@acme.com,Moses Frase,GTX Plus Basic,Prospecting,,,1000
        D2,bo@beta.io,Darcel Schlecht,MG Special,Engaging,2017-01-05,,55
        D3,cy@gamma.com,Moses Frase,GTX Pro,Won,2016-10-20,2017-03-01,4514
        D4,di@delta.com,Zane Levy,MG Advanced,Lost,2016-10-25,2017-03-11,0

        """

    @Test func theDealStageColumnGivesTheStatusAndStaysTheDealStage() throws {
        let rows = try rows(Self.pipeline)
        #expect(rows.map(\.status) == [.open, .open, .won, .lost])
        #expect(rows.map(\.opportunity.dealStage) == ["Prospecting", "Engaging", "Won", "Lost"])
        #expect(
            rows.map(\.opportunity.owner) == [
                .rep("Moses Frase"), .rep("Darcel Schlecht"), .rep("Moses Frase"), .rep("Zane Levy"),
            ])
        #expect(rows[0].opportunity.openedAt == nil)
        #expect(rows[2].opportunity.openedAt == JSONDate.day("2016-10-20"))
        #expect(rows[2].closedAt == JSONDate.day("2017-03-01"))
        #expect(rows[2].opportunity.amount == 4_514)
    }

    @Test func aPipelineStageInTheStatusColumnIsKeptAsTheDealStage() throws {
        let rows = try rows("Deal ID,Email,Amount,Status\nD1,a@b.io,5,Negotiation\nD2,c@d.io,5,Open\n")
        #expect(rows.map(\.status) == [.open, .open])
        #expect(rows.map(\.opportunity.dealStage) == ["Negotiation", nil])
    }

    @Test func unknownWordsAreReportedOnceWithTheirCountsAndTheMapThatReadsThem() throws {
        let csv = """
            Deal ID,Email,Amount,Stage,Close Date
            D1,a@b.io,5,Parked,2026-01-01
            D2,c@d.io,5,Parked,2026-01-01
            D3,e@f.io,5,On Ice,2026-01-01
            D4,g@h.io,x,Won,2026-01-01

            """
        #expect {
            try rows(csv)
        } throws: { error in
            let errors = (error as? OpportunityImportError)?.errors ?? []
            guard errors.count == 2 else { return false }
            return errors[0].line == nil && errors[0].column == "Stage"
                && errors[0].message.contains("'Parked' (2 rows), 'On Ice' (1 row)")
                && errors[0].message.contains("--status-map 'Parked=open|won|lost,On Ice=open|won|lost'")
                && errors[1].line == 5 && errors[1].column == "Amount"
        }
        var statuses = DealStatusMap.standard
        statuses.add(try DealStatusMap(parsing: "Parked=lost, On Ice = open"))
        let read = try rows(csv.replacingOccurrences(of: ",x,", with: ",7,"), statuses: statuses)
        #expect(read.map(\.status) == [.lost, .lost, .open, .won])
    }

    @Test func aFileOfWonDealsOnlySaysSoWithAConstantStatus() throws {
        let csv = "Deal ID,Email,Amount,Close Date\nD1,a@b.io,5,2026-01-02\nD2,c@d.io,7,2026-02-03\n"
        #expect(try rows(csv).map(\.status) == [.open, .open])
        let won = try rows(csv, statuses: DealStatusMap(constant: .won))
        #expect(won.map(\.status) == [.won, .won])
        #expect(won.map(\.closedAt) == [JSONDate.day("2026-01-02"), JSONDate.day("2026-02-03")])
    }

    @Test(arguments: ["Engaging=pending", "Engaging", "=won"])
    func aStatusMapWithoutOpenWonOrLostIsRefused(_ text: String) {
        #expect(throws: ImportError.self) { try DealStatusMap(parsing: text) }
    }

    @Test func aDealThatClosesBeforeItOpensIsARowError() throws {
        let csv = "Deal ID,Email,Amount,Status,Created Date,Close Date\nD1,a@b.io,5,Won,2026-03-01,2026-02-01\n"
        #expect {
            try rows(csv)
        } throws: { error in
            let errors = (error as? OpportunityImportError)?.errors ?? []
            return errors.count == 1 && errors[0].line == 2 && errors[0].column == "Close Date"
                && errors[0].message.contains("before it opens")
        }
    }

    @Test func aDealWithoutAnOpeningDateOpensAtTheLeadsCreationOrItsCloseNeverAtImportTime() async throws {
        let clock = TestClock()
        let engine = try await makeEngine(clock: clock)
        let created = clock.now
        for email in ["ana@acme.com", "bo@beta.io"] {
            try await engine.capture(
                Lead(id: "", email: email, company: "Co", source: "webinar", attributes: ["useCase": "payroll"]))
        }
        clock.advance(30 * 86_400)
        let closedLater = created.addingTimeInterval(20 * 86_400)
        let closedEarlier = created.addingTimeInterval(-400 * 86_400)
        let day = Date.ISO8601FormatStyle().year().month().day()
        let csv = """
            Deal ID,Email,Amount,Status,Close Date
            D1,ana@acme.com,5,Won,\(closedLater.formatted(day))
            D2,bo@beta.io,5,Won,\(closedEarlier.formatted(day))

            """
        let summary = try await engine.importOpportunities(try rows(csv), by: .integration("crm"))
        #expect(summary.opened == 2 && summary.skipped.isEmpty)
        let board = try await engine.scoreboard(ScoreboardQuery(period: .allTime))
        let anaID = try #require(await engine.lookUp(Lead(id: "", email: "ana@acme.com")))
        let ana = try #require(await engine.state(of: anaID))
        #expect(ana.opportunity?.openedAt == ana.createdAt)
        let boID = try #require(await engine.lookUp(Lead(id: "", email: "bo@beta.io")))
        let bo = try #require(await engine.state(of: boID))
        #expect(bo.opportunity?.openedAt == bo.opportunity?.closing?.closedAt)
        let p90 = try #require(board.total.salesCycleP90Days)
        let median = try #require(board.total.salesCycleMedianDays)
        #expect(p90 < 20 && median == 0)
    }
}
