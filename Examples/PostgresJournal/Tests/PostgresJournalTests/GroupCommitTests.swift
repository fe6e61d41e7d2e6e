import EventStoreConformance
import LeadModel
import PostgresJournal
import PostgresNIO
import Testing

private typealias Fixtures = ConformanceFixtures

/// Group commit: concurrent calls share transactions, yet each stays atomic and checked on its
/// own — a conflicting call fails alone, duplicates get the first call's position, and nothing
/// a failed call touched is left behind.
struct GroupCommitTests {
    private enum Outcome: Sendable {
        case appended(AppendResult)
        case conflict
    }

    @Test(.timeLimit(.minutes(1)))
    func concurrentCallsInOneTransactionSucceedOrFailEachOnItsOwn() async throws {
        try await TestDatabase.with { database in
            let store = try await database.makeStore()
            #expect(store.groupCommit)
            let contested = Fixtures.leadID(1)
            // Rounds of 60 calls at once: 20 race to create one stream (one wins, 19 conflict),
            // 20 record one idempotency key on leads of their own (one records it, 19 are
            // duplicates), 20 append to leads of their own.
            for round in 0..<3 {
                let outcomes = try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
                    for call in 0..<60 {
                        group.addTask { (call, try await Self.append(call, round: round, store, contested)) }
                    }
                    var outcomes: [Int: Outcome] = [:]
                    for try await (call, outcome) in group { outcomes[call] = outcome }
                    return outcomes
                }
                let racers = (0..<20).compactMap { call -> AppendResult? in
                    guard case .appended(let result) = outcomes[call] else { return nil }
                    return result
                }
                #expect(racers.count == 1, "one call created the contested stream's round \(round)")
                let keyed = (20..<40).compactMap { call -> AppendResult? in
                    guard case .appended(let result) = outcomes[call] else { return nil }
                    return result
                }
                #expect(keyed.count == 20)
                #expect(keyed.filter { !$0.duplicates[0] }.count == 1, "the key was recorded once")
                #expect(Set(keyed.map { $0.positions[0] }).count == 1, "every duplicate got the first position")
                for call in 40..<60 {
                    guard case .appended(let result) = outcomes[call] else {
                        Issue.record("call \(call) failed")
                        continue
                    }
                    #expect(result.version == round + 1)
                }
            }
            // 3 rounds × (1 + 1 + 20) events, numbered without a gap.
            let events = try await store.read(from: .start, limit: 1_000)
            #expect(events.map { $0.position!.rawValue } == Array(1...66))
            #expect(try await store.events(forLead: contested).count == 3)
            let leftovers = try await database.client.query(
                """
                SELECT (SELECT count(*) FROM \(unescaped: store.schema).idempotency_keys WHERE position IS NULL)
                     + (SELECT count(*) FROM \(unescaped: store.schema).streams WHERE version = 0)
                """)
            for try await count in leftovers.decode(Int64.self) {
                #expect(count == 0, "failed calls left no key or stream rows behind")
            }
        }
    }

    private static func append(_ call: Int, round: Int, _ store: PostgresEventStore, _ contested: LeadID)
        async throws -> Outcome
    {
        switch call {
        case 0..<20:
            do {
                let event = Fixtures.signal(contested, sequence: round * 100 + call)
                return .appended(try await store.append([event], to: contested, expecting: .exactly(round)))
            } catch let error as EventStoreError where error.code == .versionConflict {
                return .conflict
            }
        case 20..<40:
            let lead = Fixtures.leadID(1_000 + round * 100 + call)
            let event = Fixtures.signal(lead, sequence: call, idempotencyKey: "round-\(round)")
            return .appended(try await store.append([event], to: lead, expecting: .noStream))
        default:
            let lead = Fixtures.leadID(call)
            return .appended(
                try await store.append([Fixtures.signal(lead, sequence: round)], to: lead, expecting: .exactly(round)))
        }
    }
}
