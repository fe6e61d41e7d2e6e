import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import PostgresNIO

/// The answers to keyed writes in a PostgreSQL table beside a shared journal: the
/// ``IdempotencyKeyStore`` of service instances on one ``PostgresJournal/PostgresEventStore``,
/// so a retry sent to another instance than the first request gets the original answer.
///
/// The table is `<schema>.service_idempotency_keys`, one row per key: created (with the schema)
/// when the ledger opens, under an advisory lock so that instances starting together do not
/// race. A claim is one `INSERT … ON CONFLICT DO NOTHING` for a new key; only a key seen before
/// costs a second statement.
///
/// - A row is *pending* from the claim until ``complete(key:status:body:)`` records the answer
///   (both committed before the command runs and before the 2xx goes out); ``release(key:)``
///   deletes the row of a command that failed.
/// - A key pending on another instance for less than `inUseWindow` is answered 409
///   `idempotencyKeyInUse` (the first request may still run there); once older, its instance is
///   taken to have stopped, and a retry is 409 `idempotencyOutcomeUnknown` — or, for a capture,
///   which is safe to run again, the claim moves to this instance.
/// - Rows older than ``retention`` count as absent and are deleted, at most once a minute, by
///   whichever instance claims a key.
///
/// Times are the database's (`now()`), so the instances' clocks need not agree. A value with
/// reference semantics (it holds the shared client); safe to use from any task.
public struct PostgresIdempotencyLedger: IdempotencyKeyStore {
    /// The schema of the table.
    public let schema: String
    /// How long an answer is kept after it was recorded.
    public let retention: Duration
    /// How long a key pending on another instance is taken to be still running there.
    public let inUseWindow: Duration
    let client: PostgresClient
    let logger: Logger
    /// This instance, as recorded in its pending rows.
    let owner = UUID().uuidString
    let local = LocalClaims()

    /// Opens the ledger, creating its table when missing.
    ///
    /// - Parameters:
    ///   - client: a running connection pool.
    ///   - schema: the schema of the table, usually the journal's: lower-case letters, digits and
    ///     underscores, starting with a letter or underscore.
    ///   - retention: how long an answer is kept after it was recorded (24 hours by default).
    ///   - inUseWindow: how long a key pending on another instance is taken to be still running
    ///     there (60 seconds by default; more than the longest command).
    ///   - logger: where the queries are logged (at debug level).
    /// - Throws: ``IdempotencyLedgerError`` `io` for a bad schema name, or when the table cannot
    ///   be created.
    public init(
        client: PostgresClient, schema: String = "accord", retention: Duration = .seconds(86_400),
        inUseWindow: Duration = .seconds(60), logger: Logger = Logger(label: "accord.idempotency")
    ) async throws {
        guard let first = schema.first, first.isLetter || first == "_", schema.count <= 63,
            schema.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            throw IdempotencyLedgerError(
                .io, file: nil, detail: "the schema name '\(schema)' is not allowed: use lower-case letters, digits, _")
        }
        self.client = client
        self.schema = schema
        self.retention = retention
        self.inUseWindow = inUseWindow
        self.logger = logger
        do {
            try await client.withConnection { connection in
                _ = try await connection.query("BEGIN", logger: logger).collect()
                do {
                    _ = try await connection.query(
                        "SELECT pg_advisory_xact_lock(hashtext(\("accord-service-idempotency:" + schema)))",
                        logger: logger
                    ).collect()
                    _ = try await connection.query(
                        "CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger
                    ).collect()
                    _ = try await connection.query(
                        """
                        CREATE TABLE IF NOT EXISTS \(unescaped: schema).service_idempotency_keys (
                            key text PRIMARY KEY,
                            state text NOT NULL CHECK (state IN ('pending', 'completed')),
                            path text NOT NULL,
                            digest text NOT NULL,
                            status integer,
                            body bytea,
                            owner text NOT NULL,
                            updated_at timestamptz NOT NULL DEFAULT now())
                        """, logger: logger
                    ).collect()
                    _ = try await connection.query(
                        """
                        CREATE INDEX IF NOT EXISTS service_idempotency_keys_updated_at
                            ON \(unescaped: schema).service_idempotency_keys (updated_at)
                        """, logger: logger
                    ).collect()
                    _ = try await connection.query("COMMIT", logger: logger).collect()
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger).collect()
                    throw error
                }
            }
        } catch {
            throw IdempotencyLedgerError(
                .io, file: nil, detail: "cannot create \(schema).service_idempotency_keys: \(String(reflecting: error))"
            )
        }
    }

    private var table: String { schema + ".service_idempotency_keys" }
    private var retentionSeconds: Double { Self.seconds(retention) }

    /// Claims a key for a write, or finds its earlier answer; see
    /// ``IdempotencyKeyStore/claim(key:path:digest:rerunnable:)``.
    ///
    /// - Throws: ``Problem`` 409 `idempotencyKeyInUse`, 409 `idempotencyOutcomeUnknown` or 422
    ///   `idempotencyKeyReused`; postgres-nio's errors when the database cannot be reached.
    public func claim(key: String, path: String, digest: String, rerunnable: Bool) async throws -> IdempotencyClaim {
        if await local.shouldPurge() { await purgeExpired() }
        guard await local.begin(key) else { throw IdempotencyProblem.inUse }
        do {
            let claim = try await claimInDatabase(key: key, path: path, digest: digest, rerunnable: rerunnable)
            if claim != .proceed { await local.end(key) }
            return claim
        } catch {
            await local.end(key)
            throw error
        }
    }

    private func claimInDatabase(
        key: String, path: String, digest: String, rerunnable: Bool
    ) async throws -> IdempotencyClaim {
        let inserted = try await client.query(
            """
            INSERT INTO \(unescaped: table) (key, state, path, digest, owner)
            VALUES (\(key), 'pending', \(path), \(digest), \(owner))
            ON CONFLICT (key) DO NOTHING RETURNING 1
            """, logger: logger
        ).collect()
        if !inserted.isEmpty { return .proceed }
        let rows = try await client.query(
            """
            SELECT state, path, digest, status, body, owner, updated_at::text,
                   updated_at < now() - make_interval(secs => \(retentionSeconds)),
                   updated_at > now() - make_interval(secs => \(Self.seconds(inUseWindow)))
            FROM \(unescaped: table) WHERE key = \(key)
            """, logger: logger)
        var found: (String, String, String, Int?, ByteBuffer?, String, String, Bool, Bool)?
        for try await row in rows.decode((String, String, String, Int?, ByteBuffer?, String, String, Bool, Bool).self) {
            found = row
        }
        guard let (state, oldPath, oldDigest, status, body, oldOwner, _, expired, recent) = found else {
            // Released (deleted) between the two statements: claim it afresh.
            return try await claimInDatabase(key: key, path: path, digest: digest, rerunnable: rerunnable)
        }
        if expired {
            // Forgotten: the key is new again, unless another instance takes it first.
            let taken = try await client.query(
                """
                UPDATE \(unescaped: table)
                SET state = 'pending', path = \(path), digest = \(digest), status = NULL, body = NULL,
                    owner = \(owner), updated_at = now()
                WHERE key = \(key) AND updated_at < now() - make_interval(secs => \(retentionSeconds))
                RETURNING 1
                """, logger: logger
            ).collect()
            if taken.isEmpty { throw IdempotencyProblem.inUse }
            return .proceed
        }
        guard oldPath == path, oldDigest == digest else { throw IdempotencyProblem.reused }
        if state == "completed", let status {
            return .answered(status: status, body: body.map { Data(buffer: $0) } ?? Data())
        }
        // Pending: on another instance that may still run it, or left by one that stopped.
        if recent, oldOwner != owner { throw IdempotencyProblem.inUse }
        guard rerunnable else { throw IdempotencyProblem.outcomeUnknown }
        let taken = try await client.query(
            """
            UPDATE \(unescaped: table) SET owner = \(owner), updated_at = now()
            WHERE key = \(key) AND state = 'pending' AND owner = \(oldOwner)
              AND (owner = \(owner) OR updated_at <= now() - make_interval(secs => \(Self.seconds(inUseWindow))))
            RETURNING 1
            """, logger: logger
        ).collect()
        if taken.isEmpty { throw IdempotencyProblem.inUse }
        return .proceed
    }

    /// Records the answer to a claimed key before the answer is sent.
    /// - Parameters:
    ///   - key: the claimed key.
    ///   - status: the answer's HTTP status.
    ///   - body: the answer's body.
    /// - Throws: postgres-nio's errors when the database cannot be reached; the key then stays
    ///   pending.
    public func complete(key: String, status: Int, body: Data) async throws {
        await local.end(key)
        let updated = try await client.query(
            """
            UPDATE \(unescaped: table)
            SET state = 'completed', status = \(status), body = \(ByteBuffer(data: body)), updated_at = now()
            WHERE key = \(key) AND owner = \(owner) AND state = 'pending'
            RETURNING 1
            """, logger: logger
        ).collect()
        if updated.isEmpty {
            logger.warning(
                "an idempotency key's claim moved to another instance before its answer was recorded",
                metadata: ["key": "\(key)"])
        }
    }

    /// Frees a claimed key whose command failed (deletes its pending row), so it may be sent
    /// again.
    /// - Parameter key: the claimed key.
    public func release(key: String) async {
        await local.end(key)
        _ = try? await client.query(
            "DELETE FROM \(unescaped: table) WHERE key = \(key) AND owner = \(owner) AND state = 'pending'",
            logger: logger
        ).collect()
    }

    /// Deletes the rows older than ``retention``.
    /// - Returns: how many were deleted; 0 when the database cannot be reached.
    @discardableResult
    public func purgeExpired() async -> Int {
        do {
            let rows = try await client.query(
                """
                DELETE FROM \(unescaped: table)
                WHERE updated_at < now() - make_interval(secs => \(retentionSeconds)) RETURNING 1
                """, logger: logger
            ).collect()
            return rows.count
        } catch {
            logger.warning("could not delete expired idempotency keys", metadata: ["error": "\(error)"])
            return 0
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The keys this instance is running, and when it last purged expired rows.
actor LocalClaims {
    private var running: Set<String> = []
    private var lastPurge = ContinuousClock.now

    /// Marks a key as running here; `false` when it already is.
    func begin(_ key: String) -> Bool { running.insert(key).inserted }

    /// Marks a key as no longer running here.
    func end(_ key: String) { running.remove(key) }

    /// Whether a minute passed since the last purge (and starts the next minute if so).
    func shouldPurge() -> Bool {
        guard ContinuousClock.now - lastPurge >= .seconds(60) else { return false }
        lastPurge = .now
        return true
    }
}
