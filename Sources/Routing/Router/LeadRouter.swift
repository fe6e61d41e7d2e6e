import LeadModel

/// Chooses an owner for a lead at handoff: the routing plugin point.
///
/// A router is a pure policy. Returning `nil` means "no opinion", so routers chain with
/// ``then(_:)``: an account-owner router first, then territory rules, then a round-robin pool.
public protocol LeadRouter: Sendable {
    /// The decision for the lead, or `nil` to pass to the next router.
    func route(_ input: RoutingInput) -> RoutingDecision?
}

extension LeadRouter {
    /// A router that asks this one first and `next` when this one passes.
    public func then(_ next: some LeadRouter) -> some LeadRouter {
        ChainedRouter(first: self, second: next)
    }
}

struct ChainedRouter<First: LeadRouter, Second: LeadRouter>: LeadRouter {
    let first: First
    let second: Second

    func route(_ input: RoutingInput) -> RoutingDecision? {
        first.route(input) ?? second.route(input)
    }
}
