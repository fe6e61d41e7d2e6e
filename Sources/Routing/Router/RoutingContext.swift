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
    /// Reps who must not get the lead: the owner it is being taken from (an SLA escalation, a
    /// manual reroute) or a rep who left. Account ownership by an excluded rep is passed over.
    public var excludedReps: Set<String>
    /// The first-touch clock the lead would get if assigned now, when the engine's SLA policy
    /// gives it one: what ``OwnerAwayPolicy`` protects.
    public var firstTouch: FirstTouchTarget?

    /// Makes a context.
    ///
    /// - Parameters:
    ///   - ledger: the fold of the journal; empty by default (no loads, fresh rotations).
    ///   - slaTier: the lead's SLA tier, if the engine knows it.
    ///   - excludedReps: reps who must not get the lead; none by default.
    ///   - firstTouch: the first-touch clock the lead would get if assigned now; none by default.
    public init(
        ledger: RoutingLedger = RoutingLedger(), slaTier: String? = nil, excludedReps: Set<String> = [],
        firstTouch: FirstTouchTarget? = nil
    ) {
        self.ledger = ledger
        self.slaTier = slaTier
        self.excludedReps = excludedReps
        self.firstTouch = firstTouch
    }
}
