import Accord
import Foundation
import Journal
import LeadModel

/// A CRM's deal history through the engine, as `accord import --kind opportunities` loads it:
/// every row planned, then the whole file appended at once.
enum DealImportBenchmarks {
    static var all: [Benchmark] {
        [
            Benchmark(
                name: "deal-import",
                summary: "Deal history (CSV, a third each won, lost and open) read, planned and appended "
                    + "by the engine on a file journal of as many leads",
                run: dealImport),
            Benchmark(
                name: "deal-import-accounts",
                summary: "An account-level deal export (no contact column; open deals without dates or values) "
                    + "read, planned and appended on account streams of a file journal",
                run: accountDealImport),
        ]
    }

    /// A file journal in the bench's directory and an engine on it, its clock at `start`.
    private static func journal(_ context: BenchContext, at start: Date) async throws -> (
        FileEventStore, AlignmentEngine
    ) {
        let clock = ManualClock(start)
        let store = try await FileEventStore(directory: context.directory.appendingPathComponent("journal"))
        let engine = try await AlignmentEngine(
            playbook: .standard, store: store, configuration: EngineConfiguration(now: { clock.now }))
        return (store, engine)
    }

    private static func accountDealImport(_ context: BenchContext) async throws -> [Measurement] {
        let count = context.count(default: 8_800)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let (store, engine) = try await journal(context, at: start)
        var csv = "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n"
        let stages = ["Won", "Lost", "Engaging", "Prospecting"]
        let day = Date.ISO8601FormatStyle().year().month().day()
        for index in 0..<count {
            let opened = start.addingTimeInterval(Double(index % 365) * 86_400)
            let closed = opened.addingTimeInterval(Double(10 + index % 90) * 86_400)
            let stage = stages[index % 4]
            let dates =
                switch stage {
                case "Prospecting": ",,"
                case "Engaging": "\(opened.formatted(day)),,"
                default: "\(opened.formatted(day)),\(closed.formatted(day)),\(1_000 + index % 5_000)"
                }
            csv += "D\(index),agent\(index % 35),product\(index % 7),Account \(index % 85),\(stage),\(dates)\n"
        }
        let data = Data(csv.utf8)
        let (seconds, summary) = try await measure {
            let rows = try OpportunityImportReader(data: data, name: "accounts.csv").rows()
            return try await engine.importOpportunities(
                rows, by: .integration("import:accounts.csv"), from: "accounts.csv", allowingSkips: false)
        }
        try await store.close()
        guard summary.opened == count, summary.accountDeals == count, summary.skipped.isEmpty else {
            throw BenchError(
                "deal-import-accounts: opened \(summary.opened) of \(count), skipped \(summary.skipped.count)")
        }
        var measurement = Measurement(name: "deal-import-accounts", count: count, seconds: seconds)
        measurement.set("closed", .int(summary.closed))
        measurement.set("goalRowsPerSecond", .int(20_000))
        return [measurement]
    }

    private static func dealImport(_ context: BenchContext) async throws -> [Measurement] {
        let count = context.count(default: 8_800)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let (store, engine) = try await journal(context, at: start)
        var leads: [IngestItem] = []
        var csv = "opportunity_id,email,sales_agent,product,deal_stage,engage_date,close_date,close_value\n"
        let stages = ["Won", "Lost", "Engaging"]
        for index in 0..<count {
            let email = "buyer\(index)@company\(index % 997).com"
            leads.append(.lead(Lead(id: "", email: email, company: "Company \(index % 997)", source: "crm")))
            let opened = start.addingTimeInterval(Double(index % 365) * 86_400)
            let closed = opened.addingTimeInterval(Double(10 + index % 90) * 86_400)
            let stage = stages[index % 3]
            let day = Date.ISO8601FormatStyle().year().month().day()
            csv +=
                "D\(index),\(email),agent\(index % 35),product\(index % 7),\(stage),\(opened.formatted(day)),"
                + (stage == "Engaging" ? "," : "\(closed.formatted(day)),") + "\(1_000 + index % 5_000)\n"
        }
        for batch in stride(from: 0, to: leads.count, by: 1_000) {
            _ = try await engine.ingest(Array(leads[batch..<min(batch + 1_000, leads.count)]), by: .system)
        }
        let data = Data(csv.utf8)
        let (seconds, summary) = try await measure {
            let rows = try OpportunityImportReader(data: data, name: "deals.csv").rows()
            return try await engine.importOpportunities(
                rows, by: .integration("import:deals.csv"), from: "deals.csv", allowingSkips: false)
        }
        try await store.close()
        guard summary.opened == count, summary.skipped.isEmpty else {
            throw BenchError("deal-import: opened \(summary.opened) of \(count), skipped \(summary.skipped.count)")
        }
        var measurement = Measurement(name: "deal-import", count: count, seconds: seconds)
        measurement.set("closed", .int(summary.closed))
        measurement.set("goalRowsPerSecond", .int(20_000))
        return [measurement]
    }
}
