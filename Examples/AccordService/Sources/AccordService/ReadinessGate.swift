import Foundation
import Logging
import ServiceLifecycle

/// The first service to hear about a graceful shutdown: it marks the service draining, so
/// `GET /readyz` answers 503 `draining`, then waits `drainDelay` before letting the group stop
/// the HTTP server.
///
/// A load balancer polls `/readyz`; the delay gives it time to see the 503 and stop sending new
/// requests while the server still accepts them. Put it *after* the application in a
/// `ServiceGroup` — a group stops its services in reverse order — as
/// ``AccordServer/serviceGroup(configuration:logger:)`` does.
public struct ReadinessGate: Service {
    let state: ServiceState
    let drainDelay: Duration
    let logger: Logger

    /// Makes the gate.
    /// - Parameters:
    ///   - state: the readiness shared with `/readyz`.
    ///   - drainDelay: how long to answer 503 on `/readyz` before the server stops accepting.
    ///   - logger: where the start of draining is logged.
    public init(state: ServiceState, drainDelay: Duration, logger: Logger) {
        self.state = state
        self.drainDelay = drainDelay
        self.logger = logger
    }

    /// Waits for graceful shutdown, marks the service draining, then waits `drainDelay`.
    /// - Throws: nothing in practice; cancellation ends the wait early.
    public func run() async throws {
        try? await gracefulShutdown()
        await state.markDraining()
        logger.info("draining: /readyz answers 503", metadata: ["delay": "\(drainDelay)"])
        try? await Task.sleep(for: drainDelay)
    }
}
