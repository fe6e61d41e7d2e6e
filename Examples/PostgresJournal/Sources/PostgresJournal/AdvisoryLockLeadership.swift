import LeadModel
import PostgresNIO

/// Leadership among the instances sharing a journal, by a PostgreSQL session advisory lock: the
/// instance holding the lock does the work only one should do — the engine's monitor, `tick()`
/// (response clocks' warnings, breaches, escalations) and `rescoreDue()` (score decay) — so each
/// step is recorded once, by one instance, rather than raced for by all.
///
/// ``run(onElected:onError:round:)`` holds one connection for the lock's session: a connection
/// of its own, outside any pool, when made with ``init(connection:name:retryInterval:logger:)``
/// (the way to use it), or one borrowed from a pool with ``init(client:name:retryInterval:)``.
/// The other instances try the lock every ``retryInterval``; when the leader's connection closes
/// (its process died, its network went away) the server drops the lock and one of them takes
/// over within that interval. The leader confirms its session before each round, so a leader
/// that lost its connection stops leading at its next round. Exactly-once does not rest on the
/// lock alone: every step is appended expecting its lead's version, so a second leader (during a
/// network partition the server has not noticed yet) loses the race and finds the step done.
///
/// ```swift
/// let leadership = AdvisoryLockLeadership(
///     connection: try PostgresEventStore.connectionConfiguration(url: url), name: "accord.monitor.\(schema)")
/// try await leadership.run {
///     try await engine.tick()
///     try await engine.rescoreDue()
///     try await Task.sleep(for: .seconds(1))
/// }
/// ```
///
/// A value type, safe to use from any task.
public struct AdvisoryLockLeadership: Sendable {
    /// Where the lock's session comes from.
    enum Session: Sendable {
        /// A connection of its own, closed when a term or the run ends.
        case dedicated(PostgresConnection.Configuration, Logger)
        /// A connection borrowed from the pool.
        case pooled(PostgresClient)
    }

    /// The pool the lock's connection comes from, or `nil` when the leadership opens a connection
    /// of its own (``init(connection:name:retryInterval:logger:)``).
    public var client: PostgresClient? {
        guard case .pooled(let client) = session else { return nil }
        return client
    }
    /// The lock's name; its `hashtext` is the advisory lock's key. Every instance of one journal
    /// must use the same name, and different journals on one server different names.
    public let name: String
    /// How long an instance that is not the leader waits between tries, and a leader that failed
    /// waits before competing again.
    public let retryInterval: Duration

    let session: Session

    /// How long a statement on a connection of its own may take before the term ends.
    static let statementTimeout = Duration.seconds(30)

    /// Makes a leadership for the lock `name` that holds the lock on a connection of its own.
    ///
    /// ``run(onElected:onError:round:)`` opens a connection with `connection` and tries the lock
    /// on it; it closes the connection when a term ends (a round threw, the session stopped
    /// answering) and when the run is cancelled, which releases the lock on the server — so a
    /// stop cut short by cancellation cannot leave the lock held, and a broken session never
    /// touches a pool. After a failure it opens a new connection to compete again.
    ///
    /// - Parameters:
    ///   - connection: how to open the lock's connection (make it with
    ///     ``PostgresEventStore/connectionConfiguration(url:)``).
    ///   - name: the lock's name (for example `accord.monitor.<schema>`).
    ///   - retryInterval: how often a follower tries the lock; 200 ms by default.
    ///   - logger: where postgres-nio logs the connection's queries (at debug level).
    public init(
        connection: PostgresConnection.Configuration, name: String, retryInterval: Duration = .milliseconds(200),
        logger: Logger = Logger(label: "accord.postgres-journal")
    ) {
        self.session = .dedicated(connection, logger)
        self.name = name
        self.retryInterval = retryInterval
    }

    /// Makes a leadership for the lock `name` that holds the lock on a connection borrowed from
    /// `client`, for as long as this instance competes or leads.
    ///
    /// The fallback when the host has no connection configuration: the lock's session is a
    /// pooled connection, one fewer for the pool's other users, and it goes back to the pool
    /// after an explicit `pg_advisory_unlock`. If that unlock is cut short (the run is cancelled
    /// while it is under way), the connection can go back to the pool still holding the lock,
    /// and no other instance leads until the pool closes that connection. Prefer
    /// ``init(connection:name:retryInterval:logger:)``.
    ///
    /// - Parameters:
    ///   - client: a running connection pool.
    ///   - name: the lock's name (for example `accord.monitor.<schema>`).
    ///   - retryInterval: how often a follower tries the lock; 200 ms by default.
    public init(client: PostgresClient, name: String, retryInterval: Duration = .milliseconds(200)) {
        self.session = .pooled(client)
        self.name = name
        self.retryInterval = retryInterval
    }

    /// Competes for the lock until the task is cancelled, running `round` again and again while
    /// this instance holds it.
    ///
    /// A round does the leader's work once and waits until it is due again (the loop does not
    /// pace it). When a round throws, the lock is released (on a connection of its own, by
    /// closing it), the error reported to `onError`, and after ``retryInterval`` the instance
    /// competes again. On a connection of its own, the lock's statements (the tries, and the
    /// check before each round that the session still answers) must answer within 30 seconds
    /// and before the connection closes, or the term ends with an `io`
    /// ``LeadModel/EventStoreError``.
    ///
    /// - Parameters:
    ///   - onElected: called each time this instance takes the lock.
    ///   - onError: called with each error that ended a term (not cancellation), including a
    ///     failure to open the lock's connection.
    ///   - round: the leader's work.
    /// - Throws: nothing but what `onError` rethrows; cancellation ends the loop normally.
    public func run(
        onElected: @Sendable () async -> Void = {}, onError: @Sendable (any Error) async throws -> Void = { _ in },
        round: @Sendable () async throws -> Void
    ) async throws {
        while !Task.isCancelled {
            do {
                try await withSession { connection, own in
                    try await lead(on: connection, own: own, onElected: onElected, round: round)
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

    /// Runs `body` on the session's connection, telling it whether the connection is its own
    /// (closing it is what releases the lock).
    private func withSession(_ body: (PostgresConnection, Bool) async throws -> Void) async throws {
        switch session {
        case .pooled(let client):
            try await client.withConnection { try await body($0, false) }
        case .dedicated(let configuration, let logger):
            var connectionLogger = logger
            connectionLogger[metadataKey: "accord.connection"] = "advisory-lock"
            try await OwnConnection.with(configuration, id: 0, logger: connectionLogger) { try await body($0, true) }
        }
    }

    /// Tries the lock until this instance holds it, then runs rounds until one throws or the task
    /// is cancelled. On a connection of its own (`own`), every statement answers within
    /// ``statementTimeout`` and before the connection closes, or the term ends.
    private func lead(
        on connection: PostgresConnection, own: Bool, onElected: @Sendable () async -> Void,
        round: @Sendable () async throws -> Void
    ) async throws {
        let key = name
        func answer<Value: Sendable>(
            _ what: String, _ work: @escaping @Sendable () async throws -> Value
        ) async throws -> Value {
            guard own else { return try await work() }
            return try await OwnConnection.answer(on: connection, within: Self.statementTimeout, what, work)
        }
        while try await !answer("trying the advisory lock", { try await Self.tryLock(key, on: connection) }) {
            try await Task.sleep(for: retryInterval)
        }
        do {
            // A try that was under way when the instance began to stop may still take the lock:
            // give it back rather than announce a leader that stops.
            try Task.checkCancellation()
            await onElected()
            while true {
                try Task.checkCancellation()
                // Still the leader: the session that holds the lock answers.
                try await answer("confirming the advisory lock's session") {
                    try await connection.query("SELECT 1", logger: connection.logger).consume()
                }
                try await round()
            }
        } catch {
            // A connection of its own is closed by the caller, which releases the lock; a pooled
            // one goes back to the pool, so the lock must be given back first.
            if !own {
                _ = try? await connection.query(
                    "SELECT pg_advisory_unlock(hashtext(\(key)))", logger: connection.logger
                ).consume()
            }
            throw error
        }
    }

    private static func tryLock(_ key: String, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT pg_try_advisory_lock(hashtext(\(key)))", logger: connection.logger)
        for try await held in rows.decode(Bool.self) { return held }
        return false
    }
}
