import Journal
import LeadModel
import PostgresNIO

/// An ``LeadModel/EventStore`` kept in PostgreSQL, which several service instances can share.
///
/// Every instance appends through the same tables; the database orders, deduplicates and checks
/// them. The guarantees, and how each is kept:
///
/// - **Total order with no gaps, ever visible in order.** Positions come from one counter row
///   (`head`), updated as the last step of an append and locked until its commit: commits happen
///   in position order, so a reader paging by position never skips an event that commits later,
///   and a rolled-back append leaves no gap.
/// - **Expected versions** are checked after the lead's stream row is locked; a conflict is
///   raised before the counter row is touched, so it uses up no position.
/// - **Idempotency keys** live in a unique table written first: a concurrent duplicate waits for
///   the first transaction and then reports the original position.
/// - **One round trip per append**: an append call is one call of the `append_events` function,
///   one short transaction.
/// - **Identity claims** (with an `identity` resolver): a new lead's capture claims its person's
///   identity keys in the transaction of its append, so that one person captured on several
///   instances at the same moment becomes one lead; the losers fail with `versionConflict`, and
///   the engine reads the journal again and finds the person.
/// - **Erasure** overwrites the lead's events in place with their redacted form, forgets their
///   idempotency keys and deletes every snapshot; event rows are never deleted.
/// - **Durability**: an append returns after PostgreSQL committed it; with the server's default
///   `synchronous_commit = on` that is after the commit's WAL record was flushed
///   (``LeadModel/Durability/fsyncEveryCommit``).
///
/// The store does not own the connection pool: create a `PostgresClient`, run it in your task
/// group, and open stores on it. Give the store a `listenerConnection` configuration too, so that
/// its live tail listens on a connection of its own rather than on one of the pool's (see
/// ``init(client:listenerConnection:schema:timeout:groupCommit:identity:logger:)``).
///
/// ```swift
/// let client = PostgresClient(configuration: try PostgresEventStore.clientConfiguration(url: url))
/// let listener = try PostgresEventStore.connectionConfiguration(url: url)
/// try await withThrowingDiscardingTaskGroup { group in
///     group.addTask { await client.run() }
///     let store = try await PostgresEventStore(client: client, listenerConnection: listener, schema: "accord")
///     try await store.append([captured], to: "lead-1", expecting: .noStream)
///     group.cancelAll()
/// }
/// ```
///
/// `PostgresEventStore` is a value with reference semantics (it holds the shared client) and is
/// safe to use from many tasks at once.
public struct PostgresEventStore: EventStore, SnapshotStore {
    /// The schema version this build of the store creates, upgrades to and understands.
    public static var schemaVersion: Int { SchemaMigrations.latestVersion }

    /// The PostgreSQL schema holding the journal's tables.
    public let schema: String
    /// How durable an acknowledged append is, from the server's `synchronous_commit` when the
    /// store opened: ``LeadModel/Durability/fsyncEveryCommit`` for `on` (the default), `local`,
    /// `remote_write` and `remote_apply` (the commit's WAL record was flushed before the append
    /// returned); ``LeadModel/Durability/none`` for `off`, where a crash of the server may lose
    /// the last acknowledged appends.
    public let durability: Durability

    /// How long one call may take, waiting for a connection included, before it throws `io`.
    public let timeout: Duration

    /// Whether concurrent appends share transactions (group commit); see ``append(_:)``.
    public var groupCommit: Bool { combiner != nil }

    /// The resolver whose identity keys a captured person claims, or `nil` when captures claim
    /// nothing; see ``init(client:listenerConnection:schema:timeout:groupCommit:identity:logger:)``.
    public let identity: (any IdentityResolver)?

    let client: PostgresClient
    /// How the live tail's listener opens a connection of its own; `nil`: it borrows one from
    /// ``client``.
    let listenerConnection: PostgresConnection.Configuration?
    let logger: Logger
    let combiner: AppendCombiner?

    /// Opens the journal in `schema`, creating the schema or upgrading it to
    /// ``schemaVersion`` first.
    ///
    /// Several instances may open the same schema at once: migrations run once, under an advisory
    /// lock, in one transaction.
    ///
    /// - Parameters:
    ///   - client: a running connection pool; the store borrows a connection per call.
    ///   - listenerConnection: how the live tail (``withLiveTail(from:pageSize:pollInterval:_:)``)
    ///     opens the connection it listens on, outside the pool (make it with
    ///     ``connectionConfiguration(url:)``). Each tail opens one while it runs, closes it when
    ///     the tail ends, and opens a new one, with backoff, when it breaks; a broken listener
    ///     connection then never touches the pool. `nil` (the default) keeps the fallback of
    ///     earlier versions: the listener holds a connection borrowed from `client` for as long as
    ///     the tail runs, one fewer for the store's calls, and when the server ends that connection
    ///     (`pg_terminate_backend`, a restart) postgres-nio 1.33's pool has been seen to stop
    ///     handing out connections, so that calls fail with `io` at their `timeout`. Give one
    ///     wherever the store is tailed. Nothing is opened with it until a tail starts.
    ///   - schema: the schema name: lower-case letters, digits and underscores, starting with a
    ///     letter or underscore, at most 63 characters.
    ///   - timeout: how long one call may take, waiting for a connection included; past it the
    ///     call throws `io` (postgres-nio's pool would otherwise wait for a server that is down
    ///     until it is back).
    ///   - groupCommit: whether concurrent appends through this store (and its copies) share a
    ///     transaction, so that they share one commit and its WAL flush; on by default. Each call
    ///     stays atomic on its own; turning it off makes every call its own transaction.
    ///   - identity: the identity resolver the engines on this journal use (for the playbook's,
    ///     `StandardIdentityResolver(configuration: playbook.identity)`), or `nil`. With one, every
    ///     capture event claims its person's identity keys in the `identity_claims` table, in the
    ///     transaction of its append; a new lead's append whose key another lead holds fails with
    ///     `versionConflict` and uses up no position, so the engine that lost reads the journal
    ///     again, finds the person and records the capture on the existing lead. This makes one
    ///     person captured on several instances at the same moment one lead, also when the
    ///     instances mint different ids or the host brings its own. Every instance must use the
    ///     same resolver. Claims hold SHA-256 digests of the keys, and erasure removes them.
    ///     Opening with a resolver first claims the keys of captures recorded without claims (a
    ///     journal from before schema version 6, or appends by stores without a resolver), a page
    ///     of events per transaction; the journal remembers how far it checked, so only the first
    ///     such opening reads the whole journal.
    ///   - logger: where postgres-nio logs the store's queries (at debug level), and where the
    ///     store says, at info level, how many keys an opening claimed for earlier captures.
    /// - Throws: ``LeadModel/EventStoreError`` — `invalidRequest` for a bad schema name,
    ///   `unsupportedFormat` when the schema was laid out by a newer version of this store, `io`
    ///   when the database cannot be reached or refuses a statement.
    public init(
        client: PostgresClient, listenerConnection: PostgresConnection.Configuration? = nil, schema: String = "accord",
        timeout: Duration = .seconds(30), groupCommit: Bool = true, identity: (any IdentityResolver)? = nil,
        logger: Logger = Logger(label: "accord.postgres-journal")
    ) async throws {
        try Self.validate(schema: schema)
        self.client = client
        self.listenerConnection = listenerConnection
        self.identity = identity
        self.combiner = groupCommit ? AppendCombiner() : nil
        self.schema = schema
        self.logger = logger
        self.timeout = timeout
        try await Self.migrate(client: client, schema: schema, logger: logger, timeout: timeout)
        if let identity {
            let check = try await Self.claimRecordedCaptures(
                client: client, schema: schema, identity: identity, logger: logger, timeout: timeout)
            if check.claimed > 0 {
                logger.info(
                    "claimed the identities of captures recorded without claims",
                    metadata: ["captures": "\(check.captures)", "claimed": "\(check.claimed)"])
            }
        }
        let setting = try await Self.synchronousCommit(client: client, logger: logger, timeout: timeout)
        durability = setting == "off" ? .none : .fsyncEveryCommit
    }

    private static func validate(schema: String) throws {
        let allowed = schema.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        }
        guard allowed, let first = schema.utf8.first, !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")),
            schema.utf8.count <= 63
        else {
            throw EventStoreError(
                .invalidRequest,
                "the schema name \"\(schema)\" is not allowed: use 1 to 63 lower-case letters, digits "
                    + "and underscores, starting with a letter or underscore")
        }
    }

    private static func synchronousCommit(client: PostgresClient, logger: Logger, timeout: Duration) async throws
        -> String
    {
        try await PostgresFailure.mapping("reading synchronous_commit", timeout: timeout) {
            let rows = try await client.query("SHOW synchronous_commit", logger: logger)
            for try await value in rows.decode(String.self) { return value }
            return "on"
        }
    }

    /// Appends events to one or more lead streams, atomically, in one round trip.
    ///
    /// Concurrent calls on the same store share a transaction (group commit, see
    /// ``groupCommit``): each call is still atomic and checked on its own, and returns once the
    /// shared transaction committed.
    ///
    /// - Parameter requests: the events per lead, with the expected version of each stream.
    /// - Returns: one result per request, in order.
    /// - Throws: ``LeadModel/EventStoreError`` — `versionConflict` when an expectation fails
    ///   (nothing is appended), `invalidRequest` when an event's lead differs from its request's,
    ///   `io` when the database cannot be reached or refuses the call.
    public func append(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        let call = try AppendCall(requests, identity: identity)
        guard let combiner else { return try await appendAlone(call) }
        switch await combiner.enter(call) {
        case .done(let outcome):
            return try outcome.get()
        case .lead(let batch):
            let outcomes = await run(batch.map(\.call))
            await combiner.finish(Array(zip(batch, outcomes)))
            return try outcomes[0].get()
        }
    }

    /// Runs a batch of calls: alone when it is one call, else in one transaction (one
    /// `append_events` call, or `append_batch` when a call conflicts); if that fails as a whole
    /// for another reason than the server's silence, each call alone.
    private func run(_ calls: [AppendCall]) async -> [Result<[AppendResult], any Error>] {
        guard calls.count > 1 else {
            return [await outcome(of: calls[0])]
        }
        // Usually no call conflicts: then the calls, applied in order, are one `append_events`
        // call — set-based, one statement per step for all of them, the least work under the
        // counter row. Only when that fails on a version conflict does each call run in a
        // subtransaction of its own (`append_batch`), so that just the conflicting ones fail.
        if let merged = try? AppendCall(calls.flatMap(\.requests), identity: identity) {
            do {
                let results = try await appendAlone(merged)
                var next = 0
                return calls.map { call in
                    defer { next += call.requestCount }
                    return .success(Array(results[next..<(next + call.requestCount)]))
                }
            } catch let error as EventStoreError where error.code == .versionConflict {
                // Some call conflicts: find out which, below. `append_batch` takes no identity
                // claims: calls that claim run one by one.
                if calls.contains(where: { !$0.claimKeys.isEmpty }) { return await oneByOne(calls) }
            } catch let error as EventStoreError where error.code == .io && error.message.contains("did not answer") {
                return calls.map { _ in .failure(error) }
            } catch {
                // Another failure (a deadlock, a refused statement): each call on its own, below.
                logger.debug("a merged append of \(calls.count) calls failed (\(error)); running them apart")
            }
        }
        let query = AppendCall.batchQuery(calls, schema: schema)
        let events = calls.reduce(0) { $0 + $1.eventCount }
        do {
            let (ok, details, positions, duplicates, versions) = try await PostgresFailure.mapping(
                "appending \(events) events of \(calls.count) calls", timeout: timeout
            ) {
                let rows = try await client.query(query, logger: logger)
                for try await row in rows.decode(([Bool], [String], [Int64], [Bool], [Int32]).self) { return row }
                throw EventStoreError(.io, "append_batch returned no row; check the schema's migrations")
            }
            var event = 0
            var request = 0
            return calls.enumerated().map { index, call in
                let eventRange = event..<(event + call.eventCount)
                let requestRange = request..<(request + call.requestCount)
                event = eventRange.upperBound
                request = requestRange.upperBound
                guard ok[index] else {
                    return .failure(PostgresFailure.versionConflict(detail: details[index], requests: call.requests))
                }
                return .success(
                    call.results(
                        positions: Array(positions[eventRange]), duplicates: Array(duplicates[eventRange]),
                        versions: Array(versions[requestRange])))
            }
        } catch let error as EventStoreError where error.code == .io && error.message.contains("did not answer") {
            return calls.map { _ in .failure(error) }
        } catch {
            logger.debug("a batch of \(calls.count) appends failed (\(error)); running them one by one")
            return await oneByOne(calls)
        }
    }

    private func oneByOne(_ calls: [AppendCall]) async -> [Result<[AppendResult], any Error>] {
        var outcomes: [Result<[AppendResult], any Error>] = []
        for call in calls { outcomes.append(await outcome(of: call)) }
        return outcomes
    }

    private func outcome(of call: AppendCall) async -> Result<[AppendResult], any Error> {
        do {
            return .success(try await appendAlone(call))
        } catch {
            return .failure(error)
        }
    }

    /// One call, one `append_events` transaction.
    private func appendAlone(_ call: AppendCall) async throws -> [AppendResult] {
        let query = try call.query(schema: schema)
        let requests = call.requests
        let (positions, duplicates, versions) = try await PostgresFailure.mapping(
            "appending \(call.eventCount) events", timeout: timeout, requests: requests
        ) {
            let rows = try await client.query(query, logger: logger)
            for try await row in rows.decode(([Int64], [Bool], [Int32]).self) { return row }
            throw EventStoreError(.io, "append_events returned no row; check the schema's migrations")
        }
        return call.results(positions: positions, duplicates: duplicates, versions: versions)
    }

    /// Reads up to `limit` events in journal order, starting at `position`.
    ///
    /// - Returns: the events with their positions set; empty when `position` is past the end.
    /// - Throws: ``LeadModel/EventStoreError`` — `corruptRecord` for a payload that does not
    ///   decode, `io` when the database cannot be reached.
    public func read(from position: JournalPosition, limit: Int) async throws -> [LeadEvent] {
        guard limit > 0 else { return [] }
        let start = Int64(clamping: max(position.rawValue, 1))
        let count = Int64(limit)
        return try await fetchEvents(
            """
            SELECT position, payload FROM \(unescaped: schema).events WHERE position >= \(start)
            ORDER BY position LIMIT \(count)
            """, what: "reading from position \(start)")
    }

    /// Every event of one lead's stream, oldest first. Empty for an unknown lead.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` — `corruptRecord` for a payload that does not
    ///   decode, `io` when the database cannot be reached.
    public func events(forLead id: LeadID) async throws -> [LeadEvent] {
        try await fetchEvents(
            """
            SELECT position, payload FROM \(unescaped: schema).events WHERE lead_id = \(id.rawValue)
            ORDER BY position
            """, what: "reading a lead's stream", leadID: id)
    }

    /// The schema version recorded in the database.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    public func recordedSchemaVersion() async throws -> Int {
        try await PostgresFailure.mapping("reading the schema version", timeout: timeout) {
            let rows = try await client.query(
                "SELECT coalesce(max(version), 0) FROM \(unescaped: schema).schema_version", logger: logger)
            for try await version in rows.decode(Int32.self) { return Int(version) }
            return 0
        }
    }

    func fetchEvents(_ query: PostgresQuery, what: String, leadID: LeadID? = nil) async throws -> [LeadEvent] {
        let rows = try await PostgresFailure.mapping(what, timeout: timeout, leadID: leadID) {
            var rows: [(Int64, ByteBuffer)] = []
            for try await row in try await client.query(query, logger: logger).decode((Int64, ByteBuffer).self) {
                rows.append(row)
            }
            return rows
        }
        return try rows.map { try Self.decode(payload: $0.1, at: $0.0) }
    }

    static func decode(payload: ByteBuffer, at position: Int64) throws -> LeadEvent {
        let journalPosition = JournalPosition(UInt64(position))
        do {
            return try payload.withUnsafeReadableBytes { bytes throws(EventCodecError) in
                try EventCodec.decode(bytes, position: journalPosition)
            }
        } catch {
            throw EventStoreError(
                .corruptRecord, "the event at position \(position) does not decode: \(error)",
                position: journalPosition)
        }
    }

    static func encode(_ event: LeadEvent) -> ByteBuffer {
        var bytes: [UInt8] = []
        EventCodec.encode(event, into: &bytes)
        return ByteBuffer(bytes: bytes)
    }
}
