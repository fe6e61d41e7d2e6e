import Accord
import Foundation
import Journal
import LeadModel

/// Benchmarks of the engine on the file store: recording a synthetic quarter in batches, and
/// opening an engine on a large journal with and without its projection snapshot; plus the peak
/// memory of streaming a 1M-event journal.
enum EngineBenchmarks {
    static var all: [Benchmark] {
        [
            Benchmark(
                name: "engine-ingest",
                summary: "AlignmentEngine: a synthetic quarter recorded in batches of 1,000 rows (group commit)",
                run: ingest),
            Benchmark(
                name: "engine-open",
                summary: "AlignmentEngine: open on a journal, folding it all, then from its snapshot",
                run: open),
            Benchmark(
                name: "file-replay-memory",
                summary: "FileEventStore: peak memory added while streaming a 1M-event journal (run it alone)",
                run: replayMemory),
        ]
    }

    /// Records `leads` people's quarter into a file store; returns the events appended.
    private static func record(leads: Int, into directory: URL) async throws -> (
        events: Int, rows: Int, seconds: Double
    ) {
        let quarter = SyntheticQuarter(seed: 2026, leads: leads)
        let records = quarter.records()
        let clock = ManualClock(quarter.start)
        let store = try await FileEventStore(directory: directory)
        let engine = try await AlignmentEngine(
            playbook: .standard, store: store, configuration: EngineConfiguration(now: { clock.now }))
        let (seconds, summary) = try await measure { try await ingest(records, into: engine, clock: clock) }
        try await store.close()
        return (summary.eventsAppended, records.count, seconds)
    }

    /// Ingests a quarter's records in batches of 1,000 rows, the clock set to each batch's last
    /// row.
    static func ingest(_ records: [SyntheticQuarter.Record], into engine: AlignmentEngine, clock: ManualClock)
        async throws -> IngestSummary
    {
        var summary = IngestSummary()
        var index = 0
        while index < records.count {
            let batch = records[index..<min(records.count, index + 1_000)]
            clock.set(batch.last!.at)
            summary.add(try await engine.ingest(batch.map(\.item)))
            index += batch.count
        }
        return summary
    }

    private static func ingest(_ context: BenchContext) async throws -> [Measurement] {
        let leads = context.count(default: 50_000)
        let result = try await record(leads: leads, into: context.directory.appendingPathComponent("journal"))
        var measurement = Measurement(name: "engine-ingest", count: result.events, seconds: result.seconds)
        measurement.set("rows", .int(result.rows))
        measurement.set("rowsPerSecond", .double(Double(result.rows) / result.seconds))
        measurement.set("leads", .int(leads))
        return [measurement]
    }

    private static func open(_ context: BenchContext) async throws -> [Measurement] {
        let leads = context.count(default: 50_000)
        let directory = context.directory.appendingPathComponent("journal")
        let recorded = try await record(leads: leads, into: directory)
        var measurements: [Measurement] = []
        let (fullSeconds, leadCount): (Double, Int) = try await measure {
            let store = try await FileEventStore(directory: directory)
            let engine = try await AlignmentEngine(
                playbook: .standard, store: store, configuration: EngineConfiguration())
            let count = await engine.leadCount
            try await engine.saveSnapshot()
            try await store.close()
            return count
        }
        var full = Measurement(name: "engine-open-full", count: recorded.events, seconds: fullSeconds)
        full.set("leads", .int(leadCount))
        full.set("note", .string("includes writing the snapshot"))
        measurements.append(full)
        let (snapshotSeconds, status): (Double, SnapshotStatus) = try await measure {
            let store = try await FileEventStore(directory: directory)
            let engine = try await AlignmentEngine(
                playbook: .standard, store: store, configuration: EngineConfiguration())
            let status = await engine.snapshotStatus
            try await store.close()
            return status
        }
        guard case .loaded = status else { throw BenchError("engine-open: the snapshot was not used: \(status)") }
        var snapshot = Measurement(name: "engine-open-snapshot", count: recorded.events, seconds: snapshotSeconds)
        snapshot.set("leads", .int(leadCount))
        snapshot.baseline = "engine-open-full"
        snapshot.baselineRate = Double(recorded.events) / fullSeconds
        measurements.append(snapshot)
        return measurements
    }

    private static func replayMemory(_ context: BenchContext) async throws -> [Measurement] {
        let count = context.count(default: 1_000_000)
        let directory = context.directory.appendingPathComponent("journal")
        do {
            let store = try await FileEventStore(directory: directory, configuration: .init(durability: .none))
            try await Workload(total: count, batchSize: 1_000, writers: 1).append(to: store)
            try await store.close()
        }
        // Reset the peak so that it measures the replay alone (Linux: /proc/self/clear_refs).
        guard (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil,
            let before = ProcessMemory.current()
        else {
            context.note("file-replay-memory: cannot reset the peak-memory counter here (Linux only): skipped")
            return []
        }
        let (seconds, seen) = try await measure {
            let store = try await FileEventStore(directory: directory, configuration: .init(durability: .none))
            var seen = 0
            for try await _ in store.events(from: .start) { seen += 1 }
            try await store.close()
            return seen
        }
        guard seen == count, let after = ProcessMemory.current() else {
            throw BenchError("file-replay-memory: replayed \(seen) events, appended \(count)")
        }
        var measurement = Measurement(name: "file-replay-memory", count: count, seconds: seconds)
        measurement.set("peakMemoryBytes", .int(after.peakResidentBytes))
        measurement.set("residentBytesBefore", .int(before.residentBytes))
        measurement.set("peakAddedBytes", .int(after.peakResidentBytes - before.residentBytes))
        return [measurement]
    }
}
