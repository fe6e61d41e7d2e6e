import Foundation

/// One rep's load as the ledger folds it: open leads and the times of recent assignments.
struct RepLoad: Hashable, Sendable {
    var open = 0
    /// Assignment times, ascending, pruned to the ledger's recent window.
    private(set) var recent: [Date] = []

    init(open: Int = 0, recent: [Date] = []) {
        self.open = open
        self.recent = recent
    }

    /// The assignments at or after `start`.
    @inline(__always)
    func count(since start: Date) -> Int {
        var low = 0
        var high = recent.count
        while low < high {
            let mid = (low + high) >> 1
            if recent[mid] < start { low = mid + 1 } else { high = mid }
        }
        return recent.count - low
    }

    mutating func add(_ date: Date, horizon: Date) {
        if let first = recent.first, first < horizon { recent.removeAll { $0 < horizon } }
        // Journal order is time order in practice; an event stamped earlier goes in its place.
        var index = recent.count
        while index > 0, recent[index - 1] > date { index -= 1 }
        recent.insert(date, at: index)
    }
}
