import Foundation
import LeadModel

/// Makes written records durable and wakes the appenders waiting for them: group commit.
///
/// The store's actor writes each append call's records with one `write(2)`, tells the flusher
/// with ``noteWritten(upTo:in:)`` and awaits ``waitUntilDurable(_:)``, which frees the actor for
/// the next appender. One dedicated thread runs `fdatasync` for every file written since the
/// previous sync and resumes every waiter whose records were written before that sync started,
/// so concurrent appenders share one `fsync`, and the actor's executor never blocks on one.
///
/// With ``LeadModel/Durability/groupCommit(maxLatency:)`` the thread gathers appenders before it syncs: it
/// waits until as many are waiting as the previous sync served, or until the latency has passed
/// since the first unsynced write, whichever comes first. A lone sequential appender therefore
/// never waits for the timer, while a crowd shares one `fsync` per round. With
/// ``LeadModel/Durability/fsyncEveryCommit`` it syncs at once (appenders that arrive during an `fsync` still
/// share the next one); with ``LeadModel/Durability/none`` there is no thread and records count as durable
/// once written.
///
/// After a failed `fsync` the flusher fails for good: the kernel may have dropped the dirty pages,
/// so retrying could acknowledge lost data. Every waiter and later append gets the error.
final class CommitFlusher: @unchecked Sendable {
    // @unchecked Sendable: every mutable stored property below is read and written only while
    // `condition` is locked; the flusher thread and the store's actor meet only through it.
    private let condition = NSCondition()
    private let durability: Durability
    private var written: UInt64
    private var durable: UInt64
    private var dirty: [FileDescriptor] = []
    private var waiters: [(position: UInt64, continuation: CheckedContinuation<Void, any Error>)] =
        []
    private var firstUnsyncedWrite: Date?
    private var failure: EventStoreError?
    private var stopping = false
    private var threadRunning = false
    private let threadExited = DispatchSemaphore(value: 0)
    private var syncCount = 0
    /// How many waiters the previous sync served: the batch size group commit waits for.
    private var lastBatchSize = 1

    /// A flusher whose journal is durable up to `position`.
    init(durability: Durability, durablePosition position: UInt64) {
        self.durability = durability
        self.written = position
        self.durable = position
    }

    /// Starts the flusher thread, when the durability needs one.
    func start() {
        switch durability {
        case .memory, .none: return
        case .fsyncEveryCommit, .groupCommit: break
        }
        condition.lock()
        threadRunning = true
        condition.unlock()
        let thread = Thread { [self] in run() }
        thread.name = "accord.file-store.flusher"
        thread.start()
    }

    /// The last position that is durable (and so visible to readers).
    var durablePosition: UInt64 {
        condition.lock()
        defer { condition.unlock() }
        return durable
    }

    /// How many `fsync` rounds ran, for tests and measurements.
    var syncRounds: Int {
        condition.lock()
        defer { condition.unlock() }
        return syncCount
    }

    /// Throws the failure that stopped the flusher, if any.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    func checkHealthy() throws {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
    }

    /// Records that the records up to `position` were written to `file`.
    func noteWritten(upTo position: UInt64, in file: FileDescriptor) {
        condition.lock()
        defer { condition.unlock() }
        written = max(written, position)
        switch durability {
        case .memory, .none:
            durable = written
        case .fsyncEveryCommit, .groupCommit:
            if !dirty.contains(file) { dirty.append(file) }
            if firstUnsyncedWrite == nil { firstUnsyncedWrite = Date() }
        }
    }

    /// Returns once the records up to `position` are durable.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io` when an `fsync` failed.
    func waitUntilDurable(_ position: UInt64) async throws {
        if try isDurable(position) { return }
        try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Void, any Error>) in
            condition.lock()
            if let failure {
                condition.unlock()
                continuation.resume(throwing: failure)
            } else if durable >= position {
                condition.unlock()
                continuation.resume()
            } else if stopping && !threadRunning {
                condition.unlock()
                continuation.resume(
                    throwing: EventStoreError(
                        .closed, "the store was closed before this append became durable"))
            } else {
                waiters.append((position, continuation))
                condition.signal()
                condition.unlock()
            }
        }
    }

    private func isDurable(_ position: UInt64) throws -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        return durable >= position
    }

    /// Flushes what waiters still wait for, then stops the thread and waits until it has exited.
    func stop() {
        condition.lock()
        stopping = true
        let running = threadRunning
        condition.signal()
        condition.unlock()
        if running { threadExited.wait() }
    }

    private func run() {
        condition.lock()
        while true {
            while waiters.isEmpty && !stopping { condition.wait() }
            if waiters.isEmpty && stopping { break }
            if case .groupCommit(let latency) = durability, !stopping,
                let first = firstUnsyncedWrite
            {
                let deadline = first.addingTimeInterval(latency.timeInterval)
                while !stopping, waiters.count < lastBatchSize, Date() < deadline {
                    _ = condition.wait(until: deadline)
                }
            }
            let target = written
            let files = dirty
            dirty.removeAll()
            firstUnsyncedWrite = nil
            condition.unlock()

            var error: EventStoreError?
            for file in files where error == nil {
                do { try file.sync() } catch let failure as EventStoreError {
                    error = failure
                } catch {}
            }

            condition.lock()
            syncCount += 1
            var ready: [CheckedContinuation<Void, any Error>] = []
            if let error {
                failure = error
                ready = waiters.map(\.continuation)
                waiters.removeAll()
            } else {
                durable = max(durable, target)
                waiters.removeAll { waiter in
                    guard waiter.position <= target else { return false }
                    ready.append(waiter.continuation)
                    return true
                }
                lastBatchSize = max(1, ready.count)
            }
            condition.unlock()
            for continuation in ready {
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
            condition.lock()
        }
        threadRunning = false
        condition.unlock()
        threadExited.signal()
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    fileprivate var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
