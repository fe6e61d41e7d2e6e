import Foundation
import PostgresNIO

/// Runs work that must answer within a time limit, even when the work ignores cancellation.
///
/// A task group that races the work against a sleep is not enough: the group waits for every
/// child before it returns, so a child that does not stop when cancelled — a pool lease waiting
/// for a connection that never comes, a statement on a connection that died unnoticed — keeps
/// the caller waiting for ever. Here the work runs in a task of its own: at the deadline the
/// caller gets ``Expired`` at once, and the work is cancelled and left to finish on its own.
enum Deadline {
    /// The time limit passed before the work finished.
    struct Expired: Error {}

    /// The connection the work runs on closed before the work finished.
    struct Closed: Error {}

    /// The result of `work`.
    ///
    /// - Parameters:
    ///   - timeout: how long the caller waits at most.
    ///   - closing: a connection's `closeFuture`, for work on that connection: the caller stops
    ///     waiting when it completes (postgres-nio 1.33 never answers a statement sent on a
    ///     connection that already closed).
    ///   - work: the work.
    /// - Throws: ``Expired`` when `timeout` passed first, ``Closed`` when `closing` completed
    ///   first, what `work` throws, or `CancellationError` when the caller's task is cancelled
    ///   first.
    static func run<Result: Sendable>(
        within timeout: Duration, orUntil closing: EventLoopFuture<Void>? = nil,
        _ work: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let race = Race<Result>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.start(continuation)
                let worker = Task {
                    do {
                        race.finish(.success(try await work()))
                    } catch {
                        race.finish(.failure(error))
                    }
                }
                let timer = Task {
                    try? await Task.sleep(for: timeout)
                    race.finish(.failure(Expired()))
                }
                race.hold(worker: worker, timer: timer)
                closing?.whenComplete { _ in race.finish(.failure(Closed())) }
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }

    /// The first of the work, the timer, the connection's closing and the caller's cancellation to
    /// finish answers; the others are cancelled.
    private final class Race<Result: Sendable>: @unchecked Sendable {
        // @unchecked: every field is read and written under `lock`.
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Result, any Error>?
        private var outcome: Swift.Result<Result, any Error>?
        private var worker: Task<Void, Never>?
        private var timer: Task<Void, Never>?

        func start(_ continuation: CheckedContinuation<Result, any Error>) {
            let early = lock.withLock { () -> Swift.Result<Result, any Error>? in
                guard let outcome else {
                    self.continuation = continuation
                    return nil
                }
                return outcome
            }
            if let early { continuation.resume(with: early) }
        }

        func hold(worker: Task<Void, Never>, timer: Task<Void, Never>) {
            let finished = lock.withLock { () -> Bool in
                self.worker = worker
                self.timer = timer
                return outcome != nil
            }
            if finished {
                worker.cancel()
                timer.cancel()
            }
        }

        func finish(_ result: Swift.Result<Result, any Error>) {
            let (continuation, worker, timer) = lock.withLock {
                () -> (CheckedContinuation<Result, any Error>?, Task<Void, Never>?, Task<Void, Never>?) in
                guard outcome == nil else { return (nil, nil, nil) }
                outcome = result
                defer { self.continuation = nil }
                return (self.continuation, self.worker, self.timer)
            }
            worker?.cancel()
            timer?.cancel()
            continuation?.resume(with: result)
        }
    }
}
