import Foundation
import HTTPTypes

/// What claiming an `Idempotency-Key` found.
public enum IdempotencyClaim: Sendable, Equatable {
    /// The key is new (or was released, or expired): run the command, then complete or release
    /// the key.
    case proceed
    /// The key was answered before: send this answer again.
    case answered(status: Int, body: Data)
}

/// Where the service keeps the answers to keyed writes, so that a retry with the same
/// `Idempotency-Key` gets the original answer instead of recording a second fact.
///
/// A keyed write goes through three steps: ``claim(key:path:digest:rerunnable:)`` durably marks
/// the key *pending* before the command runs; the command runs;
/// ``complete(key:status:body:)`` durably records the answer before the service sends its 2xx,
/// or ``release(key:)`` frees the key of a command that failed.
///
/// Two conformances ship with the service: ``IdempotencyLedger``, a file beside the journal for
/// one instance, and ``PostgresIdempotencyLedger``, a table that every instance sharing a
/// PostgreSQL journal reads, so that a retry sent to another instance gets the first answer too.
/// Third parties may conform; the service uses a store only through this protocol.
///
/// A conformance keeps answers for at least its retention period (`ACCORD_IDEMPOTENCY_RETENTION`)
/// and may forget them after: a retry later than that runs again. Conformances are safe to use
/// from many tasks at once.
public protocol IdempotencyKeyStore: Sendable {
    /// Claims a key for a write, or finds its earlier answer.
    ///
    /// - Parameters:
    ///   - key: the `Idempotency-Key`.
    ///   - path: the request's method and path (`POST /v1/leads/L0000001/touches`): a key names
    ///     one write, so the same key on another route is refused.
    ///   - digest: a digest of the request body (``IdempotencyLedger/digest(of:)``): the same key
    ///     with another body is refused.
    ///   - rerunnable: whether the command is safe to run again when a previous process left the
    ///     key pending (a capture is; a touch is not).
    /// - Returns: ``IdempotencyClaim/proceed`` or the earlier answer.
    /// - Throws: ``Problem`` 409 `idempotencyKeyInUse` while another request with the key runs,
    ///   409 `idempotencyOutcomeUnknown` for a key left pending by a process that stopped, 422
    ///   `idempotencyKeyReused` for the key with another route or body; the store's own error
    ///   when the claim cannot be recorded.
    func claim(key: String, path: String, digest: String, rerunnable: Bool) async throws -> IdempotencyClaim

    /// Records the answer to a claimed key, durably, before the answer is sent.
    ///
    /// - Parameters:
    ///   - key: the claimed key.
    ///   - status: the answer's HTTP status.
    ///   - body: the answer's body.
    /// - Throws: the store's own error when the answer cannot be recorded; the key then stays
    ///   pending.
    func complete(key: String, status: Int, body: Data) async throws

    /// Frees a claimed key whose command failed, so it may be sent again. Best effort: a key
    /// that stays pending only makes a retry ask (`idempotencyOutcomeUnknown`).
    ///
    /// - Parameter key: the claimed key.
    func release(key: String) async
}

/// The problems every ``IdempotencyKeyStore`` answers with, so the conformances word them alike.
enum IdempotencyProblem {
    static let inUse = Problem(
        status: .conflict, code: "idempotencyKeyInUse", title: "Idempotency key in use",
        detail: "a request with this Idempotency-Key is still running; retry it in a moment",
        errors: [.init(path: "header.Idempotency-Key", message: "is in use by a running request")])

    static let reused = Problem(
        status: .unprocessableContent, code: "idempotencyKeyReused", title: "Idempotency key reused",
        detail: "this Idempotency-Key was sent with another route or body; use a new key for a new write",
        errors: [.init(path: "header.Idempotency-Key", message: "belongs to another request")])

    static let outcomeUnknown = Problem(
        status: .conflict, code: "idempotencyOutcomeUnknown", title: "Outcome unknown",
        detail:
            "the service stopped while this write ran, so it may or may not be recorded; check the lead, then send again with a new Idempotency-Key if it is not",
        errors: [.init(path: "header.Idempotency-Key", message: "was left pending by a restart")])
}
