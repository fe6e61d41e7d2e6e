/// Whether the service takes traffic: ready once the engine is open, draining once shutdown
/// began. `GET /readyz` answers from it, so a load balancer stops sending requests before the
/// server stops accepting them.
public actor ServiceState {
    private enum Phase {
        case starting, ready, draining
    }

    private var phase = Phase.starting

    /// Makes a state that is not ready yet.
    public init() {}

    /// Whether the service takes traffic.
    public var isReady: Bool { phase == .ready }

    /// Marks the service ready (the engine is open).
    public func markReady() {
        if phase == .starting { phase = .ready }
    }

    /// Marks the service draining: `/readyz` answers 503 from now on.
    public func markDraining() { phase = .draining }
}
