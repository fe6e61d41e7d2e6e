import Foundation
import LeadModel
import Routing
import SLA

/// Response clocks: starting them, carrying them over a reassignment, stopping first-touch
/// clocks on a touch, pausing and resuming, and the due steps (warnings, breaches, escalations)
/// a tick records.
///
/// Pure: reads the projections (the SLA monitor among them) and the policies, plans events in a
/// ``Planner`` (whose `now` it uses), or throws.
struct SLACommands {
    let projections: EngineProjections
    let policies: EnginePolicies

    /// Plans a new response clock (and a disposition clock when the policy sets one) for a lead.
    func startClock(_ id: LeadID, in planner: inout Planner) {
        guard let policy = policies.sla, let state = planner.state(id) else { return }
        let tier = state.lead.attributes[AlignmentEngine.tierAttribute]?.text
        guard let start = policy.clock(for: SLAInput(state: state, now: planner.now, qualificationTier: tier))
        else { return }
        let clock = SLAClock(
            id: SLAClockID(rawValue: "\(id)#\(state.version + 1)"), tier: start.tier,
            owner: state.owner, warnAt: start.warnAt, deadline: start.deadline)
        planner.add(id, .slaStarted(clock), by: .system, reasons: start.reasons, decision: true)
        let input = SLAInput(state: state, now: planner.now, qualificationTier: tier)
        if let deadline = policy.dispositionClock(for: input) {
            let disposition = SLAClock(
                id: clock.id.dispositionClockID, tier: deadline.tier, owner: state.owner, warnAt: nil,
                deadline: deadline.deadline)
            planner.add(id, .slaStarted(disposition), by: .system, reasons: deadline.reasons, decision: true)
        }
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
        let tier = after.lead.attributes[AlignmentEngine.tierAttribute]?.text
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

    /// Plans a sales touch and stops the lead's open first-touch clocks: met in time, breached
    /// late (see ``AlignmentEngine/recordTouch(_:on:)``).
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`;
    ///   `FeedbackError` for an unknown objection tag.
    func recordTouch(_ touch: Touch, on id: LeadID, in planner: inout Planner) throws {
        let state = try projections.liveState(of: id)
        try policies.playbook.feedback.checkObjections(touch.objections, for: id)
        planner.add(id, .touched(touch), by: .person(touch.by))
        let now = planner.now
        for clock in state.openClocks.values.sorted(by: { $0.id.rawValue < $1.id.rawValue })
        where !clock.id.isDisposition {
            let timing = "touched at \(now.formatted(.iso8601)), deadline \(clock.deadline.formatted(.iso8601))"
            // A paused clock has not run out, whatever its (not yet moved) deadline says.
            if now <= clock.deadline || projections.monitor.pausedSince(clock.id) != nil {
                planner.add(
                    id, .slaMet(clock.id), by: .system,
                    reasons: [Reason(rule: "sla:\(clock.tier)", detail: "met: \(timing)")], decision: true)
            } else if !state.breachedClocks.contains(clock.id) {
                planner.add(
                    id, .slaBreached(clock.id), by: .system,
                    reasons: [Reason(rule: "sla:\(clock.tier)", detail: "breached: \(timing)")], decision: true)
            }
        }
    }

    /// Plans the pause of a lead's running clocks (see
    /// ``AlignmentEngine/pauseClocks(of:reason:by:)``).
    ///
    /// - Returns: the clocks paused.
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`, or
    ///   `invalidValue` (no running clock, a clock past its deadline, no SLA policy, a refused
    ///   pause); ``SLA/SLAPolicyError`` `unsupported`.
    func pauseClocks(of id: LeadID, reason: String, by actor: EventActor, in planner: inout Planner) throws
        -> [SLAClockID]
    {
        let state = try projections.liveState(of: id)
        guard !state.openClocks.isEmpty else {
            throw LeadModelError(.invalidValue, leadID: id, message: "the lead has no running response clock")
        }
        var paused: [SLAClockID] = []
        for clock in state.openClocks.values.sorted(by: { $0.id.rawValue < $1.id.rawValue })
        where !clock.id.isDisposition && projections.monitor.pausedSince(clock.id) == nil {
            guard clock.deadline > planner.now else {
                throw LeadModelError(
                    .invalidValue, leadID: id,
                    message: "clock \(clock.id) is past its deadline; a breached clock cannot pause")
            }
            guard let policy = policies.sla else {
                throw LeadModelError(
                    .invalidValue, leadID: id,
                    message: "no SLA policy is configured, so clock \(clock.id) cannot pause")
            }
            try Self.checkPause(clock, of: id, policy: policy)
            planner.add(
                id, .slaPaused(SLAPause(clockID: clock.id, reason: reason)), by: actor,
                reasons: [Reason(rule: "sla-pause", detail: reason)], decision: true)
            paused.append(clock.id)
        }
        return paused
    }

    /// Asks the policy whether a clock may pause: a refusal is the lead's `invalidValue`.
    private static func checkPause(_ clock: SLAClock, of id: LeadID, policy: any SLAPolicy) throws {
        // A `Result` rather than a typed `catch`: this toolchain's SILGen crashed on the latter.
        if case .failure(let error) = Result(catching: { () throws(SLAPolicyError) in try policy.checkPause(clock) }) {
            guard error.code == .refused else { throw error }
            throw LeadModelError(.invalidValue, leadID: id, message: error.message)
        }
    }

    /// Plans the resumption of a lead's paused clocks, their deadlines moved as the policy says
    /// (see ``AlignmentEngine/resumeClocks(of:by:)``).
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`;
    ///   ``SLA/SLAPolicyError`` `unsupported`.
    func resumeClocks(of id: LeadID, by actor: EventActor, in planner: inout Planner) throws {
        let state = try projections.liveState(of: id)
        guard let policy = policies.sla else { return }
        for clock in state.openClocks.values.sorted(by: { $0.id.rawValue < $1.id.rawValue })
        where !clock.id.isDisposition {
            guard let since = projections.monitor.pausedSince(clock.id),
                let moved = try policy.resume(clock, pausedAt: since, resumedAt: planner.now)
            else { continue }
            planner.add(
                id,
                .slaResumed(
                    SLAResume(
                        clockID: clock.id, pausedFor: moved.pausedFor, warnAt: moved.warnAt,
                        deadline: moved.deadline)),
                by: actor, reasons: moved.reasons, decision: true)
        }
    }

    /// Plans the next due step of each clock the monitor has due at the planner's now:
    /// warnings, breaches and escalations. Clocks of merged or erased leads are left alone.
    func planDueSteps(in planner: inout Planner) {
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
                    action.leadID, .slaBreached(action.clockID), by: .system, reasons: action.reasons, decision: true)
            case .escalate(_, let step):
                escalate(action, step: step, state: state, in: &planner)
            }
        }
    }

    /// Records an escalation step and carries it out: `notify-manager` names the owner's manager
    /// as the notification's target, `reassign` routes the lead again without its owner,
    /// `return-to-pool` puts it in the queue of the pool it came from (the unassigned queue when it
    /// came from none). `warn-owner` only notifies.
    func escalate(
        _ action: SLADueAction, step: EscalationStep.Action, state: LeadState, in planner: inout Planner
    ) {
        let assignment = AssignmentCommands(projections: projections, policies: policies)
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
                assignment.reassignThroughRouter(
                    action.leadID, excluding: owner.map { [$0] } ?? [],
                    reason: Reason(
                        rule: "sla-escalation:reassign", detail: "\(why); routed again without \(owner ?? "the queue")"),
                    by: .system, extraClocks: breached, in: &planner)
            }
        case .returnToPool:
            let queue =
                planner.ledger.pool(of: action.leadID) ?? policies.playbook.routing?.unassignedQueue ?? "unassigned"
            move = { planner in
                assignment.returnToQueue(
                    action.leadID, queue: queue,
                    reason: Reason(
                        rule: "sla-escalation:return-to-pool", detail: "\(why); back to the queue \(queue)"),
                    extraClocks: breached, in: &planner)
            }
        }
        // The escalation names who was told (the owner, or their manager) or, for a step that
        // moves the lead, who received it: found by planning the move on a copy first.
        var target = state.owner
        if step == .notifyManager, let owner, let manager = assignment.manager(of: owner) { target = .rep(manager) }
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
