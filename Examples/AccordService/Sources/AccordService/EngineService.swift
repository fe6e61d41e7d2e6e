import Accord
import Foundation
import LeadModel
import Logging
import ServiceLifecycle

/// The engine's timer loop as a `Service`: SLA warnings, breaches, escalations and rescoring
/// (``AlignmentEngine/run()``), run beside the HTTP server in one `ServiceGroup`.
///
/// On graceful shutdown (SIGTERM) the group first stops the HTTP server, which stops accepting
/// and drains its in-flight requests (services stop in reverse order, and this one is registered
/// before the server); then this one stops the loop, marks the service draining, saves a snapshot
/// and closes the store, which flushes the journal and releases the data directory's lock.
public struct EngineService: Service {
    let engine: AlignmentEngine
    let closeStore: @Sendable () async throws -> Void
    let state: ServiceState
    let logger: Logger

    /// Makes the service.
    /// - Parameters:
    ///   - engine: the open engine.
    ///   - closeStore: closes the engine's store when the service stops (for the file store,
    ///     `store.close`, which waits for durability and releases the directory's lock).
    ///   - state: the readiness shared with `/readyz`.
    ///   - logger: where the loop's failures and the shutdown are logged.
    public init(
        engine: AlignmentEngine, closeStore: @escaping @Sendable () async throws -> Void, state: ServiceState,
        logger: Logger
    ) {
        self.engine = engine
        self.closeStore = closeStore
        self.state = state
        self.logger = logger
    }

    /// Runs the timer loop until graceful shutdown or cancellation, then closes the store.
    /// - Throws: `EventStoreError` when the journal fails; the group then shuts down.
    public func run() async throws {
        await state.markReady()
        defer { logger.info("engine stopped") }
        do {
            try await cancelWhenGracefulShutdown { try await engine.run() }
        } catch is CancellationError {
            // The loop was stopped: fall through to closing.
        }
        await state.markDraining()
        do {
            _ = try await engine.saveSnapshot()
        } catch {
            logger.warning("could not save a snapshot on shutdown", metadata: ["error": "\(error)"])
        }
        try await closeStore()
    }
}
