import Foundation
import LeadModel

/// Stage moves by hand: checked against the stage graph and the handoff gates; entering the
/// handoff stage routes the lead and starts its clock.
///
/// Pure: reads the projections and the policies, plans events in a ``Planner`` (whose `now` it
/// uses), or throws.
struct StageCommands {
    let projections: EngineProjections
    let policies: EnginePolicies

    /// Plans a move of a lead to `stage` (see ``AlignmentEngine/changeStage(of:to:by:reasons:)``).
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `transitionNotAllowed`, `unknownStage`,
    ///   `handoffGateFailed`, `unknownLead`, `leadMerged`, `leadErased`.
    func changeStage(
        of id: LeadID, to stage: Stage, by actor: EventActor, reasons: [Reason], in planner: inout Planner
    ) throws {
        let stages = policies.playbook.stages
        let state = try projections.liveState(of: id)
        try stages.graph.checkMove(of: id, from: state.stage, to: stage)
        try stages.gates.check(state.lead, entering: stage)
        let gate = stages.gates.requiredFields(for: stage)
        var why = reasons
        if !gate.isEmpty {
            why.append(
                Reason(
                    rule: "gate:\(stage)",
                    detail: "required fields present: \(gate.map(\.rawValue).joined(separator: ", "))"))
        }
        planner.add(
            id, .stageChanged(StageChange(from: state.stage, to: stage)), by: actor, reasons: why, decision: true)
        if stage == stages.handoff {
            AssignmentCommands(projections: projections, policies: policies).handOff(id, in: &planner)
        }
    }

    /// Plans the stage changes of imported history at `time`, each saying where it came from and
    /// which gate fields were missing then.
    func planHistoryMoves(
        _ steps: [Stage], of lead: LeadID, at time: Date, target: Stage, by actor: EventActor, history: String,
        cause: String = "the deal", in planner: inout Planner
    ) {
        var from = planner.state(lead)?.stage ?? policies.playbook.stages.graph.initial
        let origin = Reason(rule: "history", detail: "\(history): \(cause) puts the lead in '\(target)'")
        for step in steps {
            var reasons = [origin]
            if let current = planner.state(lead)?.lead {
                let missing = policies.playbook.stages.gates.missingFields(of: current, entering: step)
                if !missing.isEmpty {
                    reasons.append(
                        Reason(
                            rule: "gate:\(step)",
                            detail: "not checked for history; missing then: "
                                + missing.map(\.rawValue).joined(separator: ", ")))
                }
            }
            planner.add(lead, .stageChanged(StageChange(from: from, to: step)), by: actor, reasons: reasons, at: time)
            from = step
        }
    }
}
