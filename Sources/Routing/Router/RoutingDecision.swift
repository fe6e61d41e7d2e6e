public import LeadModel

/// Where a lead goes and the trail that explains why.
///
/// The engine records ``owner`` and ``router`` in the `assigned` event and ``trail`` as the
/// event's reasons, verbatim: ``RoutingLedger`` reads the `pool-turn:` reason back to replay the
/// round robin.
public struct RoutingDecision: Hashable, Sendable {
    /// The rep or queue that gets the lead.
    public var owner: Owner
    /// The router that decided, recorded on the assignment.
    public var router: String
    /// Every rule considered and candidate skipped, in order, with why.
    public var trail: RoutingTrail
    /// What the host should know about the decision: an account conflict, a fallback queue.
    public var flags: Set<RoutingFlag>
    /// The pool whose turn chose the owner, when a pool did; the engine claims the turn on the
    /// pool's stream (``LeadModel/TurnClaim``).
    public var pool: String?

    /// Makes a decision.
    ///
    /// - Parameters:
    ///   - owner: the rep or queue that gets the lead.
    ///   - router: the router's name (`"rules"`).
    ///   - trail: the reasons, in the order they were considered.
    ///   - flags: notable facts for the host; none by default.
    public init(owner: Owner, router: String, trail: [Reason] = [], flags: Set<RoutingFlag> = []) {
        self.init(owner: owner, router: router, trail: RoutingTrail(trail), flags: flags)
    }

    /// Makes a decision with a trail already built.
    ///
    /// - Parameters:
    ///   - owner: the rep or queue that gets the lead.
    ///   - router: the router's name.
    ///   - trail: the trail.
    ///   - flags: notable facts for the host.
    public init(owner: Owner, router: String, trail: RoutingTrail, flags: Set<RoutingFlag> = []) {
        self.owner = owner
        self.router = router
        self.trail = trail
        self.flags = flags
        pool = nil
    }
}
