import Crypto
import Foundation
import HTTPTypes

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The answers to keyed writes, kept in a file beside the journal: the
/// ``IdempotencyKeyStore`` of a service on the file store.
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
/// **Retention.** Each line carries the time it was written. A key whose last line is older than
/// ``retention`` (`ACCORD_IDEMPOTENCY_RETENTION`, 24 hours by default) is forgotten: a retry
/// after that runs again. The file is compacted when it opens and as it grows (after twice as
/// many writes as the keys the last compaction kept, and at least 4,096): the live keys are
/// written to `idempotency.jsonl.compacting`, which is `fsync`ed and renamed over the ledger,
/// then the directory is `fsync`ed. A crash before the rename leaves the old file whole (the
/// leftover is deleted on the next open); after it, the new one. Keys of requests still running
/// are never dropped.
///
/// An actor: safe to use from any task.
public actor IdempotencyLedger: IdempotencyKeyStore {
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
        /// When the line was written; `nil` in lines written before retention existed, which
        /// count from the time the file is opened.
        var at: Date?
    }

    /// What a claim found.
    public typealias Claim = IdempotencyClaim

    private var records: [String: Record] = [:]
    private var inFlight: Set<String> = []
    private var descriptor: Int32?
    /// Lines in the file, superseded ones included: compaction runs when they outnumber the
    /// live keys.
    private var lineCount = 0
    private var writesSinceCompaction = 0
    private var keptAtCompaction = 0
    /// The file, or `nil` for a ledger in memory.
    public nonisolated let file: URL?
    /// How long an answer is kept after it was recorded.
    public nonisolated let retention: Duration
    private let now: @Sendable () -> Date

    /// Makes a ledger in memory, for tests and hosts without a data directory: answers survive
    /// retries but not a restart.
    ///
    /// - Parameters:
    ///   - retention: how long an answer is kept (24 hours by default).
    ///   - now: the clock retention is measured by.
    public init(retention: Duration = .seconds(86_400), now: @escaping @Sendable () -> Date = { Date() }) {
        descriptor = nil
        file = nil
        self.retention = retention
        self.now = now
    }

    /// Opens (or creates) the ledger in a file, reading every answer in it and compacting away
    /// the expired ones. A line cut short by a crash (the last one, without its newline) is
    /// removed: its write was never acknowledged.
    ///
    /// - Parameters:
    ///   - file: the ledger's file, usually `ACCORD_DATA/idempotency.jsonl`.
    ///   - retention: how long an answer is kept after it was recorded (24 hours by default).
    ///   - now: the clock retention is measured by.
    /// - Throws: ``IdempotencyLedgerError`` when the file cannot be opened, read, repaired or
    ///   compacted, or a complete line in it is not a record.
    public init(
        file: URL, retention: Duration = .seconds(86_400), now: @escaping @Sendable () -> Date = { Date() }
    ) throws(IdempotencyLedgerError) {
        // A compaction that crashed before its rename left the old file whole: drop its copy.
        try? FileManager.default.removeItem(at: Self.compactingFile(of: file))
        let fd = open(file.path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .init(.io, file: file, detail: "cannot open: \(String(cString: strerror(errno)))") }
        var loaded: [String: Record] = [:]
        var lines = 0
        let openedAt = now()
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
            for line in data.prefix(complete).split(separator: UInt8(ascii: "\n")) {
                lines += 1
                guard var record = try? decoder.decode(Record.self, from: Data(line)) else {
                    throw IdempotencyLedgerError(.corrupt, file: file, detail: "line \(lines) is not a record")
                }
                if record.at == nil { record.at = openedAt }
                loaded[record.key] = record
            }
        } catch let error as IdempotencyLedgerError {
            close(fd)
            throw error
        } catch {
            close(fd)
            throw .init(.io, file: file, detail: "cannot read: \(error.localizedDescription)")
        }
        var descriptor = fd
        let keep = loaded.filter { $0.value.state != .released && !Self.isExpired($0.value, at: openedAt, retention) }
        if keep.count < lines {
            do throws(IdempotencyLedgerError) {
                descriptor = try Self.writeCompacted(keep, to: file, now: openedAt)
                close(fd)
            } catch {
                close(fd)
                throw error
            }
            loaded = keep
            lines = keep.count
        }
        self.descriptor = descriptor
        self.file = file
        self.retention = retention
        self.now = now
        records = loaded
        lineCount = lines
        keptAtCompaction = loaded.count
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    /// The number of keys with a recorded answer that has not expired.
    public var answeredCount: Int {
        let now = now()
        return records.values.count { $0.state == .completed && !isExpired($0, at: now) }
    }

    /// The number of lines in the file (superseded and expired ones included until the next
    /// compaction); 0 for a ledger in memory.
    public var fileLineCount: Int { descriptor == nil ? 0 : lineCount }

    /// Claims a key for a write, or finds its earlier answer; see
    /// ``IdempotencyKeyStore/claim(key:path:digest:rerunnable:)``. An answer older than
    /// ``retention`` is forgotten: the key is new again.
    ///
    /// - Throws: ``Problem`` 409 `idempotencyKeyInUse`, 409 `idempotencyOutcomeUnknown` or 422
    ///   `idempotencyKeyReused`; ``IdempotencyLedgerError`` when the pending line cannot be
    ///   written.
    public func claim(key: String, path: String, digest: String, rerunnable: Bool) throws -> Claim {
        if inFlight.contains(key) { throw IdempotencyProblem.inUse }
        if let record = records[key], record.state != .released, !isExpired(record, at: now()) {
            guard record.path == path, record.digest == digest else { throw IdempotencyProblem.reused }
            if record.state == .completed, let status = record.status {
                return .answered(status: status, body: record.body ?? Data())
            }
            guard rerunnable else { throw IdempotencyProblem.outcomeUnknown }
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

    /// Rewrites the file with only the live keys: answers and pending claims within
    /// ``retention``, and the keys of requests still running. Crash-safe: the live keys go to a
    /// new file, which is `fsync`ed and renamed over the ledger, then the directory is `fsync`ed.
    ///
    /// The ledger compacts itself when it opens and as it grows; call this to force it.
    /// - Returns: the number of keys forgotten (expired or released).
    /// - Throws: ``IdempotencyLedgerError`` when the new file cannot be written or renamed; the
    ///   old file is then left as it was.
    @discardableResult
    public func compact() throws(IdempotencyLedgerError) -> Int {
        let now = now()
        let keep = records.filter { key, record in
            inFlight.contains(key) || (record.state != .released && !isExpired(record, at: now))
        }
        let forgotten = records.count - keep.count
        writesSinceCompaction = 0
        keptAtCompaction = keep.count
        guard let file, let descriptor else {
            records = keep
            return forgotten
        }
        let reopened = try Self.writeCompacted(keep, to: file, now: now)
        close(descriptor)
        self.descriptor = reopened
        records = keep
        lineCount = keep.count
        return forgotten
    }

    /// Writes `keep` to a new file, `fsync`s it, renames it over `file`, `fsync`s the directory,
    /// and opens the result for appending.
    /// - Returns: the new file's descriptor.
    private static func writeCompacted(
        _ keep: [String: Record], to file: URL, now: Date
    ) throws(IdempotencyLedgerError) -> Int32 {
        var data = Data()
        let encoder = JSONEncoder()
        // Oldest first, so the file reads as it was written.
        for record in keep.values.sorted(by: { ($0.at ?? now, $0.key) < ($1.at ?? now, $1.key) }) {
            do {
                data.append(try encoder.encode(record))
            } catch {
                throw .init(.io, file: file, detail: "cannot encode a record: \(error)")
            }
            data.append(UInt8(ascii: "\n"))
        }
        let temporary = compactingFile(of: file)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .init(.io, file: file, detail: "cannot create \(temporary.lastPathComponent): \(lastError)")
        }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(fd) == 0 else {
            let reason = lastError
            close(fd)
            try? FileManager.default.removeItem(at: temporary)
            throw .init(.io, file: file, detail: "cannot write \(temporary.lastPathComponent): \(reason)")
        }
        close(fd)
        guard rename(temporary.path, file.path) == 0 else {
            let reason = lastError
            try? FileManager.default.removeItem(at: temporary)
            throw .init(.io, file: file, detail: "cannot rename the compacted ledger into place: \(reason)")
        }
        // The rename is durable once the directory is.
        let directory = open(file.deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
        let reopened = open(file.path, O_RDWR | O_APPEND | O_CLOEXEC)
        guard reopened >= 0 else {
            throw .init(.io, file: file, detail: "cannot reopen after compaction: \(lastError)")
        }
        return reopened
    }

    private func isExpired(_ record: Record, at now: Date) -> Bool {
        Self.isExpired(record, at: now, retention)
    }

    private static func isExpired(_ record: Record, at now: Date, _ retention: Duration) -> Bool {
        guard let at = record.at else { return false }
        let seconds = Double(retention.components.seconds) + Double(retention.components.attoseconds) / 1e18
        return now.timeIntervalSince(at) > seconds
    }

    private static func compactingFile(of file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".compacting")
    }

    private static var lastError: String { String(cString: strerror(errno)) }

    private func append(_ record: Record, sync: Bool) throws(IdempotencyLedgerError) {
        var record = record
        record.at = now()
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
            lineCount += 1
        }
        records[record.key] = record
        // Superseded and expired lines pile up: rewrite once the writes since the last
        // compaction outnumber twice the keys it kept (and at least 4,096), so the cost of
        // compacting stays a constant share of the writes.
        writesSinceCompaction += 1
        if writesSinceCompaction >= max(4_096, 2 * keptAtCompaction) {
            _ = try? compact()
        }
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
