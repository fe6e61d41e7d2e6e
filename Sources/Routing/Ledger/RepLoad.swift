import Foundation

/// One rep's load as the ledger folds it: open leads and the times of recent assignments.
struct RepLoad: Hashable, Sendable {
    var open = 0
    /// Assignment times in journal order, pruned to the ledger's recent window.
    private(set) var recent: [Date] = []

    /// The assignments at or after `start`.
    func count(since start: Date) -> Int {
        var count = 0
        for date in recent.reversed() where date >= start { count += 1 }
        return count
    }

    mutating func add(_ date: Date, horizon: Date) {
        if let first = recent.first, first < horizon { recent.removeAll { $0 < horizon } }
        recent.append(date)
    }
}
