import Foundation
import LeadModel
import Routing
import SLA

/// Who owns a lead: routing at handoff, manual assignment, rerouting without the current owner,
/// a rep leaving, a move to a queue — each with its routing claims and the clocks the SLA tiers
/// ask for.
///
/// Pure: reads the projections and the policies, plans events in a ``Planner`` (whose `now` and
/// routing ledger it uses), or throws.
struct AssignmentCommands {
    let projections: EngineProjections
    let policies: EnginePolicies

    private var clocks: SLACommands { SLACommands(projections: projections, policies: policies) }

    /// Plans a manual assignment; the lead's clocks follow (see
    /// ``AlignmentEngine/assign(_:to:by:reason:)``).
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`.
    func assign(_ id: LeadID, to owner: Owner, by actor: EventActor, reason: String, in planner: inout Planner)
        throws
    {
        let before = try projections.liveState(of: id)
        planner.add(
            id, .assigned(Assignment(owner: owner, router: "manual")), by: actor,
            reasons: [Reason(rule: "manual", detail: reason)])
        clocks.carryClocks(id, from: before, extra: [], in: &planner)
    }

    /// Plans a reroute without the lead's current owner (see
    /// ``AlignmentEngine/reroute(_:by:reason:)``).
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`.
    func reroute(_ id: LeadID, by actor: EventActor, reason: String, in planner: inout Planner) throws {
        let state = try projections.liveState(of: id)
        let excluded: Set<String> = state.owner.flatMap(\.repID).map { [$0] } ?? []
        reassignThroughRouter(
            id, excluding: excluded, reason: Reason(rule: "reassign:manual", detail: reason), by: actor,
            in: &planner)
    }

    /// Plans the rerouting of every open lead a departing rep owns.
    ///
    /// - Returns: the leads planned for rerouting, in the ledger's order.
    func repLeft(_ rep: String, by actor: EventActor, reason: String, in planner: inout Planner) -> [LeadID] {
        let moved = projections.routingLedger.openLeadIDs(of: rep).filter { id in
            guard let state = projections.leads[id] else { return false }
            return state.mergedInto == nil && !state.isErased
        }
        for id in moved {
            reassignThroughRouter(
                id, excluding: [rep], reason: Reason(rule: "reassign:rep-left", detail: "\(rep) left: \(reason)"),
                by: actor, in: &planner)
        }
        return moved
    }

    /// Routes a lead entering the handoff stage and starts its clock.
    func handOff(_ id: LeadID, in planner: inout Planner) {
        guard let router = policies.router, let state = planner.state(id) else { return }
        let tier = state.lead.attributes[AlignmentEngine.tierAttribute]?.text
        // The clock the lead would get if assigned now: what routing protects when an account
        // owner is away.
        let firstTouch = policies.sla?.clock(for: SLAInput(state: state, now: planner.now, qualificationTier: tier))
        let context = RoutingContext(
            ledger: planner.ledger, slaTier: tier,
            firstTouch: firstTouch.map { FirstTouchTarget(tier: $0.tier, deadline: $0.deadline) })
        let input = RoutingInput(
            state: state, now: planner.now, playbookVersion: policies.playbook.version, context: context)
        guard let decision = router.route(input) else { return }
        planner.add(
            id, .assigned(Assignment(owner: decision.owner, router: decision.router)), by: .system,
            reasons: decision.trail.reasons, decision: true)
        claimTurn(of: decision, for: id, in: &planner)
        clocks.startClock(id, in: &planner)
    }

    /// Plans a reassignment through the router without the excluded reps (to the unassigned
    /// queue when there is no router), with the routing claims and the clocks the tiers ask for.
    ///
    /// - Parameters:
    ///   - extraClocks: breached clocks of the lead that should follow the tier's reassignment
    ///     rule too (an escalation reassigns after the breach).
    func reassignThroughRouter(
        _ id: LeadID, excluding excluded: Set<String>, reason: Reason, by actor: EventActor,
        extraClocks: [SLAClock] = [], in planner: inout Planner
    ) {
        guard let before = planner.state(id) else { return }
        guard let router = policies.router else {
            planner.add(
                id, .assigned(Assignment(owner: .queue("unassigned"), router: "manual")), by: actor, reasons: [reason])
            return
        }
        let context = RoutingContext(
            ledger: planner.ledger, slaTier: before.lead.attributes[AlignmentEngine.tierAttribute]?.text,
            excludedReps: excluded)
        let input = RoutingInput(
            state: before, now: planner.now, playbookVersion: policies.playbook.version, context: context)
        // Routing again to the same owner (a queue nobody can take it from yet) moves nothing.
        guard let decision = router.route(input), decision.owner != before.owner else { return }
        planner.add(
            id, .assigned(Assignment(owner: decision.owner, router: decision.router)), by: actor,
            reasons: [reason] + decision.trail.reasons, decision: true)
        claimTurn(of: decision, for: id, in: &planner)
        clocks.carryClocks(id, from: before, extra: extraClocks, in: &planner)
    }

    /// Plans a move to a queue (the escalation ladder's `return-to-pool`), with the clocks the
    /// tiers ask for.
    func returnToQueue(
        _ id: LeadID, queue: String, reason: Reason, extraClocks: [SLAClock], in planner: inout Planner
    ) {
        guard let before = planner.state(id) else { return }
        planner.add(
            id, .assigned(Assignment(owner: .queue(queue), router: "sla-escalation")), by: .system,
            reasons: [reason], decision: true)
        clocks.carryClocks(id, from: before, extra: extraClocks, in: &planner)
    }

    /// Claims a routed turn on the pool's and the rep's claim streams.
    func claimTurn(of decision: RoutingDecision, for id: LeadID, in planner: inout Planner) {
        guard case .rep(let rep) = decision.owner else { return }
        if let pool = decision.pool {
            planner.claim(TurnClaim.stream(pool: pool), TurnClaim(lead: id, rep: rep, pool: pool))
        }
        planner.claim(TurnClaim.stream(rep: rep), TurnClaim(lead: id, rep: rep, pool: decision.pool))
    }

    /// The manager the playbook's routing names for a rep, if any.
    func manager(of rep: String) -> String? {
        policies.playbook.routing?.reps.first { $0.id == rep }?.manager
    }
}

extension Owner {
    /// The rep's id when the owner is a rep.
    var repID: String? {
        if case .rep(let id) = self { return id }
        return nil
    }
}
