import PostgresJournal
import PostgresNIO
import Testing

/// The advisory-lock leadership on connections of its own: the lock goes with the connection,
/// both when the leader stops and when its connection is killed.
struct AdvisoryLockLeadershipTests {
    @Test(.timeLimit(.minutes(1)))
    func aStoppedLeaderLeavesTheLockFree() async throws {
        try await TestDatabase.with { database in
            let name = "accord.test.\(await database.newSchema())"
            let events = Events()
            let leadership = AdvisoryLockLeadership(
                connection: database.connection, name: name, retryInterval: .milliseconds(50))
            let leader = Task {
                try await leadership.run(
                    onElected: { await events.elected("leader") }, onError: { await events.failed($0) },
                    round: { try await Task.sleep(for: .seconds(60)) })
            }
            try await events.waitForElections(1)
            #expect(try await !Self.lockIsFree(name, in: database), "the leader holds the lock")
            // Cancelled in the middle of a round: closing its connection gives the lock back.
            leader.cancel()
            try await leader.value
            var free = false
            for _ in 0..<100 where !free {
                free = try await Self.lockIsFree(name, in: database)
                if !free { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(free, "the lock was released when the leader stopped")
            let errors = await events.errors
            #expect(errors.isEmpty, "\(errors)")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aKilledLeaderConnectionHandsTheLeadOverAndCompetesAgain() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            let name = "accord.test.\(schema)"
            let events = Events()
            try await withThrowingTaskGroup(of: Void.self) { group in
                defer { group.cancelAll() }
                for instance in ["a", "b"] {
                    var connection = database.connection
                    connection.options.additionalStartupParameters = [
                        ("application_name", "\(instance)-\(schema.suffix(12))")
                    ]
                    let leadership = AdvisoryLockLeadership(
                        connection: connection, name: name, retryInterval: .milliseconds(50))
                    group.addTask {
                        try await leadership.run(
                            onElected: { await events.elected(instance) },
                            onError: { error in
                                await events.failed(error)
                                // Slower back than the follower's next try, so the follower wins.
                                try? await Task.sleep(for: .milliseconds(300))
                            },
                            round: { try await Task.sleep(for: .milliseconds(20)) })
                    }
                }
                try await events.waitForElections(1)
                let first = try #require(await events.leaders.first)
                try await database.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE application_name = '\(first)-\(schema.suffix(12))'")
                try await events.waitForElections(2)
                try await events.waitForErrors(1)
                let leaders = await events.leaders
                let errors = await events.errors
                #expect(leaders.count == 2 && leaders[1] != first, "the other instance took over: \(leaders)")
                #expect(errors.count == 1, "the killed leader's term ended, once: \(errors)")
                // The killed one competes again on a new connection of its own.
                var back = false
                for _ in 0..<100 where !back {
                    back = try await Self.backends(named: "\(first)-\(schema.suffix(12))", in: database) == 1
                    if !back { try await Task.sleep(for: .milliseconds(20)) }
                }
                #expect(back, "the instance whose connection was killed opened a new one")
            }
        }
    }

    /// Whether a session of the test's pool can take the lock `name` (it gives it back at once).
    private static func lockIsFree(_ name: String, in database: TestDatabase) async throws -> Bool {
        try await database.client.withConnection { connection in
            let rows = try await connection.query(
                "SELECT pg_try_advisory_lock(hashtext(\(name)))", logger: connection.logger)
            var taken = false
            for try await held in rows.decode(Bool.self) { taken = held }
            if taken {
                try await connection.query("SELECT pg_advisory_unlock(hashtext(\(name)))", logger: connection.logger)
                    .consumeAll()
            }
            return taken
        }
    }

    /// How many server backends have the `application_name` `name`.
    private static func backends(named name: String, in database: TestDatabase) async throws -> Int64 {
        let rows = try await database.client.query(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = \(name)")
        for try await count in rows.decode(Int64.self) { return count }
        return 0
    }
}

/// Who was elected, in order, and the errors that ended terms.
private actor Events {
    private(set) var leaders: [String] = []
    private(set) var errors: [String] = []

    func elected(_ instance: String) { leaders.append(instance) }
    func failed(_ error: any Error) { errors.append("\(error)") }

    /// Returns once `count` elections happened.
    func waitForElections(_ count: Int) async throws {
        while leaders.count < count { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// Returns once `count` errors were reported.
    func waitForErrors(_ count: Int) async throws {
        while errors.count < count { try await Task.sleep(for: .milliseconds(20)) }
    }
}
