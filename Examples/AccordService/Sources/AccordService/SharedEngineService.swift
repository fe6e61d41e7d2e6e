import Accord
import Logging
import PostgresJournal
import ServiceLifecycle

/// The engine's background work on a journal that several instances share: the instance that
/// holds the leader lock (``PostgresJournal/AdvisoryLockLeadership``) runs the timer loop
/// (``AlignmentEngine/run()``) and the outbox's deliveries; the others fold what was appended
/// (``AlignmentEngine/catchUp()``) every `followerInterval` and take over when the leader goes
/// away.
///
/// The lock is held on a connection of its own, outside the pool (make the leadership with
/// ``PostgresJournal/AdvisoryLockLeadership/init(connection:name:retryInterval:logger:)``):
/// when this instance stops, or its task is cancelled, the connection closes and the server
/// releases the lock, so no pooled connection is ever left holding it. While leading, the
/// leadership confirms every `followerInterval` that the lock's session still answers; when it
/// does not (the server or the network dropped it), this instance stops the timer loop and the
/// outbox and follows. Between the server dropping the session and this instance noticing, two
/// instances may run the timer loop for a moment: harmless, because the journal's expected
/// versions and idempotency keys keep a step from being recorded twice.
///
/// Every instance serves the whole API: commands catch up before they plan, and reads of a lead
/// the instance has not seen yet catch up first. On graceful shutdown the service stops leading
/// or following, marks the service draining and saves a snapshot; the store has nothing to close
/// (the connection pool stops after it).
public struct SharedEngineService: Service {
    let engine: AlignmentEngine
    let leadership: AdvisoryLockLeadership
    let outbox: Outbox?
    let followerInterval: Duration
    let state: ServiceState
    let logger: Logger

    /// How often the work looks at the role the leadership set: how soon after taking or losing
    /// the lead this instance starts or stops the timer loop and the outbox.
    static let roleCheckInterval = Duration.milliseconds(50)

    /// Makes the service.
    /// - Parameters:
    ///   - engine: the open engine on the shared store.
    ///   - leadership: the lock that picks the leader, on a connection of its own (its
    ///     ``PostgresJournal/AdvisoryLockLeadership/retryInterval`` is how often a follower tries
    ///     it; `followerInterval` is the usual choice).
    ///   - outbox: the outbox the leader delivers, if endpoints are configured.
    ///   - followerInterval: how often a follower catches up, and a leader confirms the lock's
    ///     session.
    ///   - state: the readiness and role shared with `/readyz` and `/metrics`.
    ///   - logger: where leading, following and the shutdown are logged.
    public init(
        engine: AlignmentEngine, leadership: AdvisoryLockLeadership, outbox: Outbox?, followerInterval: Duration,
        state: ServiceState, logger: Logger
    ) {
        self.engine = engine
        self.leadership = leadership
        self.outbox = outbox
        self.followerInterval = followerInterval
        self.state = state
        self.logger = logger
    }

    /// Leads or follows until graceful shutdown or cancellation, then saves a snapshot.
    /// - Throws: `EventStoreError` when the leader's timer loop cannot write the journal, or
    ///   ``OutboxError``; the group then shuts down.
    public func run() async throws {
        await state.markReady()
        await state.setLeads(false)
        defer { logger.info("engine stopped") }
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await competeForTheLead() }
                    group.addTask { try await workInRole() }
                    // The competition ends only when cancelled, the work also when the leader's
                    // work fails (which is thrown here): either way, stop the other.
                    try await group.next()
                    group.cancelAll()
                }
            }
        } catch is CancellationError {
            // Stopped: fall through to the snapshot.
        }
        // The lock's connection is closed: this instance no longer leads.
        await state.setLeads(false)
        await state.markDraining()
        do {
            _ = try await engine.saveSnapshot()
        } catch {
            logger.warning("could not save a snapshot on shutdown", metadata: ["error": "\(error)"])
        }
    }

    /// Competes for the lock until cancelled, and records in `state` whether this instance leads.
    ///
    /// A round of the leadership does no work (the leader's work runs for the whole term in
    /// ``workInRole()``): it waits `followerInterval`, so that the leadership confirms the lock's
    /// session that often. A term ends when that check fails.
    private func competeForTheLead() async throws {
        let state = state
        let logger = logger
        let name = leadership.name
        let interval = followerInterval
        try await leadership.run(
            onElected: {
                logger.info("took the lead", metadata: ["lock": "\(name)"])
                await state.setLeads(true)
            },
            onError: { error in
                if await state.leads == true {
                    await state.setLeads(false)
                    logger.warning("lost the lead: following", metadata: ["lock": "\(name)", "error": "\(error)"])
                } else {
                    logger.warning(
                        "could not try the leader lock; following", metadata: ["lock": "\(name)", "error": "\(error)"])
                }
            },
            round: { try await Task.sleep(for: interval) })
    }

    /// Follows or leads, as `state` says, until cancelled: a follower catches up every
    /// `followerInterval`; the leader runs the timer loop and the outbox until it no longer leads.
    /// - Throws: what the timer loop or the outbox throws (not on cancellation).
    private func workInRole() async throws {
        while true {
            try Task.checkCancellation()
            if await state.leads == true {
                do {
                    try await lead()
                } catch {
                    // Stopping: what the work threw as it was cancelled is not a failure.
                    if Task.isCancelled { throw CancellationError() }
                    throw error
                }
            } else {
                do {
                    try await engine.catchUp()
                } catch {
                    try Task.checkCancellation()
                    logger.warning("following failed; trying again", metadata: ["error": "\(error)"])
                }
                try await waitUntil(leads: true, atMost: followerInterval)
            }
        }
    }

    /// Runs the timer loop and the outbox until this instance no longer leads.
    /// - Throws: what the timer loop or the outbox throws first; `CancellationError`.
    private func lead() async throws {
        let engine = engine
        let outbox = outbox
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engine.run() }
            if let outbox { group.addTask { try await outbox.run() } }
            group.addTask { try await waitUntil(leads: false, atMost: nil) }
            // The first to end: the term (then the others are cancelled and their
            // `CancellationError`s dropped), or the work's failure, which is thrown.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Waits until `state` says whether this instance leads is `leads`, or `limit` has passed.
    private func waitUntil(leads: Bool, atMost limit: Duration?) async throws {
        let clock = ContinuousClock()
        let deadline = limit.map { clock.now.advanced(by: $0) }
        while await state.leads != leads {
            if let deadline, clock.now >= deadline { return }
            try await Task.sleep(for: Self.roleCheckInterval)
        }
    }
}
