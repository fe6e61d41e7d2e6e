public import Feedback
import Foundation
public import LeadModel
import Routing

extension AlignmentEngine {
    // MARK: Dispositions

    /// Plans a checked disposition and, for a recycle, the move to the recycle stage.
    func planDisposition(
        _ disposition: Disposition, on state: LeadState, by actor: EventActor, in planner: inout Planner
    ) throws {
        let id = state.id
        let policy = playbook.feedback
        let checked = try policy.check(
            disposition, on: state, reasonCodes: playbook.reasonCodes,
            opportunityConflict: opportunityConflict(for: state), now: planner.now)
        if disposition.outcome == .recycled, state.stage != policy.recycleStage {
            try playbook.stages.graph.checkMove(of: id, from: state.stage, to: policy.recycleStage)
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

    // MARK: Disputes

    /// Marketing disputes sales' rejection of a lead; an arbiter then rules with
    /// ``resolveDispute(of:_:by:note:)``.
    ///
    /// A rejection can be disputed once; a new disposition starts afresh.
    ///
    /// ```swift
    /// try await engine.disputeRejection(of: "L0000042", reason: "the title says CFO", by: "maria")
    /// ```
    ///
    /// - Parameters:
    ///   - id: the rejected lead.
    ///   - reason: why the rejection is wrong, in one sentence.
    ///   - raisedBy: the marketer.
    /// - Returns: the lead's state, its ``LeadModel/LeadState/feedback`` showing the open dispute.
    /// - Throws: `FeedbackError` `notRejected` (the latest disposition is not a rejection),
    ///   `alreadyDisputed`, `missingText` (an empty reason); ``LeadModel/LeadModelError`` `unknownLead`,
    ///   `leadMerged`, `leadErased`; ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func disputeRejection(of id: LeadID, reason: String, by raisedBy: String) async throws -> LeadState {
        try await commit {
            var planner = makePlanner()
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
            return planner.requests
        }
        return projections.leads[id]!
    }

    /// An arbiter rules on an open dispute. Upheld, the rejection stands; overturned, the
    /// rejection is withdrawn and the handoff restored: the lead returns to the handoff stage
    /// (when it left it), to the owner it had, with a new response clock.
    ///
    /// ```swift
    /// try await engine.resolveDispute(of: "L0000042", .overturned, by: "head-of-revenue")
    /// ```
    ///
    /// - Returns: the lead's state.
    /// - Throws: `FeedbackError` `noOpenDispute`; ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`,
    ///   `leadErased`; ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func resolveDispute(
        of id: LeadID, _ verdict: DisputeResolution.Verdict, by arbiter: String, note: String? = nil
    ) async throws -> LeadState {
        try await commit {
            var planner = makePlanner()
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
            return planner.requests
        }
        return projections.leads[id]!
    }

    /// Moves an overturned lead back to the handoff stage and its owner, with a new clock.
    private func restoreHandoff(_ id: LeadID, in planner: inout Planner) {
        guard let state = planner.state(id) else { return }
        let handoff = playbook.stages.handoff
        if state.stage != handoff, playbook.stages.graph.allows(from: state.stage, to: handoff) {
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

    // MARK: Re-qualification

    /// Hands off every recycled lead whose re-qualify trigger fired as of the engine's now:
    /// a new signal, a fresh score at the threshold, or the date reached.
    ///
    /// The engine already checks signals and scores right after recording them, and dates on
    /// ``tick()``; call this after changing the clock by hand or to re-check every waiting lead
    /// (a signal recorded with a future `occurredAt` counts once the clock reaches it).
    ///
    /// - Returns: the number of events appended.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func requalifyRecycled() async throws -> Int {
        try await catchUp()
        if projections.recycledIndex == nil { projections.buildRecycledIndex() }
        guard let pending = projections.recycledIndex, !pending.isEmpty else { return 0 }
        return try await requalify(pending.keys.sorted())
    }

    /// Hands off the recycled leads whose re-qualify date was reached: what ``tick()`` checks,
    /// at a cost that follows the waiting leads' dates, not their signals.
    func requalifyDue() async throws -> Int {
        try await catchUp()
        if projections.recycledIndex == nil { projections.buildRecycledIndex() }
        let now = configuration.now()
        guard let pending = projections.recycledIndex, !pending.isEmpty else { return 0 }
        let due = pending.compactMap { id, date in date.flatMap { $0 <= now ? id : nil } }
        guard !due.isEmpty else { return 0 }
        return try await requalify(due.sorted())
    }

    /// Re-qualifies those of `ids` that are recycled and whose trigger fired.
    func requalify(_ ids: [LeadID]) async throws -> Int {
        if projections.recycledIndex == nil { projections.buildRecycledIndex() }
        guard let pending = projections.recycledIndex, !pending.isEmpty else { return 0 }
        let candidates = ids.filter { pending[$0] != nil }
        guard !candidates.isEmpty else { return 0 }
        let results = try await commit {
            var planner = makePlanner()
            for id in candidates {
                guard let state = planner.state(id), let trigger = projections.pendingTrigger(of: state),
                    let recycledAt = state.enteredAt(playbook.feedback.recycleStage),
                    let firing = trigger.firing(for: state, recycledAt: recycledAt, now: planner.now)
                else { continue }
                planRequalification(state, firing: firing, in: &planner)
            }
            return planner.requests
        }
        return results.reduce(0) { $0 + $1.appendedCount }
    }

    /// Plans the re-qualification: the fired trigger, the move to the handoff stage with the
    /// lead's feedback history, routing and a new clock. Skipped when the graph or a gate stops
    /// the move (the lead stays recycled and is checked again later).
    private func planRequalification(_ state: LeadState, firing: RequalifyTrigger.Firing, in planner: inout Planner) {
        let id = state.id
        let handoff = playbook.stages.handoff
        guard playbook.stages.graph.allows(from: state.stage, to: handoff),
            playbook.stages.gates.missingFields(of: state.lead, entering: handoff).isEmpty
        else { return }
        let last = state.disposition
        let history =
            "recycled \(state.feedback.recycles) time\(state.feedback.recycles == 1 ? "" : "s")"
            + (last?.reasonCode.map { ", last for '\($0)'" } ?? "")
            + (last?.objections.isEmpty == false ? ", objections: \(last!.objections.joined(separator: ", "))" : "")
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

extension AlignmentEngine {
    /// The journal folded for the feedback analytics: rejection reports, the funnel leaks,
    /// objection reports, rule calibration and training sets all read it.
    ///
    /// ```swift
    /// let facts = try await engine.feedbackFacts()
    /// print(FunnelLeaks(facts).summary.joined(separator: "\n"))
    /// ```
    ///
    /// - Parameter convertedStages: the stages that make a lead converted (default: the
    ///   opportunity and won stages, when the stage graph has them).
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func feedbackFacts(convertedStages: Set<Stage>? = nil) async throws -> FeedbackFacts {
        let graph = playbook.stages.graph
        var facts = FeedbackFacts(convertedStages: convertedStages ?? Set([.opportunity, .won].filter(graph.contains)))
        for try await event in store.events(from: .start, pageSize: 8192) { facts.apply(event) }
        return facts
    }
}
