import Foundation
public import LeadModel
import Routing
import SLA

extension AlignmentEngine {
    /// Routes a lead again through the router, never back to its current owner: a manager's
    /// "give this to someone else".
    ///
    /// The new `assigned` event carries the reason and the router's full trail (the current owner
    /// is skipped as `excluded`); the lead's response clocks restart or keep their deadlines as
    /// their tiers say.
    ///
    /// ```swift
    /// try await engine.reroute("L0000042", by: .person("mia"), reason: "ana is on a customer visit")
    /// ```
    ///
    /// - Parameters:
    ///   - id: the lead.
    ///   - actor: who asked.
    ///   - reason: why, stored with the assignment.
    /// - Returns: the lead's state after the move.
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func reroute(_ id: LeadID, by actor: EventActor, reason: String) async throws -> LeadState {
        try await commit {
            var planner = makePlanner()
            let state = try projections.liveState(of: id)
            let excluded: Set<String> = state.owner.flatMap(\.repID).map { [$0] } ?? []
            reassignThroughRouter(
                id, excluding: excluded, reason: Reason(rule: "reassign:manual", detail: reason), by: actor,
                in: &planner)
            return planner.requests
        }
        return projections.leads[id]!
    }

    /// A rep leaves (or goes on long leave): every open lead they own is routed again without
    /// them, each as an `assigned` event with the reason and the routing trail. Loads follow:
    /// the leads count against their new owners from then on.
    ///
    /// Remove the rep from the playbook's reps (or mark them out of office) as well, so new
    /// handoffs skip them too.
    ///
    /// - Parameters:
    ///   - rep: the rep's id.
    ///   - actor: who recorded the departure.
    ///   - reason: why, stored with every reassignment (`"left the company"`).
    /// - Returns: each moved lead with its new owner, in lead order.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func repLeft(_ rep: String, by actor: EventActor, reason: String) async throws -> [(LeadID, Owner)] {
        var moved: [LeadID] = []
        try await commit {
            var planner = makePlanner()
            moved = projections.routingLedger.openLeadIDs(of: rep).filter { id in
                guard let state = projections.leads[id] else { return false }
                return state.mergedInto == nil && !state.isErased
            }
            for id in moved {
                reassignThroughRouter(
                    id, excluding: [rep], reason: Reason(rule: "reassign:rep-left", detail: "\(rep) left: \(reason)"),
                    by: actor, in: &planner)
            }
            return planner.requests
        }
        return moved.compactMap { id in projections.leads[id]?.owner.map { (id, $0) } }
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
            ledger: planner.ledger, slaTier: before.lead.attributes[Self.tierAttribute]?.text, excludedReps: excluded)
        let input = RoutingInput(state: before, now: planner.now, playbookVersion: playbook.version, context: context)
        // Routing again to the same owner (a queue nobody can take it from yet) moves nothing.
        guard let decision = router.route(input), decision.owner != before.owner else { return }
        planner.add(
            id, .assigned(Assignment(owner: decision.owner, router: decision.router)), by: actor,
            reasons: [reason] + decision.trail.reasons, decision: true)
        claimTurn(of: decision, for: id, in: &planner)
        carryClocks(id, from: before, extra: extraClocks, in: &planner)
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
        carryClocks(id, from: before, extra: extraClocks, in: &planner)
    }

    /// Claims a routed turn on the pool's and the rep's claim streams.
    func claimTurn(of decision: RoutingDecision, for id: LeadID, in planner: inout Planner) {
        guard case .rep(let rep) = decision.owner else { return }
        if let pool = decision.pool {
            planner.claim(TurnClaim.stream(pool: pool), TurnClaim(lead: id, rep: rep, pool: pool))
        }
        planner.claim(TurnClaim.stream(rep: rep), TurnClaim(lead: id, rep: rep, pool: decision.pool))
    }

    /// After a reassignment: each running clock (and each of `extra`) restarts for the new owner
    /// when the policy says so (``SLA/SLAPolicy/reassigned(_:input:)``: the tier's `restart`), and
    /// keeps its deadline otherwise. A lead that had no clock at all gets one, as on a first
    /// assignment.
    func carryClocks(_ id: LeadID, from before: LeadState, extra: [SLAClock], in planner: inout Planner) {
        var clocks = before.openClocks.values.sorted { $0.id.rawValue < $1.id.rawValue }
        for clock in extra where before.openClocks[clock.id] == nil { clocks.append(clock) }
        if clocks.isEmpty {
            if before.breachedClocks.isEmpty { startClock(id, in: &planner) }
            return
        }
        guard let policy = policies.sla, let after = planner.state(id) else { return }
        let tier = after.lead.attributes[Self.tierAttribute]?.text
        // A disposition deadline stays with the lead: the verdict is owed whoever owns it.
        for clock in clocks where !clock.id.isDisposition {
            let input = SLAInput(state: after, now: planner.now, qualificationTier: tier)
            guard let restart = policy.reassigned(clock, input: input) else { continue }
            let restarted = SLAClock(
                id: clock.id, tier: restart.tier, owner: after.owner, warnAt: restart.warnAt,
                deadline: restart.deadline)
            planner.add(id, .slaStarted(restarted), by: .system, reasons: restart.reasons, decision: true)
        }
    }

    /// The manager the playbook's routing names for a rep, if any.
    func manager(of rep: String) -> String? {
        playbook.routing?.reps.first { $0.id == rep }?.manager
    }
}

extension Owner {
    /// The rep's id when the owner is a rep.
    var repID: String? {
        if case .rep(let id) = self { return id }
        return nil
    }
}
