import Foundation
import Journal
import LeadModel

/// ``FileEventStore`` benchmarks: append in each durability mode, many concurrent writers sharing
/// `fsync`s, full replay after reopening, reopen from a snapshot, and bytes on disk per event.
enum FileStoreBenchmarks {
    static let store: StoreFactory = { directory, durability in
        try await FileEventStore(directory: directory, configuration: .init(durability: durability))
    }

    static let group = Durability.groupCommit(maxLatency: .milliseconds(2))

    static var all: [Benchmark] {
        [
            StoreBenchmarks.append(
                "file-append-fsync", "FileEventStore: fsync every commit, calls of 100 events", store: store,
                durability: .fsyncEveryCommit, batchSize: 100, count: 200_000),
            StoreBenchmarks.append(
                "file-append-group", "FileEventStore: group commit, calls of 100 events", store: store,
                durability: group, batchSize: 100, count: 200_000),
            StoreBenchmarks.append(
                "file-append-none", "FileEventStore: no fsync, calls of 100 events", store: store,
                durability: .none, batchSize: 100, count: 500_000),
            StoreBenchmarks.concurrent(
                "file-concurrent-fsync", "FileEventStore: 100 writers, one event per commit, fsync every commit",
                store: store, durability: .fsyncEveryCommit, count: 50_000),
            StoreBenchmarks.concurrent(
                "file-concurrent-group", "FileEventStore: 100 writers, one event per commit, group commit",
                store: store, durability: group, count: 50_000),
            StoreBenchmarks.replay(
                "file-replay", "FileEventStore: reopen and read the whole journal in order", store: store,
                durability: .none, reopen: true, count: 1_000_000),
            StoreBenchmarks.reopenWithSnapshot(
                "file-reopen-snapshot", "FileEventStore: reopen, load a projection snapshot, fold the tail",
                store: store, durability: .none, count: 1_000_000),
            StoreBenchmarks.bytesPerEvent(
                "bytes-per-event", "FileEventStore: bytes on disk per event", store: store, durability: .none,
                count: 100_000),
        ]
    }
}
