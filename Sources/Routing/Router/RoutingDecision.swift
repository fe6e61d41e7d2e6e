public import LeadModel

/// Where a lead goes and the trail that explains why.
public struct RoutingDecision: Hashable, Sendable {
    /// The rep or queue that gets the lead.
    public var owner: Owner
    /// The router that decided, recorded on the assignment.
    public var router: String
    /// Every rule considered and candidate skipped, in order, with why.
    public var trail: [Reason]

    public init(owner: Owner, router: String, trail: [Reason] = []) {
        self.owner = owner
        self.router = router
        self.trail = trail
    }
}
