import EventStoreConformance
import Foundation
import Journal
import LeadModel
import PostgresJournal
import PostgresNIO

// Benchmarks of PostgresEventStore against the raw limit of the same server: plain INSERT
// transactions of the same rows into a bare table. One JSON line per measurement, in
// accord-bench's format. Run it under a cluster, with a release build:
//
//   Examples/PostgresJournal/scripts/with-postgres.sh \
//       swift run -c release --package-path Examples/PostgresJournal postgres-journal-bench [--scale N]
//
// --scale multiplies every count (default 1: about a minute on a 2-core machine).
// --partitions adds the partitioning simulation: the journal split by lead hash over 1, 2, 4 and
// 8 stores (schemas, each with its own counter row), with and without group commit.

let arguments = CommandLine.arguments
let scale = arguments.firstIndex(of: "--scale").flatMap { Int(arguments[safe: $0 + 1] ?? "") } ?? 1
guard let url = ProcessInfo.processInfo.environment["ACCORD_POSTGRES_URL"] else {
    FileHandle.standardError.write(
        Data(
            ("ACCORD_POSTGRES_URL is not set; run under Examples/PostgresJournal/scripts/with-postgres.sh\n").utf8))
    exit(2)
}
var configuration = try PostgresEventStore.clientConfiguration(url: url)
configuration.options.maximumConnections = 64
configuration.options.minimumConnections = 0
let client = PostgresClient(configuration: configuration)
// The same pool with the live tail's hint (a NOTIFY per append) turned off, for the partitions.
var quietConfiguration = configuration
quietConfiguration.options.additionalStartupParameters = [("accord.live_tail_hints", "off")]
let quietClient = PostgresClient(configuration: quietConfiguration)

try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { await client.run() }
    group.addTask { await quietClient.run() }
    defer { group.cancelAll() }
    let bench = Bench(client: client, quietClient: quietClient)
    try await bench.run(scale: scale)
}

extension PostgresRowSequence {
    /// Reads every row, so the connection goes back to the pool.
    func consumeAll() async throws {
        for try await _ in self {}
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// The measurements, each on schemas of its own, dropped afterwards.
struct Bench {
    let client: PostgresClient
    /// Connections with `accord.live_tail_hints = off`.
    let quietClient: PostgresClient

    func run(scale: Int) async throws {
        let settings = try await serverSettings()
        for (writers, perWriter, groupCommit) in [
            (1, 1_000 * scale, true), (50, 100 * scale, true), (50, 40 * scale, false),
        ] {
            var line = try await measureSingle(writers: writers, perWriter: perWriter, groupCommit: groupCommit)
            line.set("synchronousCommit", json: BenchLine.quote(settings))
            print(line.jsonLine)
        }
        print(try await measureBatches(size: 100, writers: 1, calls: 200 * scale).jsonLine)
        print(try await measureBatches(size: 100, writers: 50, calls: 20 * scale).jsonLine)
        print(try await measureBatches(size: 1_000, writers: 1, calls: 50 * scale).jsonLine)
        let (batches, schema) = try await measureBatches(size: 1_000, writers: 50, calls: 2 * scale, keep: true)
        print(batches.jsonLine)
        print(try await measureRead(schema: schema).jsonLine)
        try await drop(schema)
        if partitions {
            for (groupCommit, hints) in [(false, true), (false, false), (true, true), (true, false)] {
                for count in [1, 2, 4, 8] {
                    print(
                        try await measurePartitions(
                            count, writers: 50, perWriter: 40 * scale, groupCommit: groupCommit, hints: hints
                        ).jsonLine)
                }
            }
        }
    }

    /// The journal split by lead hash into `count` partitions, each a store with its own counter
    /// row in a schema of its own on this server: `writers` tasks append single events to leads
    /// of all partitions; then one reader merges the partitions back, a page of each in turn.
    private func measurePartitions(_ count: Int, writers: Int, perWriter: Int, groupCommit: Bool, hints: Bool)
        async throws
        -> BenchLine
    {
        var stores: [PostgresEventStore] = []
        for _ in 0..<count {
            stores.append(
                try await PostgresEventStore(
                    client: hints ? client : quietClient, schema: newSchema(), groupCommit: groupCommit))
        }
        let partitions = stores
        let seconds = try await timed {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for sequence in 0..<perWriter {
                            let number = writer * 1_000 + sequence % 100
                            let lead = ConformanceFixtures.leadID(number)
                            let store = partitions[Bench.partition(of: lead, among: partitions.count)]
                            try await store.append([ConformanceFixtures.signal(lead, sequence: sequence)], to: lead)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        var merged = 0
        let readSeconds = try await timed {
            var next = Array(repeating: JournalPosition.start, count: partitions.count)
            var open = Set(partitions.indices)
            while !open.isEmpty {
                for index in open.sorted() {
                    let page = try await partitions[index].read(from: next[index], limit: 4_096)
                    merged += page.count
                    if let last = page.last?.position { next[index] = last.next } else { open.remove(index) }
                }
            }
        }
        for store in partitions { try await drop(store.schema) }
        var line = BenchLine(
            name: "pg-partitions-\(count)-single-\(writers)w\(groupCommit ? "" : "-no-group-commit")"
                + (hints ? "" : "-no-hints"),
            count: writers * perWriter, seconds: seconds)
        line.set("partitions", json: String(count))
        line.set("liveTailHints", json: String(hints))
        line.set("groupCommit", json: String(groupCommit))
        line.set("mergedReadPerSecond", json: String(Int(Double(merged) / readSeconds)))
        return line
    }

    private var partitions: Bool { CommandLine.arguments.contains("--partitions") }

    /// The partition a lead lives in: a stable hash (FNV-1a) of its id, modulo the count.
    static func partition(of lead: LeadID, among count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in lead.rawValue.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(count))
    }

    private func serverSettings() async throws -> String {
        let rows = try await client.query("SHOW synchronous_commit")
        for try await value in rows.decode(String.self) { return value }
        return "unknown"
    }

    /// Single-event appends, each its own call, from `writers` concurrent tasks; the baseline is
    /// single-row INSERT transactions of the same payloads from as many tasks.
    private func measureSingle(writers: Int, perWriter: Int, groupCommit: Bool) async throws -> BenchLine {
        let schema = newSchema()
        let store = try await PostgresEventStore(client: client, schema: schema, groupCommit: groupCommit)
        let seconds = try await timed {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for sequence in 0..<perWriter {
                            let lead = ConformanceFixtures.leadID(writer * 1_000_000 + sequence % 100)
                            try await store.append([ConformanceFixtures.signal(lead, sequence: sequence)], to: lead)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        try await drop(schema)
        let raw = try await rawInserts(writers: writers, perWriter: perWriter, rowsPerTransaction: 1)
        var line = BenchLine(
            name: "pg-append-single-\(writers)w\(groupCommit ? "" : "-no-group-commit")", count: writers * perWriter,
            seconds: seconds, baseline: "raw-insert-single-\(writers)w", baselineRate: raw)
        line.set("writers", json: String(writers))
        line.set("groupCommit", json: String(groupCommit))
        return line
    }

    /// Appends in calls of `size` events, `calls` calls from each of `writers` tasks, each writer
    /// to 10 leads of its own; the baseline inserts the same rows `size` per transaction, as one
    /// multi-row INSERT, from as many tasks.
    private func measureBatches(size: Int, writers: Int, calls: Int, keep: Bool = false) async throws
        -> (BenchLine, String)
    {
        let schema = newSchema()
        let store = try await PostgresEventStore(client: client, schema: schema)
        let seconds = try await timed {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for call in 0..<calls {
                            let lead = ConformanceFixtures.leadID(writer * 100 + call % 10)
                            let events = (0..<size).map {
                                ConformanceFixtures.signal(lead, sequence: (writer * calls + call) * size + $0)
                            }
                            try await store.append(events, to: lead)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        if !keep { try await drop(schema) }
        let raw = try await rawInserts(writers: writers, perWriter: calls, rowsPerTransaction: size)
        var line = BenchLine(
            name: "pg-append-batch-\(size)-\(writers)w", count: writers * calls * size, seconds: seconds,
            baseline: "raw-insert-batch-\(size)-\(writers)w", baselineRate: raw)
        line.set("calls", json: String(writers * calls))
        line.set("writers", json: String(writers))
        return (line, schema)
    }

    private func measureBatches(size: Int, writers: Int, calls: Int) async throws -> BenchLine {
        try await measureBatches(size: size, writers: writers, calls: calls, keep: false).0
    }

    /// Catch-up: the whole journal read from the start in pages of 4,096 through `events(from:)`.
    private func measureRead(schema: String) async throws -> BenchLine {
        let store = try await PostgresEventStore(client: client, schema: schema)
        var count = 0
        let seconds = try await timed {
            for try await _ in store.events(from: .start, pageSize: 4_096) { count += 1 }
        }
        var line = BenchLine(name: "pg-read-catch-up", count: count, seconds: seconds)
        line.set("pageSize", json: "4096")
        return line
    }

    /// Rows per second of plain INSERT transactions into a bare table with the same columns.
    private func rawInserts(writers: Int, perWriter: Int, rowsPerTransaction: Int) async throws -> Double {
        let schema = newSchema()
        try await client.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)")).consumeAll()
        try await client.query(
            PostgresQuery(
                unsafeSQL:
                    "CREATE TABLE \(schema).raw_events (position bigserial PRIMARY KEY, lead_id text NOT NULL, payload bytea NOT NULL)"
            )
        ).consumeAll()
        var bytes: [UInt8] = []
        EventCodec.encode(ConformanceFixtures.signal(ConformanceFixtures.leadID(1), sequence: 1), into: &bytes)
        let payload = ByteBuffer(bytes: bytes)
        let seconds = try await timed {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        let lead = ConformanceFixtures.leadID(writer).rawValue
                        let leads = Array(repeating: lead, count: rowsPerTransaction)
                        let payloads = Array(repeating: payload, count: rowsPerTransaction)
                        for _ in 0..<perWriter {
                            if rowsPerTransaction == 1 {
                                try await client.query(
                                    "INSERT INTO \(unescaped: schema).raw_events (lead_id, payload) VALUES (\(lead), \(payload))"
                                ).consumeAll()
                            } else {
                                try await client.query(
                                    """
                                    INSERT INTO \(unescaped: schema).raw_events (lead_id, payload)
                                    SELECT * FROM unnest(\(leads)::text[], \(payloads)::bytea[])
                                    """
                                ).consumeAll()
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        try await drop(schema)
        return Double(writers * perWriter * rowsPerTransaction) / seconds
    }

    private func newSchema() -> String {
        "bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    private func drop(_ schema: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE")).consumeAll()
    }

    private func timed(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
