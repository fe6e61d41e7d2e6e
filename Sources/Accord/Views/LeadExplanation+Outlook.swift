import Foundation
import LeadModel
import Scoring

extension LeadExplanation {
    /// Adds what the playbook makes of the lead now: for a lead qualification could still move,
    /// what each rule lacks (``qualification``, from `QualificationPolicy.outlook`, the lead
    /// scored afresh by `scorer` when there is one, so decay to date counts); for a lead at or
    /// past the handoff stage without an owner, why (``unassigned``).
    ///
    /// ``AlignmentEngine/explanation(of:)`` calls it with the engine's own policies; a host that
    /// explains from a store alone (as `accord lead explain` does) passes those it resolved.
    ///
    /// - Parameters:
    ///   - state: the lead's current state.
    ///   - playbook: the playbook in force.
    ///   - scorer: the scorer the engine uses, if any.
    ///   - routed: whether a router places handed-off leads.
    ///   - now: the time of the question.
    public mutating func addOutlook(
        of state: LeadState, playbook: Playbook, scorer: (any LeadScorer)?, routed: Bool, now: Date
    ) {
        if let policy = playbook.qualification {
            let graph = playbook.stages.graph
            let findings =
                if let scorer {
                    policy.outlook(
                        state: state, scoredBy: scorer, graph: graph, now: now, playbookVersion: playbook.version)
                } else {
                    policy.outlook(state: state, card: state.score, graph: graph, now: now)
                }
            qualification = findings.isEmpty ? nil : findings
        }
        unassigned = unassignedReason(state, playbook: playbook, routed: routed)
    }

    /// Why a lead at or past the handoff stage has no owner; `nil` for an owned lead or one
    /// before the handoff. The engine routes a lead when it is handed off, and the built-in rule
    /// router always names an owner, so an unowned lead there has one of three stories: no
    /// router at all, a stage reached as imported history (never routed), or a router that
    /// declined it or came after the handoff.
    private func unassignedReason(_ state: LeadState, playbook: Playbook, routed: Bool) -> String? {
        let graph = playbook.stages.graph
        let handoff = playbook.stages.handoff
        guard state.owner == nil, !state.isErased, state.mergedInto == nil,
            state.stageHistory.contains(where: { graph.rank(of: $0.stage) >= graph.rank(of: handoff) })
        else { return nil }
        let assign = "assign it with accord assign LEAD --to REP"
        guard routed else {
            return "the playbook has no routing section (nor a router plugin), so handoffs wait for someone to "
                + assign
        }
        if stages.contains(where: { $0.reasons.contains { $0.rule == "history" } }) {
            return "it reached \(state.stage) as imported history, and history is not routed; \(assign)"
        }
        return "it reached \(handoff) without an owner: the router declined it, or routing was set up after "
            + "the handoff; \(assign)"
    }
}

extension AlignmentEngine {
    /// The decisions behind a lead's current state, and what the playbook makes of it now: the
    /// explanation `accord lead explain` prints, with the engine's scorer and router.
    ///
    /// - Parameter id: the lead (a merged lead's id gives its own, merged state).
    /// - Returns: the explanation, its events including those of leads merged into it.
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`; ``LeadModel/EventStoreError`` when the
    ///   journal cannot be read.
    public func explanation(of id: LeadID) async throws -> LeadExplanation {
        try await catchUp()
        let state = try projections.state(of: id)
        var explanation = LeadExplanation(state: state, events: try await timeline(of: id, includingMerged: true))
        explanation.addOutlook(
            of: state, playbook: policies.playbook, scorer: policies.scorer, routed: policies.router != nil,
            now: configuration.now())
        return explanation
    }
}
