import Feedback
import Foundation
import LeadModel
import Routing

/// Sales' verdicts and what follows them: dispositions (with a recycle's move), disputes of a
/// rejection and their rulings, and the re-qualification of recycled leads whose trigger fired.
///
/// Pure: reads the projections and the policies, plans events in a ``Planner`` (whose `now` it
/// uses), or throws.
struct FeedbackCommands {
    let projections: EngineProjections
    let policies: EnginePolicies

    /// Plans a checked disposition on a live lead (see
    /// ``AlignmentEngine/recordDisposition(_:on:by:)``).
    ///
    /// - Throws: `FeedbackError` from the feedback policy's checks; ``LeadModel/LeadModelError``
    ///   `unknownLead`, `leadMerged`, `leadErased`, `transitionNotAllowed`.
    func recordDisposition(_ disposition: Disposition, on id: LeadID, by actor: EventActor, in planner: inout Planner)
        throws
    {
        let state = try projections.liveState(of: id)
        try planDisposition(disposition, on: state, by: actor, in: &planner)
    }

    /// Plans a checked disposition and, for a recycle, the move to the recycle stage.
    func planDisposition(
        _ disposition: Disposition, on state: LeadState, by actor: EventActor, in planner: inout Planner
    ) throws {
        let id = state.id
        let policy = policies.playbook.feedback
        let checked = try policy.check(
            disposition, on: state, reasonCodes: policies.playbook.reasonCodes,
            opportunityConflict: opportunityConflict(for: state), now: planner.now)
        if disposition.outcome == .recycled, state.stage != policy.recycleStage {
            try policies.playbook.stages.graph.checkMove(of: id, from: state.stage, to: policy.recycleStage)
        }
        planner.add(
            id, .dispositionRecorded(checked.disposition), by: actor, reasons: checked.reasons, decision: true)
        stopDispositionClocks(of: state, in: &planner)
        if disposition.outcome == .recycled, state.stage != policy.recycleStage {
            planner.add(
                id, .stageChanged(StageChange(from: state.stage, to: policy.recycleStage)), by: actor,
                reasons: [
                    Reason(
                        rule: "recycle",
                        detail: "recycled by sales (\(disposition.reasonCode ?? "no reason")); back to nurture")
                ], decision: true)
        }
    }

    /// A verdict stops the lead's disposition clocks: met when in time, breached when late.
    private func stopDispositionClocks(of state: LeadState, in planner: inout Planner) {
        let now = planner.now
        for clock in state.openClocks.values.sorted(by: { $0.id.rawValue < $1.id.rawValue })
        where clock.id.isDisposition {
            let timing = "verdict at \(now.formatted(.iso8601)), deadline \(clock.deadline.formatted(.iso8601))"
            if now <= clock.deadline {
                planner.add(
                    state.id, .slaMet(clock.id), by: .system,
                    reasons: [Reason(rule: "sla:\(clock.tier)", detail: "disposition in time: \(timing)")],
                    decision: true)
            } else if !state.breachedClocks.contains(clock.id) {
                planner.add(
                    state.id, .slaBreached(clock.id), by: .system,
                    reasons: [Reason(rule: "sla:\(clock.tier)", detail: "disposition late: \(timing)")],
                    decision: true)
            }
        }
    }

    /// Whether another lead of the lead's account is in an active opportunity.
    func opportunityConflict(for state: LeadState) -> Bool {
        guard let account = state.lead.accountID, let active = projections.routingLedger.activeOpportunity(on: account)
        else {
            return false
        }
        return active.lead != state.id
    }

    /// Plans marketing's dispute of a rejection (see
    /// ``AlignmentEngine/disputeRejection(of:reason:by:)``).
    ///
    /// - Throws: `FeedbackError` `notRejected`, `alreadyDisputed`, `missingText`;
    ///   ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`.
    func disputeRejection(of id: LeadID, reason: String, by raisedBy: String, in planner: inout Planner) throws {
        let state = try projections.liveState(of: id)
        guard let rejection = state.disposition, rejection.outcome == .rejected else {
            throw FeedbackError(
                .notRejected, leadID: id, allowedCodes: [],
                message: "only a rejection can be disputed; the latest disposition is "
                    + (state.disposition.map { "'\($0.outcome.rawValue)'" } ?? "none"))
        }
        if let dispute = state.feedback.dispute {
            throw FeedbackError(
                .alreadyDisputed, leadID: id, allowedCodes: [],
                message: "this rejection was already disputed by \(dispute.raisedBy) (\(dispute.state.rawValue))")
        }
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw FeedbackError(
                .missingText, leadID: id, allowedCodes: [], message: "a dispute needs a reason of one sentence")
        }
        planner.add(
            id, .disputeRaised(Dispute(raisedBy: raisedBy, reason: reason)), by: .person(raisedBy),
            reasons: [
                Reason(
                    rule: "dispute",
                    detail: "disputes the rejection \(rejection.reasonCode.map { "'\($0)'" } ?? "")"
                        + (rejection.failedRules.isEmpty
                            ? "" : " citing \(rejection.failedRules.joined(separator: ", "))"))
            ])
    }

    /// Plans an arbiter's ruling on an open dispute (see
    /// ``AlignmentEngine/resolveDispute(of:_:by:note:)``).
    ///
    /// - Throws: `FeedbackError` `noOpenDispute`; ``LeadModel/LeadModelError`` `unknownLead`,
    ///   `leadMerged`, `leadErased`.
    func resolveDispute(
        of id: LeadID, _ verdict: DisputeResolution.Verdict, by arbiter: String, note: String?,
        in planner: inout Planner
    ) throws {
        let state = try projections.liveState(of: id)
        guard let dispute = state.feedback.dispute, dispute.state == .open else {
            throw FeedbackError(
                .noOpenDispute, leadID: id, allowedCodes: [],
                message: state.feedback.dispute.map { "the dispute was already \($0.state.rawValue)" }
                    ?? "the lead has no open dispute; raise one with `accord feedback dispute`")
        }
        let code = state.disposition?.reasonCode.map { "'\($0)'" } ?? ""
        planner.add(
            id, .disputeResolved(DisputeResolution(verdict: verdict, by: arbiter, note: note)),
            by: .person(arbiter),
            reasons: [
                Reason(
                    rule: "dispute:\(verdict.rawValue)",
                    detail: verdict == .upheld
                        ? "the rejection \(code) stands" : "the rejection \(code) is withdrawn; handoff restored")
            ], decision: true)
        if verdict == .overturned { restoreHandoff(id, in: &planner) }
    }

    /// Moves an overturned lead back to the handoff stage and its owner, with a new clock.
    private func restoreHandoff(_ id: LeadID, in planner: inout Planner) {
        guard let state = planner.state(id) else { return }
        let handoff = policies.playbook.stages.handoff
        if state.stage != handoff, policies.playbook.stages.graph.allows(from: state.stage, to: handoff) {
            planner.add(
                id, .stageChanged(StageChange(from: state.stage, to: handoff)), by: .system,
                reasons: [Reason(rule: "dispute:overturned", detail: "back to sales")], decision: true)
        }
        if let owner = state.owner {
            planner.add(
                id, .assigned(Assignment(owner: owner, router: "dispute-overturned")), by: .system,
                reasons: [Reason(rule: "dispute:overturned", detail: "the lead returns to \(owner)")], decision: true)
            SLACommands(projections: projections, policies: policies).startClock(id, in: &planner)
        } else {
            AssignmentCommands(projections: projections, policies: policies).handOff(id, in: &planner)
        }
    }

    /// Plans the re-qualification of those of `candidates` that wait in the recycle stage and
    /// whose trigger fired at the planner's now.
    func requalify(_ candidates: [LeadID], in planner: inout Planner) {
        for id in candidates {
            guard let state = planner.state(id), let trigger = projections.pendingTrigger(of: state),
                let recycledAt = state.enteredAt(policies.playbook.feedback.recycleStage),
                let firing = trigger.firing(for: state, recycledAt: recycledAt, now: planner.now)
            else { continue }
            planRequalification(state, firing: firing, in: &planner)
        }
    }

    /// Plans the re-qualification: the fired trigger, the move to the handoff stage with the
    /// lead's feedback history, routing and a new clock. Skipped when the graph or a gate stops
    /// the move (the lead stays recycled and is checked again later).
    private func planRequalification(_ state: LeadState, firing: RequalifyTrigger.Firing, in planner: inout Planner) {
        let id = state.id
        let handoff = policies.playbook.stages.handoff
        guard policies.playbook.stages.graph.allows(from: state.stage, to: handoff),
            policies.playbook.stages.gates.missingFields(of: state.lead, entering: handoff).isEmpty
        else { return }
        let last = state.disposition
        let history =
            "recycled \(state.feedback.recycles) time\(state.feedback.recycles == 1 ? "" : "s")"
            + (last?.reasonCode.map { ", last for '\($0)'" } ?? "")
            + (last?.objections.isEmpty == false
                ? ", objections: \((last?.objections ?? []).joined(separator: ", "))" : "")
            + (state.owner.map { ", previously with \($0)" } ?? "")
        planner.add(
            id,
            .requalified(
                Requalification(trigger: firing.kind, detail: firing.detail, recycles: state.feedback.recycles)),
            by: .system, reasons: [Reason(rule: "requalify:\(firing.kind)", detail: firing.detail)], decision: true)
        planner.add(
            id, .stageChanged(StageChange(from: state.stage, to: handoff)), by: .system,
            reasons: [
                Reason(rule: "requalify:\(firing.kind)", detail: firing.detail),
                Reason(rule: "history", detail: history),
            ], decision: true)
        AssignmentCommands(projections: projections, policies: policies).handOff(id, in: &planner)
    }
}
