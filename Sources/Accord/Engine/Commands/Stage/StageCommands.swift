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
}
