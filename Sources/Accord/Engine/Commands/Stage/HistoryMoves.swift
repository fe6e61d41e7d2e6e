import Foundation
import LeadModel

/// The stage moves of imported history, planned row after row: the stage graph's path between
/// two stages is worked out once per pair of stages, not once per row, and the moves are
/// planned by one ``StageCommands`` for the whole file.
struct HistoryMoves {
    let stages: StageCommands
    private var paths: [Pair: [Stage]] = [:]

    private struct Pair: Hashable {
        var from: Stage
        var to: Stage
    }

    init(stages: StageCommands) {
        self.stages = stages
    }

    /// The stages a historical fact moves the lead through to `target`: the stage graph's
    /// shortest allowed path. Live handoff gates are not checked for history.
    ///
    /// - Throws: ``LeadModel/LeadModelError`` when the graph has no way from `current` to
    ///   `target`.
    mutating func path(of lead: LeadID, from current: Stage, to target: Stage) throws -> [Stage] {
        if current == target { return [] }
        let pair = Pair(from: current, to: target)
        if let known = paths[pair] { return known }
        let graph = stages.policies.playbook.stages.graph
        if graph.contains(target), let path = graph.path(from: current, to: target) {
            paths[pair] = path
            return path
        }
        try graph.checkMove(of: lead, from: current, to: target)
        return [target]
    }

    /// Plans the moves at `time`, each saying where it came from and which gate fields were
    /// missing then (see ``StageCommands/planHistoryMoves(_:of:at:target:by:history:cause:in:)``).
    func plan(
        _ steps: [Stage], of lead: LeadID, at time: Date, target: Stage, by actor: EventActor, history: String,
        in planner: inout Planner
    ) {
        stages.planHistoryMoves(steps, of: lead, at: time, target: target, by: actor, history: history, in: &planner)
    }
}
