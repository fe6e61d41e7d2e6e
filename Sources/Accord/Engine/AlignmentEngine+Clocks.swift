import Foundation
public import LeadModel
public import Routing
import SLA

extension AlignmentEngine {
    /// Records every response-clock step that is due at the engine's `now`: warnings, breaches
    /// and the tiers' escalation steps, each with the calendar arithmetic as its reasons.
    ///
    /// Call it from a timer, a queue worker or a replay loop. Its cost follows what is due, not
    /// how many clocks are open. Clocks of leads that were merged or erased are left alone.
    /// It first hands off recycled leads whose re-qualify date was reached.
    ///
    /// - Returns: the number of events appended.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func tick() async throws -> Int {
        var appended = try await requalifyDue()
        // Each round records the next due step of each clock; a clock several steps behind (a
        // warning, its breach and an immediate escalation) needs several rounds.
        for _ in 0..<Self.maximumStepsPerTick {
            let round = try await tickRound()
            appended += round
            guard round > 0, let next = projections.monitor.nextDue, next <= configuration.now() else { break }
        }
        return appended
    }

    /// How many steps of one clock a single tick may record.
    static let maximumStepsPerTick = 16

    private func tickRound() async throws -> Int {
        let results = try await commit {
            var planner = makePlanner()
            for action in projections.monitor.due(at: planner.now) {
                guard let state = planner.state(action.leadID), state.mergedInto == nil, !state.isErased else {
                    continue
                }
                switch action.kind {
                case .warn:
                    planner.add(
                        action.leadID, .slaWarned(action.clockID), by: .system, reasons: action.reasons, decision: true)
                case .breach:
                    planner.add(
                        action.leadID, .slaBreached(action.clockID), by: .system, reasons: action.reasons,
                        decision: true)
                case .escalate(_, let step):
                    escalate(action, step: step, state: state, in: &planner)
                }
            }
            return planner.requests
        }
        return results.reduce(0) { $0 + $1.appendedCount }
    }

    /// When the next response-clock step falls due, if any clock is open: a host's `run` loop
    /// sleeps until then and calls ``tick()``.
    public var nextClockDue: Date? { projections.monitor.nextDue }
}

extension AlignmentEngine {
    /// Every open response clock, soonest deadline first, with the lead it runs for (leads that
    /// were merged or erased left out).
    public func openClocks() -> [(lead: LeadID, clock: SLAClock)] {
        var clocks: [(lead: LeadID, clock: SLAClock)] = []
        for state in projections.leads.values where state.mergedInto == nil && !state.isErased {
            for clock in state.openClocks.values { clocks.append((state.id, clock)) }
        }
        clocks.sort { lhs, rhs in
            lhs.clock.deadline == rhs.clock.deadline ? lhs.lead < rhs.lead : lhs.clock.deadline < rhs.clock.deadline
        }
        return clocks
    }

    /// Each rep's load, caps and availability now, as the router reports them
    /// (``Routing/LeadRouter/repStatuses(ledger:at:)``): every rep of the playbook's rules for the
    /// rule router; `nil` without a router or when the router does not track reps.
    public func repStatuses() -> [RepStatus]? {
        policies.router?.repStatuses(ledger: projections.routingLedger, at: configuration.now())
    }
}

extension AlignmentEngine {
    /// Records an escalation step and carries it out: `notify-manager` names the owner's manager
    /// as the notification's target, `reassign` routes the lead again without its owner,
    /// `return-to-pool` puts it in the queue of the pool it came from (the unassigned queue when it
    /// came from none). `warn-owner` only notifies.
    func escalate(
        _ action: SLADueAction, step: EscalationStep.Action, state: LeadState, in planner: inout Planner
    ) {
        let owner = state.owner?.repID
        let breached = projections.monitor.clock(action.clockID).map { [$0.clock] } ?? []
        let why = "clock \(action.clockID) of tier \(action.tier) breached"
        // The move a step makes, planned after the escalation event so the timeline reads
        // "escalated, then assigned".
        let move: ((inout Planner) -> Void)?
        switch step {
        case .warnOwner, .notifyManager:
            move = nil
        case .reassign:
            move = { planner in
                self.reassignThroughRouter(
                    action.leadID, excluding: owner.map { [$0] } ?? [],
                    reason: Reason(
                        rule: "sla-escalation:reassign", detail: "\(why); routed again without \(owner ?? "the queue")"),
                    by: .system, extraClocks: breached, in: &planner)
            }
        case .returnToPool:
            let queue = planner.ledger.pool(of: action.leadID) ?? playbook.routing?.unassignedQueue ?? "unassigned"
            move = { planner in
                self.returnToQueue(
                    action.leadID, queue: queue,
                    reason: Reason(
                        rule: "sla-escalation:return-to-pool", detail: "\(why); back to the queue \(queue)"),
                    extraClocks: breached, in: &planner)
            }
        }
        // The escalation names who was told (the owner, or their manager) or, for a step that
        // moves the lead, who received it: found by planning the move on a copy first.
        var target = state.owner
        if step == .notifyManager, let owner, let manager = manager(of: owner) { target = .rep(manager) }
        if let move {
            var probe = planner
            move(&probe)
            target = probe.state(action.leadID)?.owner
        }
        planner.add(
            action.leadID, .slaEscalated(SLAEscalation(clockID: action.clockID, step: step.rawValue, target: target)),
            by: .system, reasons: action.reasons, decision: true)
        move?(&planner)
    }
}
