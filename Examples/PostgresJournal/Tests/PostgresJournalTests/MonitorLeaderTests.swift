import Accord
import Foundation
import PostgresJournal
import ScaleOutDrill
import Testing

/// The monitor's leader: of several engine instances on one journal, the one holding the
/// advisory lock runs `tick()` and `rescoreDue()`, so score decay is recorded once.
struct MonitorLeaderTests {
    static let leads = 6

    /// Also with the lock held on pooled connections, the leadership's fallback.
    @Test(.timeLimit(.minutes(2)), arguments: [false, true])
    func theMonitorLeaderRecordsScoreDecayOnce(pooledLock: Bool) async throws {
        try await TestDatabase.with { database in
            let start = Date(timeIntervalSince1970: 1_795_424_400)
            let clock = ManualClock(start)
            let schema = await database.newSchema()
            // Replies, 25 points each with a 30-day half-life, recorded on three instances.
            try await Self.recordReplies(
                on: try await Self.engines(database, schema: schema, clock: clock), at: start)
            clock.set(start.addingTimeInterval(45 * 86_400))
            // Three instances opened on the scored journal (a deploy): whichever leads sweeps
            // every scored lead once, then keeps each one's next review.
            let engines = try await Self.engines(database, schema: schema, clock: clock)

            let decayed = try await Self.whileLeading(
                engines, database, schema: schema, clock: clock, pooledLock: pooledLock
            ) {
                for _ in 0..<100 {
                    if try await Self.decayScores(database, schema: schema).count >= Self.leads { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                // Give a second recorder the chance to show.
                try await Task.sleep(for: .milliseconds(500))
                return try await Self.decayScores(database, schema: schema)
            }
            #expect(decayed.elected == 1, "one instance took the lock: \(decayed.elected); errors: \(decayed.errors)")
            let counts = decayed.result
            #expect(counts.count == Self.leads, "every lead's decay was recorded: \(counts)")
            #expect(counts.values.allSatisfy { $0 == 1 }, "once each: \(counts)")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func theLeaderDecaysLeadsScoredByOtherInstancesAfterItsFirstSweep() async throws {
        try await TestDatabase.with { database in
            let start = Date(timeIntervalSince1970: 1_795_424_400)
            let clock = ManualClock(start)
            let schema = await database.newSchema()
            let engines = try await Self.engines(database, schema: schema, clock: clock)
            let decayed = try await Self.whileLeading(engines, database, schema: schema, clock: clock) {
                // The leader has made its first sweep over an empty journal; now leads are
                // scored on every instance, and time passes.
                try await Task.sleep(for: .milliseconds(300))
                try await Self.recordReplies(on: engines, at: start)
                clock.set(start.addingTimeInterval(45 * 86_400))
                try await Task.sleep(for: .seconds(2))
                return try await Self.decayScores(database, schema: schema)
            }
            #expect(decayed.elected == 1, "one instance took the lock: \(decayed.elected); errors: \(decayed.errors)")
            #expect(decayed.result.count == Self.leads, "every lead's decay was recorded: \(decayed.result)")
            #expect(decayed.result.values.allSatisfy { $0 == 1 }, "once each: \(decayed.result)")
        }
    }

    // MARK: Helpers

    static func engines(_ database: TestDatabase, schema: String, clock: ManualClock) async throws
        -> [AlignmentEngine]
    {
        var engines: [AlignmentEngine] = []
        for _ in 0..<3 {
            let store = try await PostgresEventStore(client: database.client, schema: schema)
            var configuration = EngineConfiguration(now: { clock.now }, conflictRetries: 50)
            configuration.sleep = { try await clock.sleep(until: $0) }
            engines.append(
                try await AlignmentEngine(
                    playbook: try DrillPlaybook.make(), store: store, configuration: configuration))
        }
        return engines
    }

    static func recordReplies(on engines: [AlignmentEngine], at time: Date) async throws {
        for index in 0..<leads {
            let person = Lead(id: "", email: "reader\(index)@firm\(index).example", source: "newsletter")
            let signal = Signal(kind: .replied, occurredAt: time, idempotencyKey: "reply-\(index)")
            _ = try await engines[index % engines.count].record(signal, from: person)
        }
    }

    /// Per lead, the `scored` events recorded after the lead's first one (its decay).
    static func decayScores(_ database: TestDatabase, schema: String) async throws
        -> [LeadID: Int]
    {
        let store = try await PostgresEventStore(client: database.client, schema: schema)
        var scored: [LeadID: Int] = [:]
        for try await event in store.events(from: .start) where event.payload.kind == "scored" {
            scored[event.leadID, default: 0] += 1
        }
        return scored.filter { $0.value > 1 }.mapValues { $0 - 1 }
    }

    /// Runs `body` while the three engines compete for the monitor's leadership, each leader
    /// round a tick and a rescoring sweep, then stops them. Each holds the lock on a connection of
    /// its own, or with `pooledLock` on one of the pool's.
    static func whileLeading<Result: Sendable>(
        _ engines: [AlignmentEngine], _ database: TestDatabase, schema: String, clock: ManualClock,
        pooledLock: Bool = false, _ body: @Sendable () async throws -> Result
    ) async throws -> (result: Result, elected: Int, errors: [String]) {
        let elected = Counter()
        let result = try await withThrowingTaskGroup(of: Void.self) { group in
            for engine in engines {
                group.addTask {
                    let name = "accord.monitor.\(schema)"
                    let leadership =
                        pooledLock
                        ? AdvisoryLockLeadership(client: database.client, name: name, retryInterval: .milliseconds(50))
                        : AdvisoryLockLeadership(
                            connection: database.connection, name: name, retryInterval: .milliseconds(50))
                    try await leadership.run(
                        onElected: { await elected.add() },
                        onError: { await elected.note($0) },
                        round: {
                            try await engine.tick()
                            try await engine.rescoreDue()
                            try await Task.sleep(for: .milliseconds(50))
                        })
                }
            }
            defer { group.cancelAll() }
            return try await body()
        }
        return (result, await elected.value, await elected.errors)
    }
}

/// How many times something happened, across tasks.
private actor Counter {
    private(set) var value = 0
    /// The errors that ended a leader's rounds, which make it step down.
    private(set) var errors: [String] = []
    func add() { value += 1 }
    func note(_ error: any Error) { errors.append("\(error)") }
}
