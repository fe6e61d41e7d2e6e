import Foundation
import LeadModel

/// When each scored lead next needs rescoring because time alone changes its card (decay,
/// windows), in a binary heap so popping what is due costs O(due × log n), however many leads
/// are scheduled.
///
/// Rescheduling a lead does not search the heap: the lead's current time is kept in a
/// dictionary, and heap entries that no longer match it are dropped when they surface.
struct RescoreSchedule: Sendable {
    private var heap: [(at: Date, lead: LeadID)] = []
    private var current: [LeadID: Date] = [:]
    /// Whether every lead in the engine's projections has been scheduled once (done lazily, on
    /// the first sweep after the engine opens).
    var isComplete = false

    /// The earliest review time, if any.
    var nextDue: Date? {
        mutating get {
            dropStale()
            return heap.first?.at
        }
    }

    /// Sets (or, with `nil`, clears) the lead's review time.
    mutating func set(_ lead: LeadID, at time: Date?) {
        guard let time else {
            current[lead] = nil
            return
        }
        guard current[lead] != time else { return }
        current[lead] = time
        heap.append((time, lead))
        siftUp(heap.count - 1)
    }

    /// Removes and returns the leads due at `now`, soonest first.
    mutating func popDue(at now: Date, limit: Int = .max) -> [LeadID] {
        var due: [LeadID] = []
        while due.count < limit, let top = heap.first, top.at <= now {
            removeTop()
            guard current[top.lead] == top.at else { continue }
            current[top.lead] = nil
            due.append(top.lead)
        }
        return due
    }

    private mutating func dropStale() {
        while let top = heap.first, current[top.lead] != top.at { removeTop() }
    }

    private mutating func removeTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
    }

    private func before(_ lhs: Int, _ rhs: Int) -> Bool {
        heap[lhs].at == heap[rhs].at ? heap[lhs].lead < heap[rhs].lead : heap[lhs].at < heap[rhs].at
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(child, parent) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var best = left
            if left + 1 < heap.count, before(left + 1, left) { best = left + 1 }
            guard before(best, parent) else { return }
            heap.swapAt(best, parent)
            parent = best
        }
    }
}
