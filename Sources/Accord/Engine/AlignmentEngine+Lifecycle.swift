import Feedback
import Foundation
public import LeadModel
import Routing
import SLA

extension AlignmentEngine {
    /// Moves a lead to another stage, checking the stage graph and the handoff gates.
    ///
    /// Entering the playbook's handoff stage routes the lead (when a router is configured) and
    /// starts its response clock (when an SLA policy is configured), in the same append.
    ///
    /// - Parameters:
    ///   - id: the lead.
    ///   - stage: the stage to enter.
    ///   - actor: who moved it.
    ///   - reasons: why, stored with the event (a score card, a meeting outcome).
    /// - Returns: the lead's state after the move.
    /// - Throws: ``LeadModel/LeadModelError`` — `transitionNotAllowed` or `unknownStage` from the stage
    ///   graph, `handoffGateFailed` naming every missing field, `unknownLead`, `leadMerged`,
    ///   `leadErased`; ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func changeStage(
        of id: LeadID, to stage: Stage, by actor: EventActor, reasons: [Reason] = []
    ) async throws -> LeadState {
        try await commitPlan { planner in
            try StageCommands(projections: projections, policies: policies).changeStage(
                of: id, to: stage, by: actor, reasons: reasons, in: &planner)
        }
        return try projections.state(of: id)
    }

    /// Assigns a lead by hand (a manager reassigns). Its running response clocks restart or keep
    /// their deadlines as their tiers say (``SLA/SLATier/onReassignment``); a lead without a clock gets
    /// one.
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func assign(_ id: LeadID, to owner: Owner, by actor: EventActor, reason: String)
        async throws -> LeadState
    {
        try await commitPlan { planner in
            try AssignmentCommands(projections: projections, policies: policies).assign(
                id, to: owner, by: actor, reason: reason, in: &planner)
        }
        return try projections.state(of: id)
    }

    /// Records a sales touch. Open first-touch clocks stop: met when the touch is on time,
    /// breached when it comes after the deadline. Disposition clocks run on until a verdict.
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func recordTouch(_ touch: Touch, on id: LeadID) async throws -> LeadState {
        try await commitPlan { planner in
            try SLACommands(projections: projections, policies: policies).recordTouch(touch, on: id, in: &planner)
        }
        return try projections.state(of: id)
    }

    /// Records sales' verdict on a lead, checked against the playbook's reason codes, objection
    /// tags, acceptance rules and recycle cap (see `FeedbackPolicy.check`).
    ///
    /// A recycle moves the lead to the playbook's recycle stage with its re-qualify trigger
    /// (the playbook's default when the disposition names none); the engine hands it off
    /// again when the trigger fires.
    ///
    /// - Throws: `FeedbackError` when the reason code is missing, unknown or not allowed, an
    ///   objection tag or cited acceptance rule is unknown, a rejected meeting cites no rule
    ///   (each error lists the allowed values), or the recycle cap is reached;
    ///   ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`, or
    ///   `transitionNotAllowed` when the stage graph forbids the recycle stage;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func recordDisposition(_ disposition: Disposition, on id: LeadID, by actor: EventActor)
        async throws -> LeadState
    {
        try await commitPlan { planner in
            try FeedbackCommands(projections: projections, policies: policies).recordDisposition(
                disposition, on: id, by: actor, in: &planner)
        }
        return try projections.state(of: id)
    }

    /// Merges one lead into another by hand (a data steward's clean-up). Both histories are
    /// kept; the absorbed lead accepts no new facts afterwards.
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`, or
    ///   `invalidValue` when both ids are the same lead; ``LeadModel/EventStoreError`` on write failure.
    @discardableResult
    public func merge(_ absorbed: LeadID, into survivor: LeadID, by actor: EventActor) async throws
        -> LeadState
    {
        try await commitPlan { planner in
            try CaptureCommands(projections: projections, policies: policies).merge(
                absorbed, into: survivor, by: actor, in: &planner)
        }
        return try projections.state(of: survivor)
    }

    /// Erases a person's personal data for good (right to be forgotten) and records the erasure.
    ///
    /// The whole person is erased: given a lead that was merged into another, the survivor and
    /// every lead merged into it are erased too, since merge records carry the absorbed data.
    ///
    /// The journal keeps the redacted facts, so the scoreboard's counts do not change.
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`; ``LeadModel/EventStoreError`` when the store cannot
    ///   rewrite its files.
    public func erase(_ id: LeadID, requestedBy: String, reference: String? = nil) async throws {
        try await catchUp()
        // Erase the whole person: the survivor holds a merged lead's data in its merge record.
        guard let root = survivor(of: id), let state = projections.leads[root] else {
            throw LeadModelError(.unknownLead, leadID: id, message: "no such lead in the journal")
        }
        var targets = [root]
        var pending = state.absorbed
        while let next = pending.popLast() {
            guard !targets.contains(next), let absorbed = projections.leads[next] else { continue }
            targets.append(next)
            pending += absorbed.absorbed
        }
        for target in targets where projections.leads[target]?.isErased == false {
            let record = LeadEvent(
                leadID: target, occurredAt: configuration.now(), actor: .person(requestedBy),
                payload: .erased(Erasure(requestedBy: requestedBy, reference: reference)))
            _ = try await store.erase(lead: target, recording: record)
        }
        // The stored events changed under the projections: fold the erased leads afresh.
        try await catchUp()
        for target in targets {
            projections.leads[target] = LeadState.fold(try await store.events(forLead: target))
            projections.forget(target)
            await publishErased(target)
        }
    }
}
