import Foundation
import Hummingbird

/// Answers a request that takes longer than the service's timeout with 503 `timedOut`.
///
/// The route's work runs in a task of its own and the caller waits for whichever comes first:
/// the work's answer or the deadline. A command that has reached the engine is not cut short —
/// the journal never holds half a command — so it finishes in the background and, when the
/// request carried an `Idempotency-Key`, records its answer in the ``IdempotencyLedger``: the
/// client's retry with the same key then gets that answer (or 409 `idempotencyKeyInUse` while
/// it still runs).
enum RequestTimeout {
    /// Runs `work`, or throws a 503 problem once `timeout` has passed.
    /// - Parameters:
    ///   - timeout: how long to wait.
    ///   - work: the route's work.
    /// - Returns: the work's response.
    /// - Throws: what `work` throws, or ``Problem`` 503 `timedOut`.
    static func run<Value: Sendable>(
        timeout: Duration, _ work: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let outcome = Once<Value>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.set(continuation)
            let deadline = Task {
                try await Task.sleep(for: timeout)
                outcome.resume(
                    with: .failure(
                        Problem(
                            status: .serviceUnavailable, code: "timedOut", title: "Timed out",
                            detail:
                                "the request took longer than \(timeout.formatted()); a write may still complete: retry with the same Idempotency-Key"
                        )))
            }
            Task {
                let result: Result<Value, any Error>
                do { result = .success(try await work()) } catch { result = .failure(error) }
                deadline.cancel()
                outcome.resume(with: result)
            }
        }
    }

    /// A continuation resumed once, by whichever of the work and the deadline comes first.
    ///
    /// `@unchecked Sendable` is safe: its one mutable field is read and written only under
    /// `lock`, and the continuation is taken out before it is resumed, so it is resumed once.
    private final class Once<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Value, any Error>?

        func set(_ value: CheckedContinuation<Value, any Error>) {
            lock.withLock { continuation = value }
        }

        func resume(with result: Result<Value, any Error>) {
            let waiting = lock.withLock {
                defer { continuation = nil }
                return continuation
            }
            waiting?.resume(with: result)
        }
    }
}
