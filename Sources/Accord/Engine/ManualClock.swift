import Foundation

/// A clock that moves only when told to: for tests, the demo's synthetic quarter and what-if
/// replays, where "now" must follow the data rather than the wall.
///
/// Tasks may sleep on it (``sleep(until:)``): they wake when ``advance(by:)`` or ``set(_:)``
/// moves the clock to or past their instant, so a long-running loop such as
/// ``AlignmentEngine/run()`` is tested step by step, with no real waiting.
///
/// ```swift
/// let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
/// let configuration = EngineConfiguration().driven(by: clock)
/// clock.advance(by: 300)
/// ```
public final class ManualClock: @unchecked Sendable {
    // `@unchecked` is safe: all state is read and written under `lock`, and continuations are
    // resumed outside it.
    private let lock = NSLock()
    private var current: Date
    private var sleepers: [UInt64: (until: Date, continuation: CheckedContinuation<Void, any Error>)] = [:]
    private var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var nextTicket: UInt64 = 0

    /// Makes a clock.
    ///
    /// - Parameter start: the first instant.
    public init(_ start: Date) { current = start }

    /// The clock's current instant.
    public var now: Date { lock.withLock { current } }

    /// Moves the clock to `date` (never backwards: an earlier date is ignored) and wakes the
    /// sleepers whose instant has come.
    public func set(_ date: Date) {
        wake(
            lock.withLock {
                current = max(current, date)
                return dueSleepers()
            })
    }

    /// Moves the clock forward and wakes the sleepers whose instant has come.
    public func advance(by seconds: TimeInterval) {
        wake(
            lock.withLock {
                current += max(0, seconds)
                return dueSleepers()
            })
    }

    /// How many tasks are sleeping on the clock now.
    public var sleeperCount: Int { lock.withLock { sleepers.count } }

    /// Suspends until the clock reaches `instant`; returns at once when it already has.
    ///
    /// - Parameter instant: when to wake.
    /// - Throws: `CancellationError` when the sleeping task is cancelled.
    public func sleep(until instant: Date) async throws {
        let ticket = lock.withLock {
            nextTicket += 1
            return nextTicket
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (resumeNow, watchersToWake) = lock.withLock {
                    () -> (Bool, [CheckedContinuation<Void, Never>]) in
                    if current >= instant || Task.isCancelled { return (true, []) }
                    sleepers[ticket] = (instant, continuation)
                    return (false, dueWatchers())
                }
                if resumeNow {
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        continuation.resume()
                    }
                }
                for watcher in watchersToWake { watcher.resume() }
            }
        } onCancel: {
            let sleeper = lock.withLock { sleepers.removeValue(forKey: ticket) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Suspends until at least `count` tasks sleep on the clock: a test's way to know a loop has
    /// finished its round and waits for time to pass.
    ///
    /// - Parameter count: how many sleepers to wait for; 1 by default.
    public func waitForSleepers(_ count: Int = 1) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = lock.withLock {
                if sleepers.count >= count { return true }
                watchers.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Removes and returns the sleepers due at `current`; call under the lock.
    private func dueSleepers() -> [CheckedContinuation<Void, any Error>] {
        let due = sleepers.filter { $0.value.until <= current }
        for key in due.keys { sleepers[key] = nil }
        return due.sorted { $0.key < $1.key }.map(\.value.continuation)
    }

    /// Removes and returns the watchers whose sleeper count is reached; call under the lock.
    private func dueWatchers() -> [CheckedContinuation<Void, Never>] {
        let ready = watchers.filter { $0.count <= sleepers.count }
        watchers.removeAll { $0.count <= sleepers.count }
        return ready.map(\.continuation)
    }

    private func wake(_ continuations: [CheckedContinuation<Void, any Error>]) {
        for continuation in continuations { continuation.resume() }
    }
}
