/// What a router knows beyond the lead itself: the journal's view of reps, pools and accounts,
/// and facts about this handoff that other policies decided.
///
/// Routers keep no state of their own. The engine folds the journal into a ``RoutingLedger``
/// (rep loads, round-robin positions, account owners, active opportunities) and passes a copy
/// in every ``RoutingInput``, so a replay of the same journal gives the same decisions.
///
/// ```swift
/// var ledger = RoutingLedger(rules: playbook.routing)
/// for try await event in store.events(from: .start) { ledger.apply(event) }
/// let input = RoutingInput(state: state, now: now, context: RoutingContext(ledger: ledger, slaTier: "hot"))
/// ```
public struct RoutingContext: Hashable, Sendable {
    /// Loads, rotations and accounts folded from the journal.
    public var ledger: RoutingLedger
    /// The SLA tier the engine's SLA policy gives this lead (`"hot"`, `"standard"`), which rules
    /// may match with the field `slaTier`.
    public var slaTier: String?

    /// Makes a context.
    ///
    /// - Parameters:
    ///   - ledger: the fold of the journal; empty by default (no loads, fresh rotations).
    ///   - slaTier: the lead's SLA tier, if the engine knows it.
    public init(ledger: RoutingLedger = RoutingLedger(), slaTier: String? = nil) {
        self.ledger = ledger
        self.slaTier = slaTier
    }
}
