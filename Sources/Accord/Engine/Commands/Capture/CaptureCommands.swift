import Foundation
import LeadModel

/// Capturing people and their signals: identity resolution (new lead, match, merge of the
/// leads a record proves to be one person), imported history's starting stages, and merges by
/// hand.
///
/// Pure: reads the projections and the policies, plans events in a ``Planner`` (whose `now` and
/// identity overlay it uses), or throws.
struct CaptureCommands {
    /// What planning a batch of rows found besides the planned events.
    struct IngestPlan {
        /// How each row's person was matched, in row order.
        var outcomes: [CaptureResult.Outcome] = []
        /// Stage moves planned from imported history.
        var historyMoves = 0
        /// Each signal row's lead and the index of its event in that lead's request.
        var signalSlots: [(item: Int, lead: LeadID, event: Int)] = []
    }

    let projections: EngineProjections
    let policies: EnginePolicies

    /// Plans the capture of a person's record (see ``AlignmentEngine/capture(_:by:at:)``).
    ///
    /// - Returns: how the record was matched.
    func capture(_ person: Lead, by actor: EventActor, at time: Date?, in planner: inout Planner)
        -> CaptureResult.Outcome
    {
        planner.resolve(person, by: actor, at: time)
    }

    /// Plans a batch of rows in order, so that two rows for one new person make one lead (see
    /// ``AlignmentEngine/ingest(_:by:from:)``).
    ///
    /// - Parameter history: the reason imported history moves give (`imported from leads.csv`).
    func ingest(_ items: [IngestItem], by actor: EventActor, history: String, in planner: inout Planner)
        -> IngestPlan
    {
        var plan = IngestPlan()
        for (index, item) in items.enumerated() {
            switch item {
            case .lead(let person):
                plan.outcomes.append(planner.resolve(person, by: actor))
            case .historicalLead(let person, let past):
                let outcome = planner.resolve(person, by: actor, at: past.createdAt)
                plan.outcomes.append(outcome)
                plan.historyMoves += planStartingStage(
                    of: outcome.leadID, past, by: actor, history: history, in: &planner)
            case .signal(let signal, let person):
                let outcome = planner.resolve(person, by: actor)
                plan.outcomes.append(outcome)
                let id = outcome.leadID
                let slot = planner.add(id, .signalRecorded(signal), by: actor, key: signal.idempotencyKey)
                plan.signalSlots.append((index, id, slot))
            }
        }
        return plan
    }

    /// Plans a merge by hand (see ``AlignmentEngine/merge(_:into:by:)``).
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`, or
    ///   `invalidValue` when both ids are the same lead.
    func merge(_ absorbed: LeadID, into survivor: LeadID, by actor: EventActor, in planner: inout Planner) throws {
        _ = try projections.liveState(of: absorbed)
        _ = try projections.liveState(of: survivor)
        guard absorbed != survivor else {
            throw LeadModelError(.invalidValue, leadID: survivor, message: "cannot merge a lead into itself")
        }
        planner.merge(absorbed, into: survivor, matchedOn: [], by: actor)
    }

    /// Plans the moves that put an imported lead at the stage its history names: along the
    /// stage graph's shortest path, at the stage's date (never before the lead's latest stage
    /// entry), as history. Nothing when the lead was in that stage before or cannot reach it
    /// from where it stands (its later journal wins).
    ///
    /// - Returns: the number of moves planned.
    private func planStartingStage(
        of id: LeadID, _ past: LeadHistory, by actor: EventActor, history: String, in planner: inout Planner
    ) -> Int {
        guard let stage = past.stage, let state = planner.state(id), !state.isErased, state.mergedInto == nil,
            state.enteredAt(stage) == nil,
            let moves = policies.playbook.stages.graph.path(from: state.stage, to: stage),
            !moves.isEmpty
        else { return 0 }
        var time = past.stageEnteredAt ?? past.createdAt ?? planner.now
        if let latest = state.stageHistory.last?.enteredAt, latest > time { time = latest }
        StageCommands(projections: projections, policies: policies).planHistoryMoves(
            moves, of: id, at: time, target: stage, by: actor, history: history, cause: "the row", in: &planner)
        return moves.count
    }
}

extension CaptureResult.Outcome {
    /// The lead the record was matched to or created as.
    var leadID: LeadID {
        switch self {
        case .created(let id), .matched(let id), .merged(let id, _): return id
        }
    }
}
