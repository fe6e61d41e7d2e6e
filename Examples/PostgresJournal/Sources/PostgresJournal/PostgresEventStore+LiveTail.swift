import LeadModel
import PostgresNIO

extension PostgresEventStore {
    /// Runs `body` with a live tail of the journal: every event from `position` on, in journal
    /// order, each once, then every event appended later — by this process or any other — as it
    /// commits. The sequence ends only when `body` returns or its task is cancelled.
    ///
    /// The tail reads by position, which is what makes it exact: positions commit in order with no
    /// gaps, so a reader that asks for "everything from my next position" can neither skip nor
    /// repeat an event. `LISTEN/NOTIFY` is used only as a hint to ask again soon: each append
    /// sends `NOTIFY <schema>, '<head position>'` in its transaction, and the tail re-queries when
    /// a hint names a position it has not read, every `pollInterval` without one, and after every
    /// reconnect of its listening connection. A lost hint (NOTIFY is not durable; a connection
    /// may drop; a transaction-pooling proxy does not pass it on) therefore delays an event by at
    /// most `pollInterval`, never loses it.
    ///
    /// The listener holds one connection for as long as `body` runs: a connection of its own,
    /// outside the pool, when the store was opened with a `listenerConnection` configuration
    /// (closed when `body` returns), else one borrowed from the store's pool. When that
    /// connection breaks (a server restart, `pg_terminate_backend`), it reconnects with backoff
    /// while the tail keeps polling.
    ///
    /// The Accord SDK's ``LeadModel/EventStore`` has no subscription requirement (its
    /// `events(from:pageSize:)` is a finite catch-up read), so this is the store's own API.
    ///
    /// ```swift
    /// try await store.withLiveTail(from: projections.next) { tail in
    ///     for try await event in tail { projections.apply(event) }
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - position: the first position to deliver (`.start` for the whole journal).
    ///   - pageSize: how many events one query reads at most.
    ///   - pollInterval: the longest the tail waits for a hint before it asks anyway.
    ///   - body: consumes the tail; its result is this method's.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws; iterating the tail throws ``LeadModel/EventStoreError``
    ///   (`io` when the database cannot be read within the store's timeout, `corruptRecord`).
    public func withLiveTail<Result: Sendable>(
        from position: JournalPosition = .start, pageSize: Int = 1_000,
        pollInterval: Duration = .seconds(1),
        _ body: (LiveTail) async throws -> Result
    ) async throws -> Result {
        let doorbell = TailDoorbell()
        // Not a child task: a task group would wait for the listener when `body` returns, and a
        // LISTEN on a pooled connection that died unnoticed may not end when cancelled (a
        // connection of the listener's own is closed at once). The tail is exact without hints,
        // so the listener is cancelled and left to end on its own.
        let listener = Task { await listen(ringing: doorbell) }
        defer { listener.cancel() }
        let tail = LiveTail(
            store: self, start: position, pageSize: max(1, pageSize), pollInterval: pollInterval, doorbell: doorbell)
        return try await body(tail)
    }

    /// Keeps a `LISTEN` on the schema's channel until cancelled, reconnecting with backoff, and
    /// rings `doorbell` on every hint and after every (re)connect.
    private func listen(ringing doorbell: TailDoorbell) async {
        var backoff = Duration.milliseconds(50)
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            do {
                try await withListenerConnection(attempt: attempt) { connection in
                    try await connection.listen(on: schema) { hints in
                        backoff = .milliseconds(50)
                        // Anything appended before LISTEN took effect sent its hint to nobody.
                        await doorbell.ring(head: nil, reconnected: true)
                        for try await hint in hints {
                            await doorbell.ring(head: Int64(hint.payload), reconnected: false)
                        }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.debug("the live tail's listener lost its connection: \(error)")
            }
            do {
                try await Task.sleep(for: backoff)
            } catch {
                return
            }
            backoff = min(backoff * 2, .seconds(5))
        }
    }

    /// Runs `body` on the listener's connection: a new one of its own when the store has a
    /// `listenerConnection` configuration, closed when `body` ends or the task is cancelled;
    /// else one borrowed from the pool.
    private func withListenerConnection(
        attempt: Int, _ body: (PostgresConnection) async throws -> Void
    ) async throws {
        guard let listenerConnection else {
            try await client.withConnection(body)
            return
        }
        var connectionLogger = logger
        connectionLogger[metadataKey: "accord.connection"] = "live-tail-listener"
        try await OwnConnection.with(listenerConnection, id: attempt, logger: connectionLogger, body)
    }
}

/// A live tail of a ``PostgresEventStore``: the journal from a position on, then every event
/// appended later, in journal order, each once. It never ends by itself.
///
/// Get one from ``PostgresEventStore/withLiveTail(from:pageSize:pollInterval:_:)``; it is valid
/// only inside that call. Iterate it from one task at a time.
public struct LiveTail: AsyncSequence, Sendable {
    public typealias Element = LeadEvent
    public typealias Failure = any Error

    let store: PostgresEventStore
    let start: JournalPosition
    let pageSize: Int
    let pollInterval: Duration
    let doorbell: TailDoorbell

    /// How many times the tail's listening connection was (re)established so far; 1 after the
    /// first `LISTEN`. For operators and tests.
    public var listenerConnections: Int {
        get async { await doorbell.connections }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let tail: LiveTail
        var next: UInt64
        var page: [LeadEvent] = []
        var index = 0

        public mutating func next() async throws -> LeadEvent? {
            while index == page.count {
                try Task.checkCancellation()
                // Taken before the query: a hint that arrives while it runs wakes the wait below.
                let seen = await tail.doorbell.generation
                page = try await tail.store.read(from: JournalPosition(next), limit: tail.pageSize)
                index = 0
                if page.isEmpty {
                    await tail.doorbell.wait(after: seen, for: tail.pollInterval)
                }
            }
            defer { index += 1 }
            let event = page[index]
            if let position = event.position { next = position.rawValue + 1 }
            return event
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(tail: self, next: Swift.max(start.rawValue, 1))
    }
}

/// Where the listener leaves its hints for the tail: the newest head position heard, a counter
/// of rings, and the one waiting reader.
actor TailDoorbell {
    /// Bumped on every hint of a new head and every reconnect.
    private(set) var generation = 0
    /// The highest head position a hint named.
    private var head: Int64 = 0
    private(set) var connections = 0
    private var waiter: (id: Int, continuation: CheckedContinuation<Void, Never>)?
    private var nextWaiter = 0

    func ring(head hinted: Int64?, reconnected: Bool) {
        if reconnected { connections += 1 }
        if let hinted {
            guard hinted > head else { return }
            head = hinted
        }
        generation += 1
        wake()
    }

    /// Returns as soon as the doorbell rang after `generation` was `seen` (at once if it already
    /// did), when `timeout` passed, or on cancellation.
    func wait(after seen: Int, for timeout: Duration) async {
        guard generation == seen else { return }
        nextWaiter += 1
        let id = nextWaiter
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: timeout)
                await self.wake(id)
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    if generation != seen || Task.isCancelled {
                        continuation.resume()
                    } else {
                        waiter = (id, continuation)
                    }
                }
            } onCancel: {
                Task { await self.wake(id) }
            }
            group.cancelAll()
        }
    }

    private func wake(_ id: Int? = nil) {
        guard let current = waiter, id == nil || current.id == id else { return }
        waiter = nil
        current.continuation.resume()
    }
}
