import EventStoreConformance
import LeadModel
import PostgresJournal
import Testing

private typealias Fixtures = ConformanceFixtures

/// Idempotency keys when duplicates arrive at the same moment.
struct IdempotencyTests {
    @Test(.timeLimit(.minutes(1)))
    func concurrentDuplicatesWaitForTheFirstAndGetItsPosition() async throws {
        try await TestDatabase.with { database in
            let store = try await database.makeStore()
            let lead = Fixtures.leadID(1)
            _ = try await store.append([Fixtures.captured(Fixtures.leadID(2))], to: Fixtures.leadID(2))
            let event = Fixtures.captured(lead, idempotencyKey: "webform-submission-1")
            // Every copy expects a new stream: a retry after a timeout must not become a conflict.
            let results = try await withThrowingTaskGroup(of: AppendResult.self) { group in
                for _ in 0..<16 {
                    group.addTask { try await store.append([event], to: lead, expecting: .noStream) }
                }
                var results: [AppendResult] = []
                for try await result in group { results.append(result) }
                return results
            }
            #expect(results.filter { $0.duplicates == [false] }.count == 1)
            #expect(Set(results.map(\.positions)) == [[JournalPosition(2)]])
            #expect(Set(results.map(\.version)) == [1])
            #expect(try await store.read(from: .start, limit: 100).count == 2)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func overlappingKeysInAnyOrderNeverDeadlock() async throws {
        try await TestDatabase.with { database in
            let store = try await database.makeStore()
            let keys = (0..<30).map { "shared-key-\($0)" }
            let tasks = 12
            let results = try await withThrowingTaskGroup(of: (Int, AppendResult).self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        let lead = Fixtures.leadID(task)
                        let order = Self.shuffle(keys, seed: UInt64(task + 1))
                        let events = order.enumerated().map { index, key in
                            Fixtures.signal(lead, sequence: index, idempotencyKey: key)
                        }
                        return (task, try await store.append(events, to: lead))
                    }
                }
                var results: [Int: AppendResult] = [:]
                for try await (task, result) in group { results[task] = result }
                return results
            }
            let journal = try await store.read(from: .start, limit: 1000)
            #expect(journal.count == keys.count, "each key is recorded once")
            #expect(Set(journal.compactMap(\.idempotencyKey)) == Set(keys))
            let recorded = Dictionary(uniqueKeysWithValues: journal.map { ($0.idempotencyKey!, $0.position!) })
            for task in 0..<tasks {
                let order = Self.shuffle(keys, seed: UInt64(task + 1))
                let result = try #require(results[task])
                #expect(result.positions == order.map { recorded[$0]! }, "every caller gets the recorded positions")
            }
        }
    }

    /// A deterministic shuffle (a linear congruential generator seeded per task).
    private static func shuffle(_ keys: [String], seed: UInt64) -> [String] {
        var state = seed
        var result = keys
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            result.swapAt(index, Int((state >> 33) % UInt64(index + 1)))
        }
        return result
    }
}
