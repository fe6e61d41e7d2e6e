import LeadModel

/// ``InMemoryEventStore`` benchmarks: the ceiling for any store, since nothing touches a disk.
enum MemoryStoreBenchmarks {
    /// Makes a new in-memory store; the directory and durability are ignored.
    static let store: StoreFactory = { _, _ in InMemoryEventStore() }

    static var all: [Benchmark] {
        [
            StoreBenchmarks.append(
                "memory-append", "InMemoryEventStore: append in calls of 100 events, one writer",
                store: store, durability: .memory, batchSize: 100, count: 200_000),
            StoreBenchmarks.concurrent(
                "memory-concurrent",
                "InMemoryEventStore: 100 concurrent writers, one event per append call",
                store: store, durability: .memory, count: 50_000),
            StoreBenchmarks.replay(
                "memory-replay", "InMemoryEventStore: read the journal through store.events(from:)",
                store: store, durability: .memory, reopen: false, count: 200_000),
        ]
    }
}
