import Accord
import Logging
import ServiceLifecycle

/// The engine's background work on a journal that several instances share: the instance that
/// holds the ``PostgresLeaderLock`` runs the timer loop (``AlignmentEngine/run()``) and the
/// outbox's deliveries; the others fold what was appended (``AlignmentEngine/catchUp()``) every
/// `followerInterval` and take over when the leader goes away.
///
/// Every instance serves the whole API: commands catch up before they plan, and reads of a lead
/// the instance has not seen yet catch up first. On graceful shutdown the service stops leading
/// or following, marks the service draining and saves a snapshot; the store has nothing to close
/// (the connection pool stops after it).
public struct SharedEngineService: Service {
    let engine: AlignmentEngine
    let leaderLock: PostgresLeaderLock
    let outbox: Outbox?
    let followerInterval: Duration
    let state: ServiceState
    let logger: Logger

    /// Makes the service.
    /// - Parameters:
    ///   - engine: the open engine on the shared store.
    ///   - leaderLock: the lock that picks the leader.
    ///   - outbox: the outbox the leader delivers, if endpoints are configured.
    ///   - followerInterval: how often a follower catches up and tries the lock.
    ///   - state: the readiness and role shared with `/readyz` and `/metrics`.
    ///   - logger: where leading, following and the shutdown are logged.
    public init(
        engine: AlignmentEngine, leaderLock: PostgresLeaderLock, outbox: Outbox?, followerInterval: Duration,
        state: ServiceState, logger: Logger
    ) {
        self.engine = engine
        self.leaderLock = leaderLock
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
        defer { logger.info("engine stopped") }
        let engine = engine
        let outbox = outbox
        let state = state
        do {
            try await cancelWhenGracefulShutdown {
                try await leaderLock.run(
                    retryInterval: followerInterval,
                    changed: { leads in await state.setLeads(leads) },
                    follow: { try await engine.catchUp() },
                    lead: {
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask { try await engine.run() }
                            if let outbox { group.addTask { try await outbox.run() } }
                            try await group.waitForAll()
                        }
                    })
            }
        } catch is CancellationError {
            // Stopped: fall through to the snapshot.
        }
        await state.markDraining()
        do {
            _ = try await engine.saveSnapshot()
        } catch {
            logger.warning("could not save a snapshot on shutdown", metadata: ["error": "\(error)"])
        }
    }
}
