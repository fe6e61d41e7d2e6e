/// Whether the service takes traffic: ready once the engine is open, draining once shutdown
/// began. `GET /readyz` answers from it, so a load balancer stops sending requests before the
/// server stops accepting them (see ``ReadinessGate``).
public actor ServiceState {
    /// Where the service is in its life.
    public enum Phase: String, Sendable {
        /// The engine is not open yet.
        case starting
        /// The service takes traffic.
        case ready
        /// Shutdown began: `/readyz` answers 503 `draining`, in-flight and new requests are
        /// still served until the server stops accepting.
        case draining
    }

    /// Where the service is in its life.
    public private(set) var phase = Phase.starting

    /// On a shared PostgreSQL journal, whether this instance leads (runs the timer loop and the
    /// outbox); `nil` on the file store, where the one instance always does.
    public private(set) var leads: Bool?

    /// Makes a state that is not ready yet.
    public init() {}

    /// Whether the service takes traffic.
    public var isReady: Bool { phase == .ready }

    /// Marks the service ready (the engine is open), unless it is already draining.
    public func markReady() {
        if phase == .starting { phase = .ready }
    }

    /// Records whether this instance leads a shared journal.
    /// - Parameter leads: `true` once it holds the leader lock, `false` while it follows.
    public func setLeads(_ leads: Bool) { self.leads = leads }

    /// Marks the service draining: `/readyz` answers 503 from now on.
    public func markDraining() { phase = .draining }
}
