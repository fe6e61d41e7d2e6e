import Foundation
import LeadModel
import Scoring

/// When each scored lead next needs rescoring because time alone changes its card (decay,
/// windows), in a ``LeadModel/DueHeap`` so popping what is due costs O(due × log n), however
/// many leads are scheduled, and rescheduling a lead moves its one entry.
///
/// Beside each lead's review time it keeps the ``Scoring/ScoringMemo`` the scorer left at the
/// lead's last scoring, for the scorer to reuse at the review; a lead with no review time keeps
/// none.
///
/// Each lead keeps the heap slot it was first given; leads due at the same instant come out in
/// the order they were first scheduled.
struct RescoreSchedule: Sendable {
    private var heap = DueHeap()
    private var slots: [LeadID: Int32] = [:]
    private var leads: [LeadID] = []
    /// The memo of each slot's lead.
    private var memos: [(any ScoringMemo)?] = []
    /// Whether every lead in the engine's projections has been scheduled once (done lazily, on
    /// the first sweep after the engine opens).
    var isComplete = false

    /// The earliest review time, if any.
    var nextDue: Date? {
        heap.top.map { Date(timeIntervalSince1970: $0.key) }
    }

    /// Sets (or, with `nil`, clears) the lead's review time and the memo its scorer left.
    mutating func set(_ lead: LeadID, at time: Date?, memo: (any ScoringMemo)? = nil) {
        guard let time else {
            if let slot = slots[lead] {
                heap.remove(slot)
                memos[Int(slot)] = nil
            }
            return
        }
        let slot = slot(for: lead)
        heap.set(slot, key: time.timeIntervalSince1970)
        memos[Int(slot)] = memo
    }

    /// The memo the scorer left at the lead's last scoring, if it has a review time.
    func memo(for lead: LeadID) -> (any ScoringMemo)? {
        slots[lead].flatMap { memos[Int($0)] }
    }

    /// Removes and returns the leads due at `now`, soonest first.
    mutating func popDue(at now: Date, limit: Int = .max) -> [LeadID] {
        let bound = now.timeIntervalSince1970
        var due: [LeadID] = []
        while due.count < limit, let top = heap.top, top.key <= bound {
            heap.remove(top.slot)
            due.append(leads[Int(top.slot)])
        }
        return due
    }

    private mutating func slot(for lead: LeadID) -> Int32 {
        if let slot = slots[lead] { return slot }
        let slot = Int32(leads.count)
        leads.append(lead)
        memos.append(nil)
        slots[lead] = slot
        return slot
    }
}
