import LeadModel

/// Group commit: concurrent append calls of one store share a database transaction.
///
/// Positions come from one counter row locked until commit, so a database can commit only one
/// append at a time and each commit waits for its own WAL flush. Left alone, 50 concurrent
/// appenders would queue one flush each. Instead, while one transaction is in flight, the calls
/// that arrive wait here; when it ends, the first of them takes all waiting calls (up to
/// ``maximumEvents``) to the database in one transaction — one `append_events` call when none of
/// them conflicts, else one `append_batch` call that runs each in a subtransaction of its own —:
/// one commit, one flush, every call still atomic and checked on its own.
///
/// No task is spawned: the caller whose call goes next does the work of its batch (it "leads"),
/// then hands the next batch to the first caller still waiting.
actor AppendCombiner {
    /// One call waiting for its batch, with the way to tell its caller how it went.
    struct Entry: Sendable {
        var call: AppendCall
        /// `nil` for the leader's own call.
        var waiter: CheckedContinuation<Turn, Never>?
    }

    /// What a caller is told.
    enum Turn: Sendable {
        /// The call's batch committed (or failed): here is the call's outcome.
        case done(Result<[AppendResult], any Error>)
        /// The caller leads: it runs these calls (its own first) and then calls ``finish(_:)``.
        case lead([Entry])
    }

    /// The most events one batch carries (a single larger call goes alone).
    let maximumEvents: Int
    private var queue: [Entry] = []
    private var busy = false

    init(maximumEvents: Int = 5_000) {
        self.maximumEvents = maximumEvents
    }

    /// Queues `call`; returns at once with `.lead([call])` when nothing is in flight, else when
    /// the call's batch is done or it is the caller's turn to lead.
    func enter(_ call: AppendCall) async -> Turn {
        guard busy else {
            busy = true
            return .lead([Entry(call: call, waiter: nil)])
        }
        return await withCheckedContinuation { continuation in
            queue.append(Entry(call: call, waiter: continuation))
        }
    }

    /// Reports a batch's outcomes to its waiting callers and hands the next batch on.
    ///
    /// - Parameter outcomes: one per entry of the batch the leader ran, in order.
    func finish(_ outcomes: [(Entry, Result<[AppendResult], any Error>)]) {
        for (entry, outcome) in outcomes { entry.waiter?.resume(returning: .done(outcome)) }
        guard !queue.isEmpty else {
            busy = false
            return
        }
        var events = 0
        var count = 0
        for entry in queue {
            if count > 0 && events + entry.call.eventCount > maximumEvents { break }
            events += entry.call.eventCount
            count += 1
        }
        var batch = Array(queue.prefix(count))
        queue.removeFirst(count)
        let leader = batch[0].waiter
        batch[0].waiter = nil
        leader?.resume(returning: .lead(batch))
    }
}
