import Accord
import Foundation
import LeadModel
import Scoreboard
import Testing

/// A leads export with creation times and stages loads as history: creation dates the capture,
/// the stage is reached as history, cohorts and conversions come out of the file's own dates.
struct LeadHistoryImportTests {
    private static func engine(
        clock: TestClock = TestClock(), store: InMemoryEventStore = InMemoryEventStore()
    ) async throws -> AlignmentEngine {
        try await makeEngine(store: store, clock: clock)
    }

    private static func reader(
        _ text: String, name: String = "mqls.csv", pattern: String? = nil, zone: String? = nil,
        stage: Stage? = nil, now: Date? = nil
    ) throws -> ImportReader {
        try ImportReader(
            data: Data(text.utf8), name: name, kind: .leads, format: .csv,
            dateFormat: ImportDateFormat(pattern: pattern, timeZone: zone),
            history: ImportHistoryOptions(startingStage: stage, stageGraph: .standard, now: now))
    }

    @discardableResult
    private static func load(_ reader: ImportReader, into engine: AlignmentEngine) async throws -> IngestSummary {
        var summary = IngestSummary()
        while case let batch = try reader.nextBatch(max: 100), !batch.isEmpty {
            summary.add(
                try await engine.ingest(
                    batch.map(\.record.ingestItem), by: .integration("import:\(reader.sourceName)"),
                    from: reader.sourceName))
        }
        return summary
    }

    private static func day(_ text: String) -> Date { JSONDate.day(text) }

    @Test func aCreationColumnDatesTheCaptureAndTheCohort() async throws {
        let engine = try await Self.engine()
        let csv = "email,Create Date\nana@acme.com,2018-01-15\nbo@beta.io,2018-05-02 10:30:00\n"
        let reader = try Self.reader(csv)
        let batch = try reader.nextBatch(max: 10)
        let (lead, history) = try #require(batch[0].record.historical)
        #expect(lead.email == "ana@acme.com")
        #expect(history == LeadHistory(createdAt: Self.day("2018-01-15")))
        try await Self.load(Self.reader(csv), into: engine)
        let ana = try #require(await engine.lookUp(Lead(id: "", email: "ana@acme.com")))
        let state = try #require(await engine.state(of: ana))
        #expect(state.createdAt == Self.day("2018-01-15"))
        #expect(state.stage == .lead)
        let q1 = try await engine.scoreboard(ScoreboardQuery(period: .quarter(year: 2018, quarter: 1)))
        let q2 = try await engine.scoreboard(ScoreboardQuery(period: .quarter(year: 2018, quarter: 2)))
        let today = try await engine.scoreboard(ScoreboardQuery(period: .quarter(year: 2026, quarter: 3)))
        #expect(q1.total.leads == 1 && q2.total.leads == 1 && today.total.leads == 0)
    }

    @Test func aStartingStageIsReachedAsHistoryNamingTheFileAndTheMissingGateFields() async throws {
        let store = InMemoryEventStore()
        let engine = try await Self.engine(store: store)
        let csv =
            "email,Lifecycle Stage,Create Date,stage date\nana@acme.com,Sales Qualified Lead,2018-01-15,2018-02-01\n"
        try await Self.load(try Self.reader(csv, name: "hubspot.csv"), into: engine)
        let ana = try #require(await engine.lookUp(Lead(id: "", email: "ana@acme.com")))
        let state = try #require(await engine.state(of: ana))
        #expect(state.stage == .sql)
        // The standard graph goes from lead straight to sql.
        #expect(state.stageHistory.map(\.stage) == [.lead, .sql])
        #expect(state.stageHistory.map(\.enteredAt) == [Self.day("2018-01-15"), Self.day("2018-02-01")])
        let moves = await store.events(forLead: ana).filter {
            if case .stageChanged = $0.payload { return true }
            return false
        }
        #expect(moves.count == 1)
        #expect(moves.allSatisfy { $0.actor == .integration("import:hubspot.csv") && $0.playbookVersion == nil })
        let toSQL = try #require(moves.last)
        #expect(toSQL.reasons.contains { $0.rule == "history" && $0.detail.hasPrefix("imported from hubspot.csv") })
        #expect(
            toSQL.reasons.contains {
                $0.rule == "gate:sql" && $0.detail == "not checked for history; missing then: company, source"
            })
    }

    @Test func aConstantStageAppliesToEveryRowAndARowsOwnStageWins() async throws {
        let csv = "email,first_contact_date,stage\nana@acme.com,01-02-2018,\nbo@beta.io,02-02-2018,sql\n"
        let reader = try Self.reader(csv, pattern: "DD-MM-YYYY", stage: .mql)
        let records = try reader.nextBatch(max: 10).map(\.record)
        #expect(
            records == [
                .historicalLead(
                    Lead(id: "", email: "ana@acme.com"), LeadHistory(createdAt: Self.day("2018-02-01"), stage: .mql)),
                .historicalLead(
                    Lead(id: "", email: "bo@beta.io"), LeadHistory(createdAt: Self.day("2018-02-02"), stage: .sql)),
            ])
    }

    @Test func aRowWithAStageDateButNoCreationDateIsCreatedAtTheStageDate() throws {
        let reader = try Self.reader("email,stageDate\nana@acme.com,2018-03-01\n", stage: .mql)
        let (_, history) = try #require(try reader.nextBatch(max: 1).first?.record.historical)
        #expect(
            history
                == LeadHistory(createdAt: Self.day("2018-03-01"), stage: .mql, stageEnteredAt: Self.day("2018-03-01")))
    }

    @Test func reImportingTheSameRowsAddsNothing() async throws {
        let engine = try await Self.engine()
        let csv = "email,Created Date\nana@acme.com,2018-01-15\nbo@beta.io,2018-03-02\n"
        let first = try await Self.load(try Self.reader(csv, stage: .mql), into: engine)
        #expect(first.created == 2 && first.historyStageMoves == 2)
        #expect(first.eventsAppended == 4)
        let position = await engine.journalPosition
        let again = try await Self.load(try Self.reader(csv, stage: .mql), into: engine)
        #expect(again.created == 0 && again.matched == 2 && again.historyStageMoves == 0)
        #expect(await engine.journalPosition == position)
    }

    @Test func historyIsCheckedRowByRowInTheDryRunToo() throws {
        let now = Self.day("2026-01-01")
        let csv = """
            email,Created Date,stage,stageDate
            ana@acme.com,01-02-2018,mql,
            bo@beta.io,2018-02-01,,2018-03-01
            cy@gamma.org,2018-02-01,mql,2018-01-01
            di@delta.com,2030-01-01,mql,
            ed@eps.io,2018-02-01,churned,2018-03-01

            """
        let report = try Self.reader(csv, now: now).validateAll()
        let found = report.errors.map { "\($0.line ?? 0) \($0.column ?? "")" }
        #expect(found == ["2 Created Date", "3 stageDate", "4 stageDate", "5 Created Date", "6 stage"])
        #expect(report.errors[0].message.contains("--date-format DD-MM-YYYY (day first) or MM-DD-YYYY (month first)"))
        #expect(report.errors[1].message.contains("needs a stage"))
        #expect(report.errors[2].message.contains("before the creation date"))
        #expect(report.errors[3].message.contains("in the future"))
        #expect(report.errors[4].message.contains("a stage of the playbook (lead, mql"))
        #expect(report.validRecordCount == 0)
        let reader = try Self.reader(csv, now: now)
        #expect(throws: ImportError.self) { try reader.nextBatch(max: 10) }
    }

    @Test func theEngineRefusesHistoryInTheFuture() async throws {
        let clock = TestClock()
        let engine = try await Self.engine(clock: clock)
        let later = clock.now.addingTimeInterval(60)
        let error = await #expect(throws: LeadModelError.self) {
            try await engine.capture(Lead(id: "", email: "ana@acme.com"), at: later)
        }
        #expect(error?.code == .invalidValue)
        await #expect(throws: LeadModelError.self) {
            try await engine.ingest([.historicalLead(Lead(id: "", email: "bo@beta.io"), LeadHistory(createdAt: later))])
        }
        #expect(await engine.journalPosition == nil)
    }

    @Test func aCaptureAtAnEarlierTimeCreatesTheLeadThen() async throws {
        let clock = TestClock()
        let engine = try await Self.engine(clock: clock)
        let earlier = Self.day("2025-03-14")
        let created = try await engine.capture(Lead(id: "", email: "ana@acme.com", source: "webinar"), at: earlier)
        #expect(created.state.createdAt == earlier)
        #expect(created.state.stageHistory.first?.enteredAt == earlier)
        // New facts on a known lead are recorded now; the creation does not move.
        let again = try await engine.capture(
            Lead(id: "", email: "ana@acme.com", company: "Acme"), at: Self.day("2024-01-01"))
        #expect(again.state.createdAt == earlier)
        #expect(again.state.lead.company == "Acme")
        #expect(again.state.updatedAt == clock.now)
    }

    /// Every row an MQL created in 2018; some became deals. Lead→MQL is 100%, MQL→SQL is the
    /// share that became deals, each cohort holds its own quarter's leads.
    @Test func aFileOfMQLsGivesTheRightConversionsAndCohorts() async throws {
        let engine = try await Self.engine()
        var csv = "mql_id,email,first_contact_date,origin\n"
        let created = [
            "03-01-2018", "15-01-2018", "28-02-2018", "31-03-2018", "01-04-2018", "15-05-2018", "30-06-2018",
            "14-07-2018",
        ]
        for (index, date) in created.enumerated() {
            csv += "M\(index),p\(index)@co\(index).com,\(date),organic_search\n"
        }
        let reader = try ImportReader(
            data: Data(csv.utf8), name: "mqls.csv", kind: .leads, format: .csv,
            mapping: ImportMapping(parsing: "mql_id=external:funnel,first_contact_date=createdAt,origin=source"),
            dateFormat: ImportDateFormat(pattern: "DD-MM-YYYY"),
            history: ImportHistoryOptions(startingStage: .mql, stageGraph: .standard))
        let summary = try await Self.load(reader, into: engine)
        #expect(summary.created == 8)
        // Deals: two from Q1 (one won, one lost), one from Q2 (won).
        let deals = """
            Opportunity ID,Contact Email,Amount,Status,Created Date,Close Date
            D1,p0@co0.com,1000,won,2018-02-01,2018-03-01
            D2,p2@co2.com,2000,lost,2018-03-05,2018-04-10
            D3,p5@co5.com,3000,won,2018-06-01,2018-07-01

            """
        let rows = try OpportunityImportReader(data: Data(deals.utf8)).rows()
        let imported = try await engine.importOpportunities(rows, by: .integration("import:deals.csv"))
        #expect(imported.skipped.isEmpty)

        let all = try await engine.scoreboard(ScoreboardQuery(period: .allTime))
        #expect(all.total.leads == 8 && all.total.mqls == 8)
        #expect(all.total.leadToMQL == 1)
        #expect(all.total.mqlToSQL == 3.0 / 8.0)
        let q1 = try await engine.scoreboard(ScoreboardQuery(period: .quarter(year: 2018, quarter: 1)))
        #expect(q1.total.leads == 4 && q1.total.mqls == 4 && q1.total.sqls == 2)
        #expect(q1.total.won == 1 && q1.total.lost == 1)
        #expect(q1.total.mqlToSQL == 0.5)
        let q2 = try await engine.scoreboard(ScoreboardQuery(period: .quarter(year: 2018, quarter: 2)))
        #expect(q2.total.leads == 3 && q2.total.won == 1)
        let q3 = try await engine.scoreboard(ScoreboardQuery(period: .quarter(year: 2018, quarter: 3)))
        #expect(q3.total.leads == 1 && q3.total.sqls == 0)
        let today = try await engine.scoreboard(ScoreboardQuery(period: .quarter(year: 2026, quarter: 3)))
        #expect(today.total.leads == 0)
    }
}
