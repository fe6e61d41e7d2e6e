import LeadModel
import PostgresNIO

/// Leadership among the instances sharing a journal, by a PostgreSQL session advisory lock: the
/// instance holding the lock does the work only one should do — the engine's monitor, `tick()`
/// (response clocks' warnings, breaches, escalations) and `rescoreDue()` (score decay) — so each
/// step is recorded once, by one instance, rather than raced for by all.
///
/// ``run(onElected:onError:round:)`` keeps a connection from the pool for the lock's session. The other
/// instances try the lock every ``retryInterval``; when the leader's connection closes (its
/// process died, its network went away) the server drops the lock and one of them takes over
/// within that interval. The leader confirms its session before each round, so a leader that
/// lost its connection stops leading at its next round. Exactly-once does not rest on the lock
/// alone: every step is appended expecting its lead's version, so a second leader (during a
/// network partition the server has not noticed yet) loses the race and finds the step done.
///
/// ```swift
/// let leadership = AdvisoryLockLeadership(client: client, name: "accord.monitor.\(schema)")
/// try await leadership.run {
///     try await engine.tick()
///     try await engine.rescoreDue()
///     try await Task.sleep(for: .seconds(1))
/// }
/// ```
///
/// A value type, safe to use from any task.
public struct AdvisoryLockLeadership: Sendable {
    /// The pool the lock's connection comes from.
    public let client: PostgresClient
    /// The lock's name; its `hashtext` is the advisory lock's key. Every instance of one journal
    /// must use the same name, and different journals on one server different names.
    public let name: String
    /// How long an instance that is not the leader waits between tries, and a leader that failed
    /// waits before competing again.
    public let retryInterval: Duration

    /// Makes a leadership for the lock `name`.
    ///
    /// - Parameters:
    ///   - client: a running connection pool.
    ///   - name: the lock's name (for example `accord.monitor.<schema>`).
    ///   - retryInterval: how often a follower tries the lock; 200 ms by default.
    public init(client: PostgresClient, name: String, retryInterval: Duration = .milliseconds(200)) {
        self.client = client
        self.name = name
        self.retryInterval = retryInterval
    }

    /// Competes for the lock until the task is cancelled, running `round` again and again while
    /// this instance holds it.
    ///
    /// A round does the leader's work once and waits until it is due again (the loop does not
    /// pace it). When a round throws, the lock is released, the error reported to `onError`, and
    /// after ``retryInterval`` the instance competes again.
    ///
    /// - Parameters:
    ///   - onElected: called each time this instance takes the lock.
    ///   - onError: called with each error that ended a term (not cancellation).
    ///   - round: the leader's work.
    /// - Throws: nothing but what `onError` rethrows; cancellation ends the loop normally.
    public func run(
        onElected: @Sendable () async -> Void = {}, onError: @Sendable (any Error) async throws -> Void = { _ in },
        round: @Sendable () async throws -> Void
    ) async throws {
        let key = name
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    while try await !Self.tryLock(key, on: connection) {
                        try await Task.sleep(for: retryInterval)
                    }
                    do {
                        // A try that was under way when the instance began to stop may still
                        // take the lock: give it back rather than announce a leader that stops.
                        try Task.checkCancellation()
                        await onElected()
                        while true {
                            try await Task.checkCancellation()
                            // Still the leader: the session that holds the lock answers.
                            try await connection.query("SELECT 1", logger: connection.logger).consume()
                            try await round()
                        }
                    } catch {
                        _ = try? await connection.query(
                            "SELECT pg_advisory_unlock(hashtext(\(key)))", logger: connection.logger
                        ).consume()
                        throw error
                    }
                }
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                try await onError(error)
                do {
                    try await Task.sleep(for: retryInterval)
                } catch {
                    return
                }
            }
        }
    }

    private static func tryLock(_ key: String, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT pg_try_advisory_lock(hashtext(\(key)))", logger: connection.logger)
        for try await held in rows.decode(Bool.self) { return held }
        return false
    }
}
