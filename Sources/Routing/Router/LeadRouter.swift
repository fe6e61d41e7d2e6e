import Foundation
import LeadModel

/// Chooses an owner for a lead at handoff: the routing plugin point.
///
/// A router is a pure policy. Returning `nil` means "no opinion", so routers chain with
/// ``then(_:)``: an account-owner router first, then territory rules, then a round-robin pool.
///
/// Only ``route(_:)`` is required. A router that tracks reps also answers
/// ``repStatuses(ledger:at:)`` (the engine's `repStatuses()`, `accord reps` and the report page's
/// rep load read it); the default answers `nil`, "this router does not track reps". The
/// `PolicyConformance` library runs the engine's routing scenarios against any router.
public protocol LeadRouter: Sendable {
    /// The decision for the lead, or `nil` to pass to the next router.
    ///
    /// - Parameter input: the lead, its context and the loads folded from the journal.
    /// - Returns: the decision, or `nil` for no opinion.
    func route(_ input: RoutingInput) -> RoutingDecision?

    /// Each rep the router assigns to, with their load, caps and availability at `now`, or `nil`
    /// when the router does not track reps — the default.
    ///
    /// Judge loads from `ledger` (the engine folds it from the journal: open leads and new leads
    /// per rep), not from state of your own, so that every engine sharing a journal answers alike.
    ///
    /// - Parameters:
    ///   - ledger: the loads folded from the journal.
    ///   - now: the instant to judge availability at.
    /// - Returns: one status per rep, in the router's own order, or `nil`.
    func repStatuses(ledger: RoutingLedger, at now: Date) -> [RepStatus]?
}

extension LeadRouter {
    /// No rep statuses: the router does not track reps.
    public func repStatuses(ledger: RoutingLedger, at now: Date) -> [RepStatus]? { nil }

    /// A router that asks this one first and `next` when this one passes.
    ///
    /// Its rep statuses are this router's followed by those of `next` that this one does not list
    /// (the first answer for a rep wins), or `nil` when neither tracks reps.
    ///
    /// - Parameter next: the router asked when this one has no opinion.
    /// - Returns: the chained router.
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

    func repStatuses(ledger: RoutingLedger, at now: Date) -> [RepStatus]? {
        let head = first.repStatuses(ledger: ledger, at: now)
        guard let tail = second.repStatuses(ledger: ledger, at: now) else { return head }
        var all = head ?? []
        var listed = Set(all.map(\.rep))
        for status in tail where listed.insert(status.rep).inserted { all.append(status) }
        return all
    }
}
