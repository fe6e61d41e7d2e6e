import Foundation
import LeadModel
import Scoring

/// Scoring and qualification: the scorer's cards for leads, recorded when they change, and the
/// playbook's qualification policy moving freshly scored leads up the funnel (routing and
/// starting clocks at the handoff stage).
///
/// Pure: reads the projections and the policies, plans events in a ``Planner`` (whose `now` it
/// uses).
struct ScoringCommands {
    /// What a scoring pass found besides the planned events.
    struct Outcome {
        /// Qualifications a handoff gate stopped, to publish after the commit.
        var blocked: [EngineNotification] = []
        /// When each scored lead should next be reviewed (`nil`: never by time alone), and the
        /// memo its scorer left for that review.
        var reviews: [(lead: LeadID, at: Date?, memo: (any ScoringMemo)?)] = []
    }

    let projections: EngineProjections
    let policies: EnginePolicies

    /// Plans the changed cards of the live leads among `ids` and what qualification makes of
    /// them; nothing without a scorer.
    func score(_ ids: [LeadID], in planner: inout Planner) -> Outcome {
        var outcome = Outcome()
        guard let scorer = policies.scorer else { return outcome }
        for id in ids {
            guard let state = planner.state(id), state.mergedInto == nil, !state.isErased else {
                // Merged and erased leads are never reviewed again (nor is their memo kept).
                outcome.reviews.append((id, nil, nil))
                continue
            }
            let input = ScoringInput(state: state, now: planner.now, playbookVersion: policies.playbook.version)
            var memo = projections.rescoreSchedule.memo(for: id)
            guard let (card, review) = scorer.scoreWithReview(input, memo: &memo) else { continue }
            outcome.reviews.append((id, review, review == nil ? nil : memo))
            if card != state.score {
                planner.add(
                    id, .scored(card), by: .system,
                    reasons: [Reason(rule: card.scorer, detail: "total \(NumberText.format(card.total))")],
                    decision: true)
            }
            if let note = qualify(id, card: card, in: &planner) { outcome.blocked.append(note) }
        }
        return outcome
    }

    /// Applies the qualification policy to a freshly scored lead.
    ///
    /// A move a handoff gate refuses is recorded as a `handoff-blocked` fact, once per rule,
    /// target stage and set of missing fields (rescoring the same lead records nothing new);
    /// the move that follows once the fields arrive names the block in its reasons.
    ///
    /// - Returns: a notification when a handoff gate stopped the move.
    private func qualify(_ id: LeadID, card: ScoreCard, in planner: inout Planner) -> EngineNotification? {
        guard let policy = policies.playbook.qualification, let state = planner.state(id),
            let decision = policy.decide(
                state: state, card: card, graph: policies.playbook.stages.graph, now: planner.now)
        else { return nil }
        let gates = policies.playbook.stages.gates
        let missing = gates.missingFields(of: state.lead, entering: decision.to)
        let rule = decision.trigger.map { "trigger:\($0)" } ?? decision.reasons.first?.rule ?? "qualification"
        guard missing.isEmpty else {
            let block = HandoffBlock(
                rule: rule, to: decision.to, missing: missing, playbookVersion: policies.playbook.version)
            if !(state.handoffBlock.map(block.repeats) ?? false) {
                planner.add(
                    id, .handoffBlocked(block), by: .system,
                    reasons: decision.reasons.filter { $0.rule == rule }
                        + [Reason(rule: "gate:\(decision.to)", detail: "missing " + Self.fieldList(missing))],
                    decision: true)
            }
            return .qualificationBlocked(id, to: decision.to, missing: missing)
        }
        let tier = AttributeValue.string(decision.tier)
        if state.lead.attributes[AlignmentEngine.tierAttribute] != tier {
            planner.add(
                id, .fieldsChanged(FieldChanges([LeadField(AlignmentEngine.tierAttribute): tier])), by: .system,
                reasons: [Reason(rule: "tier", detail: "SLA tier \(decision.tier) for the move to \(decision.to)")],
                decision: true)
        }
        var reasons = decision.reasons
        reasons.append(
            Reason(
                rule: card.scorer,
                detail: "score \(NumberText.format(card.total)) (fit \(NumberText.format(card.fit)), "
                    + "engagement \(NumberText.format(card.engagement)))"
                    + (card.grade.map { ", grade \($0)" } ?? "")))
        let required = gates.requiredFields(for: decision.to)
        if !required.isEmpty {
            var detail = "required fields present: " + Self.fieldList(required)
            if let block = state.handoffBlock, block.to == decision.to {
                let since = state.handoffBlockedAt.map { " since \($0.formatted(.iso8601))" } ?? ""
                detail += "; unblocked: held\(since) by \(block.rule) for want of " + Self.fieldList(block.missing)
            }
            reasons.append(Reason(rule: "gate:\(decision.to)", detail: detail))
        }
        planner.add(
            id, .stageChanged(StageChange(from: state.stage, to: decision.to)), by: .system, reasons: reasons,
            decision: true)
        if decision.to == policies.playbook.stages.handoff {
            AssignmentCommands(projections: projections, policies: policies).handOff(id, in: &planner)
        }
        return nil
    }

    private static func fieldList(_ fields: [LeadField]) -> String {
        fields.map(\.rawValue).joined(separator: ", ")
    }
}
