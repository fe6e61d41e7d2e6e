import Foundation
import Journal
import LeadModel

/// Opens (or creates) a store in `directory` with `durability`. Called again with the same
/// directory to reopen a persistent store; an in-memory factory ignores both arguments.
typealias StoreFactory =
    @Sendable (_ directory: URL, _ durability: Durability) async throws ->
    any EventStore

/// Benchmarks written once for any ``EventStore``: each function takes a store factory and
/// returns a ``Benchmark``, so a new store gets a benchmark with one line in the registry.
///
/// A factory that reopens a directory must release the directory when the previous store is
/// dropped (file stores hold a lock on it): the benchmarks drop every store before reopening.
enum StoreBenchmarks {
    /// Seeds for the generated events, so every run appends the same journal.
    static let seed: UInt64 = 0xACC0_2D00

    /// Appending `count` events in calls of `batchSize` events from `writers` concurrent tasks,
    /// each task with its own leads; compared with SQLite doing the same inserts. A single writer
    /// that syncs every commit is also compared with the disk's own limit, plain `write(2)` and
    /// `fdatasync(2)` of the same records in the same calls (``RawWriteSyncBaseline``), reported
    /// as `rawWriteSyncRate` and the fraction `ofRawWriteSync`.
    ///
    /// - Parameters:
    ///   - name: the benchmark's name.
    ///   - summary: its one-line description.
    ///   - store: makes the store under test.
    ///   - durability: what the store must promise; also picks SQLite's `synchronous` setting.
    ///   - batchSize: events per append call (and rows per SQLite transaction).
    ///   - writers: concurrent appending tasks (and SQLite threads).
    ///   - count: the default number of events, overridden by `--count`.
    static func append(
        _ name: String, _ summary: String, store: @escaping StoreFactory, durability: Durability,
        batchSize: Int, writers: Int = 1, count: Int
    ) -> Benchmark {
        Benchmark(name: name, summary: summary) { context in
            let total = context.count(default: count)
            let workload = Workload(total: total, batchSize: batchSize, writers: writers)
            let directory = context.directory.appendingPathComponent("journal")
            var measurement: Measurement
            do {
                let store = try await store(directory, durability)
                let (seconds, _) = try await measure { try await workload.append(to: store) }
                try await verifyJournal(of: store, holds: total)
                measurement = Measurement(name: name, count: total, seconds: seconds)
            }
            measurement.set("durability", .string(durability.description))
            measurement.set("batchSize", .int(batchSize))
            measurement.set("writers", .int(writers))
            let payload = workload.encodedBytesPerEvent()
            measurement.set("payloadBytes", .int(payload))
            if case .fsyncEveryCommit = durability, writers == 1 {
                let raw = try RawWriteSyncBaseline(workload).run(in: context.directory)
                measurement.set("rawWriteSyncRate", .double(raw))
                measurement.set("ofRawWriteSync", .double(measurement.rate / raw))
            }
            context.sqlite?.compare(
                &measurement,
                with: .init(
                    count: total, batchSize: batchSize, writers: writers, payloadBytes: payload,
                    synchronous: .init(durability)),
                in: context)
            return [measurement]
        }
    }

    /// `writers` concurrent tasks each appending one event per call: how well the store shares
    /// commits (and `fsync`s) between appenders; compared with SQLite threads doing one insert
    /// per transaction.
    static func concurrent(
        _ name: String, _ summary: String, store: @escaping StoreFactory, durability: Durability,
        writers: Int = 100, count: Int
    ) -> Benchmark {
        append(
            name, summary, store: store, durability: durability, batchSize: 1, writers: writers,
            count: count)
    }

    /// Reading the whole journal of `count` events through `store.events(from:)`, optionally
    /// after reopening the store; compared with SQLite scanning the same rows in order.
    static func replay(
        _ name: String, _ summary: String, store: @escaping StoreFactory, durability: Durability,
        reopen: Bool, count: Int
    ) -> Benchmark {
        Benchmark(name: name, summary: summary) { context in
            let total = context.count(default: count)
            let workload = Workload(total: total, batchSize: 1000, writers: 1)
            let directory = context.directory.appendingPathComponent("journal")
            var opened: (any EventStore)? = try await store(directory, durability)
            try await workload.append(to: opened!)
            if reopen {
                opened = nil  // release the directory before opening it again
                opened = try await store(directory, durability)
            }
            let reader = opened!
            let (seconds, seen) = try await measure {
                var seen = 0
                for try await _ in reader.events(from: .start) { seen += 1 }
                return seen
            }
            guard seen == total else {
                throw BenchError("\(name): replayed \(seen) events, appended \(total)")
            }
            var measurement = Measurement(name: name, count: total, seconds: seconds)
            measurement.set("reopened", .string(reopen ? "yes" : "no"))
            context.sqlite?.compare(
                &measurement,
                with: .init(
                    operation: .scan, count: total,
                    payloadBytes: workload.encodedBytesPerEvent(), synchronous: .init(durability)),
                in: context)
            return [measurement]
        }
    }

    /// Reopening a journal of `count` events whose projection was snapshotted before the last
    /// tenth: load the snapshot and fold only the tail, compared with folding everything.
    ///
    /// The store must also be a ``SnapshotStore`` and must persist across reopening.
    static func reopenWithSnapshot(
        _ name: String, _ summary: String, store: @escaping StoreFactory, durability: Durability,
        count: Int
    ) -> Benchmark {
        Benchmark(name: name, summary: summary) { context in
            let total = context.count(default: count)
            let tail = max(1, total / 10)
            let directory = context.directory.appendingPathComponent("journal")
            var generator = EventGenerator(seed: seed)
            do {
                let writer = try await store(directory, durability)
                guard let snapshots = writer as? any SnapshotStore else {
                    throw BenchError("\(name): the store is not a SnapshotStore")
                }
                for batch in generator.batches(
                    count: total - tail, batchSize: 1000, leads: total / 20, prefix: "0")
                {
                    _ = try await writer.append(batch)
                }
                var projection = CountsProjection()
                for try await event in writer.events(from: .start) { projection.apply(event) }
                try await snapshots.saveSnapshot(
                    named: CountsProjection.snapshotName, at: projection.position,
                    bytes: try projection.encoded())
                for batch in generator.batches(
                    count: tail, batchSize: 1000, leads: total / 20, prefix: "0")
                {
                    _ = try await writer.append(batch)
                }
            }  // the writer is released here, before reopening

            let (fullSeconds, full) = try await measure {
                let reopened = try await store(directory, durability)
                var projection = CountsProjection()
                for try await event in reopened.events(from: .start) { projection.apply(event) }
                return projection
            }
            let (seconds, fast) = try await measure {
                let reopened = try await store(directory, durability)
                guard let snapshots = reopened as? any SnapshotStore,
                    let (position, bytes) = try await snapshots.loadSnapshot(
                        named: CountsProjection.snapshotName)
                else { throw BenchError("\(name): the snapshot was not there after reopening") }
                var projection = try CountsProjection(decoding: bytes)
                for try await event in reopened.events(from: position.next) {
                    projection.apply(event)
                }
                return projection
            }
            guard fast == full, full.events == total else {
                throw BenchError(
                    "\(name): snapshot + tail folded \(fast.events) events, full replay \(full.events)"
                )
            }
            var measurement = Measurement(
                name: name, count: total, seconds: seconds, baseline: "full-replay",
                baselineRate: Double(total) / fullSeconds)
            measurement.set("tailEvents", .int(tail))
            return [measurement]
        }
    }

    /// The store's size on disk per event after appending `count` events, next to the codec's
    /// own encoded size.
    static func bytesPerEvent(
        _ name: String, _ summary: String, store: @escaping StoreFactory, durability: Durability,
        count: Int
    ) -> Benchmark {
        Benchmark(name: name, summary: summary) { context in
            let total = context.count(default: count)
            let workload = Workload(total: total, batchSize: 1000, writers: 1)
            let directory = context.directory.appendingPathComponent("journal")
            let seconds: Double
            do {
                let writer = try await store(directory, durability)
                seconds = try await measure { try await workload.append(to: writer) }.seconds
            }  // released, so the store has closed its files
            let bytes = try directorySize(directory)
            var measurement = Measurement(name: name, count: total, seconds: seconds)
            measurement.set("bytesPerEvent", .double(Double(bytes) / Double(total)))
            measurement.set("codecBytesPerEvent", .int(workload.encodedBytesPerEvent()))
            measurement.set("totalBytes", .int(bytes))
            return [measurement]
        }
    }

    /// Fails unless the journal's last position is `total`.
    static func verifyJournal(of store: any EventStore, holds total: Int) async throws {
        let last = try await store.read(from: JournalPosition(UInt64(total)), limit: 2)
        guard last.count == 1, last[0].position == JournalPosition(UInt64(total)) else {
            throw BenchError("the store acknowledged \(total) events but its journal disagrees")
        }
    }

    /// The total size of the regular files under `directory`.
    static func directorySize(_ directory: URL) throws -> Int {
        guard
            let files = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])
        else { return 0 }
        var total = 0
        for case let file as URL in files {
            let values = try file.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            if values.isRegularFile == true { total += values.fileSize ?? 0 }
        }
        return total
    }
}

/// The events appenders append, generated before timing starts.
struct Workload: Sendable {
    /// One list of append calls per writer.
    let calls: [[[AppendRequest]]]

    /// Splits `total` events among `writers`, each with its own leads (about 20 events each),
    /// in calls of `batchSize` events.
    init(total: Int, batchSize: Int, writers: Int) {
        calls = (0..<writers).map { writer in
            let share = total / writers + (writer < total % writers ? 1 : 0)
            var generator = EventGenerator(seed: StoreBenchmarks.seed &+ UInt64(writer))
            return generator.batches(
                count: share, batchSize: batchSize, leads: max(1, share / 20), prefix: "\(writer)")
        }
    }

    /// Appends every call, the writers concurrently, each writer's calls in order.
    func append(to store: any EventStore) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in calls {
                group.addTask {
                    for call in writer { _ = try await store.append(call) }
                }
            }
            try await group.waitForAll()
        }
    }

    /// The mean size of the first thousand events as ``EventCodec`` encodes them.
    func encodedBytesPerEvent() -> Int {
        let sample = calls.lazy.flatMap { $0 }.flatMap { $0 }.flatMap(\.events).prefix(1000)
        var buffer: [UInt8] = []
        var events = 0
        for event in sample {
            EventCodec.encode(event, into: &buffer)
            events += 1
        }
        return events == 0 ? 0 : buffer.count / events
    }
}

/// A small projection for the snapshot benchmark: events per kind and per lead, and the last
/// position folded.
struct CountsProjection: Codable, Equatable, Sendable {
    static let snapshotName = "accord-bench-counts"

    var position = JournalPosition(0)
    var events = 0
    var byKind: [String: Int] = [:]
    var byLead: [String: Int] = [:]

    init() {}

    init(decoding bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(bytes))
    }

    mutating func apply(_ event: LeadEvent) {
        events += 1
        byKind[event.payload.kind, default: 0] += 1
        byLead[event.leadID.rawValue, default: 0] += 1
        if let eventPosition = event.position { position = eventPosition }
    }

    func encoded() throws -> [UInt8] {
        Array(try JSONEncoder().encode(self))
    }
}
