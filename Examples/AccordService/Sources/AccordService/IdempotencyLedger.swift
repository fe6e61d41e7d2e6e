import Crypto
import Foundation
import HTTPTypes

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The answers to keyed writes, kept beside the journal, so that a retry with the same
/// `Idempotency-Key` gets the original answer instead of recording a second fact.
///
/// The journal records idempotency keys on signals only; the engine's other commands (capture,
/// touches, verdicts, stage moves, assignments) take none. For those the service keeps this
/// ledger: an append-only file of JSON lines, `ACCORD_DATA/idempotency.jsonl`.
///
/// A keyed write goes through three steps:
/// 1. ``claim(key:path:digest:rerunnable:)`` writes a *pending* line and `fsync`s it before the
///    command runs, so a process that dies mid-command leaves a trace;
/// 2. the command runs;
/// 3. ``complete(key:status:body:)`` writes the answer and `fsync`s it before the service sends
///    its 2xx; a command that failed is ``release(key:)``d, so the key may be used again.
///
/// A key that is still pending when the service restarts may or may not have reached the
/// journal. A retry then gets 409 `idempotencyOutcomeUnknown` (check the lead, then send with a
/// new key) — never a second fact — except for captures, which are safe to run again because a
/// capture of the same person matches the lead it created.
///
/// Keys are kept for good; the file grows by one answer per keyed write. An actor: safe to use
/// from any task.
public actor IdempotencyLedger {
    /// One line of the file.
    struct Record: Codable, Sendable {
        enum State: String, Codable, Sendable {
            case pending, completed, released
        }

        var key: String
        var state: State
        var path: String?
        var digest: String?
        var status: Int?
        var body: Data?
    }

    /// What a claim found.
    public enum Claim: Sendable, Equatable {
        /// The key is new (or was released): run the command, then complete or release the key.
        case proceed
        /// The key was answered before: send this answer again.
        case answered(status: Int, body: Data)
    }

    private var records: [String: Record] = [:]
    private var inFlight: Set<String> = []
    private let descriptor: Int32?
    /// The file, or `nil` for a ledger in memory.
    public nonisolated let file: URL?

    /// Makes a ledger in memory, for tests and hosts without a data directory: answers survive
    /// retries but not a restart.
    public init() {
        descriptor = nil
        file = nil
    }

    /// Opens (or creates) the ledger in a file, reading every answer in it. A line cut short by
    /// a crash (the last one, without its newline) is removed: its write was never acknowledged.
    ///
    /// - Parameter file: the ledger's file, usually `ACCORD_DATA/idempotency.jsonl`.
    /// - Throws: ``IdempotencyLedgerError`` when the file cannot be opened, read or repaired,
    ///   or a complete line in it is not a record.
    public init(file: URL) throws(IdempotencyLedgerError) {
        let fd = open(file.path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .init(.io, file: file, detail: "cannot open: \(String(cString: strerror(errno)))") }
        var loaded: [String: Record] = [:]
        do {
            let data = try Data(contentsOf: file)
            var complete = data.count
            if let lastNewline = data.lastIndex(of: UInt8(ascii: "\n")) {
                complete = lastNewline + 1
            } else {
                complete = 0
            }
            if complete < data.count, ftruncate(fd, off_t(complete)) != 0 {
                throw IdempotencyLedgerError(
                    .io, file: file, detail: "cannot cut a torn last line: \(String(cString: strerror(errno)))")
            }
            let decoder = JSONDecoder()
            var lineNumber = 0
            for line in data.prefix(complete).split(separator: UInt8(ascii: "\n")) {
                lineNumber += 1
                guard let record = try? decoder.decode(Record.self, from: Data(line)) else {
                    throw IdempotencyLedgerError(.corrupt, file: file, detail: "line \(lineNumber) is not a record")
                }
                Self.apply(record, to: &loaded)
            }
        } catch let error as IdempotencyLedgerError {
            close(fd)
            throw error
        } catch {
            close(fd)
            throw .init(.io, file: file, detail: "cannot read: \(error.localizedDescription)")
        }
        descriptor = fd
        self.file = file
        records = loaded
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    /// The number of keys with a recorded answer.
    public var answeredCount: Int { records.values.count { $0.state == .completed } }

    /// Claims a key for a write, or finds its earlier answer.
    ///
    /// - Parameters:
    ///   - key: the `Idempotency-Key`.
    ///   - path: the request's method and path (`POST /v1/leads/L0000001/touches`): a key names
    ///     one write, so the same key on another route is refused.
    ///   - digest: a digest of the request body: the same key with another body is refused.
    ///   - rerunnable: whether the command is safe to run again when a previous process left the
    ///     key pending (a capture is; a touch is not).
    /// - Returns: ``Claim/proceed`` or the earlier answer.
    /// - Throws: ``Problem`` 409 `idempotencyKeyInUse` while another request with the key runs,
    ///   409 `idempotencyOutcomeUnknown` for a key left pending by a previous process, 422
    ///   `idempotencyKeyReused` for the key with another route or body; ``IdempotencyLedgerError``
    ///   when the pending line cannot be written.
    public func claim(key: String, path: String, digest: String, rerunnable: Bool) throws -> Claim {
        if inFlight.contains(key) {
            throw Problem(
                status: .conflict, code: "idempotencyKeyInUse", title: "Idempotency key in use",
                detail: "a request with this Idempotency-Key is still running; retry it in a moment",
                errors: [.init(path: "header.Idempotency-Key", message: "is in use by a running request")])
        }
        if let record = records[key], record.state != .released {
            guard record.path == path, record.digest == digest else {
                throw Problem(
                    status: .unprocessableContent, code: "idempotencyKeyReused", title: "Idempotency key reused",
                    detail: "this Idempotency-Key was sent with another route or body; use a new key for a new write",
                    errors: [.init(path: "header.Idempotency-Key", message: "belongs to another request")])
            }
            if record.state == .completed, let status = record.status {
                return .answered(status: status, body: record.body ?? Data())
            }
            guard rerunnable else {
                throw Problem(
                    status: .conflict, code: "idempotencyOutcomeUnknown", title: "Outcome unknown",
                    detail:
                        "the service stopped while this write ran, so it may or may not be recorded; check the lead, then send again with a new Idempotency-Key if it is not",
                    errors: [.init(path: "header.Idempotency-Key", message: "was left pending by a restart")])
            }
        }
        try append(Record(key: key, state: .pending, path: path, digest: digest), sync: true)
        inFlight.insert(key)
        return .proceed
    }

    /// Records the answer to a claimed key, durably, before the answer is sent.
    /// - Parameters:
    ///   - key: the claimed key.
    ///   - status: the answer's HTTP status.
    ///   - body: the answer's body.
    /// - Throws: ``IdempotencyLedgerError`` when the answer cannot be written; the key then
    ///   stays pending.
    public func complete(key: String, status: Int, body: Data) throws {
        guard let pending = records[key] else { return }
        inFlight.remove(key)
        var record = pending
        record.state = .completed
        record.status = status
        record.body = body
        try append(record, sync: true)
    }

    /// Frees a claimed key whose command failed, so it may be sent again.
    /// - Parameter key: the claimed key.
    public func release(key: String) {
        inFlight.remove(key)
        guard let pending = records[key], pending.state == .pending else { return }
        var record = pending
        record.state = .released
        // Not synced: if the line is lost, the key stays pending, which only makes a retry ask.
        try? append(record, sync: false)
    }

    private func append(_ record: Record, sync: Bool) throws(IdempotencyLedgerError) {
        if let descriptor {
            var line: Data
            do {
                line = try JSONEncoder().encode(record)
            } catch {
                throw .init(.io, file: file, detail: "cannot encode a record: \(error)")
            }
            line.append(UInt8(ascii: "\n"))
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == line.count else {
                throw .init(.io, file: file, detail: "short write: \(String(cString: strerror(errno)))")
            }
            if sync, fsync(descriptor) != 0 {
                throw .init(.io, file: file, detail: "fsync failed: \(String(cString: strerror(errno)))")
            }
        }
        Self.apply(record, to: &records)
    }

    private static func apply(_ record: Record, to records: inout [String: Record]) {
        records[record.key] = record
    }

    /// The digest the ledger compares request bodies by: hex SHA-256.
    /// - Parameter body: the raw request body.
    /// - Returns: 64 hex digits.
    public nonisolated static func digest(of body: some DataProtocol) -> String {
        SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
    }
}

/// The idempotency ledger's file cannot be used.
public struct IdempotencyLedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as an opaque code so codes can be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// Reading, writing or syncing the file failed.
        public static let io = Code(name: "io")
        /// A complete line is not a record: the file was edited or damaged.
        public static let corrupt = Code(name: "corrupt")
        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The ledger's file.
    public var file: URL?
    /// The details, for a person.
    public var detail: String

    init(_ code: Code, file: URL?, detail: String) {
        self.code = code
        self.file = file
        self.detail = detail
    }

    /// A message naming the file and what to do.
    public var description: String {
        "idempotency ledger \(file?.path ?? "(memory)"): \(detail)"
            + (code == .corrupt ? "; move the file aside to start a new ledger (earlier keys are then forgotten)" : "")
    }
}
