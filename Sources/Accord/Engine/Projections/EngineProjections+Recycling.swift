import Feedback
import Foundation
import LeadModel

extension EngineProjections {
    /// The trigger a lead waits on: it sits in the recycle stage, recycled with a trigger.
    func pendingTrigger(of state: LeadState) -> RequalifyTrigger? {
        guard state.stage == recycleStage, state.mergedInto == nil, !state.isErased,
            let disposition = state.disposition, disposition.outcome == .recycled,
            let trigger = disposition.requalify, !trigger.isEmpty
        else { return nil }
        return trigger
    }

    /// Builds the recycled index from the lead states; ``fold(_:)`` keeps it from then on.
    mutating func buildRecycledIndex() {
        var index: [LeadID: Date?] = [:]
        for state in leads.values {
            if let trigger = pendingTrigger(of: state) { index[state.id] = .some(trigger.on) }
        }
        recycledIndex = index
    }

    /// Keeps the recycled index in step with the lead of a folded event. Only dispositions,
    /// stage changes, merges and erasures can start or end a wait.
    mutating func trackRecycled(_ event: LeadEvent) {
        switch event.payload {
        case .dispositionRecorded, .stageChanged, .mergedInto, .erased, .disputeResolved: break
        default: return
        }
        let id = event.leadID
        if let state = leads[id], let trigger = pendingTrigger(of: state) {
            recycledIndex?[id] = .some(trigger.on)
        } else {
            recycledIndex?[id] = nil
        }
    }
}
