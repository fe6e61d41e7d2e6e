import AccordService
import Foundation
import Testing

/// The file ledger forgets answers older than its retention and compacts itself without ever
/// losing a live answer, also when it crashes mid-compaction.
struct IdempotencyRetentionTests {
    static let digest = IdempotencyLedger.digest(of: Data("{}".utf8))
    static let answer = Data(#"{"ok":true}"#.utf8)

    @Test func anAnswerOlderThanTheRetentionIsForgotten() async throws {
        let clock = TestClock()
        let ledger = IdempotencyLedger(retention: .seconds(3_600), now: clock.now)
        #expect(
            try await ledger.claim(key: "k", path: "POST /v1/leads", digest: Self.digest, rerunnable: true) == .proceed)
        try await ledger.complete(key: "k", status: 201, body: Self.answer)
        clock.advance(by: 3_599)
        #expect(
            try await ledger.claim(key: "k", path: "POST /v1/leads", digest: Self.digest, rerunnable: true)
                == .answered(status: 201, body: Self.answer))
        clock.advance(by: 2)
        // Past the retention the key is new again: even another body may use it.
        let other = IdempotencyLedger.digest(of: Data("{\"x\":1}".utf8))
        #expect(try await ledger.claim(key: "k", path: "POST /v1/leads", digest: other, rerunnable: false) == .proceed)
    }

    @Test func openingCompactsAwayExpiredAndSupersededLines() async throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let clock = TestClock()
        do {
            let ledger = try IdempotencyLedger(file: file, retention: .seconds(86_400), now: clock.now)
            for key in ["old-1", "old-2", "released"] {
                _ = try await ledger.claim(key: key, path: "POST /t", digest: Self.digest, rerunnable: false)
            }
            try await ledger.complete(key: "old-1", status: 200, body: Self.answer)
            try await ledger.complete(key: "old-2", status: 200, body: Self.answer)
            await ledger.release(key: "released")
            clock.advance(by: 23 * 3_600)
            _ = try await ledger.claim(key: "new", path: "POST /t", digest: Self.digest, rerunnable: false)
            try await ledger.complete(key: "new", status: 200, body: Self.answer)
            #expect(await ledger.fileLineCount == 8)
        }
        clock.advance(by: 2 * 3_600)
        let reopened = try IdempotencyLedger(file: file, retention: .seconds(86_400), now: clock.now)
        // One line for the one live key: the old keys expired, the released one is gone, and the
        // pending line of the live key was superseded by its answer.
        #expect(await reopened.fileLineCount == 1)
        #expect(try Self.lines(of: file).count == 1)
        #expect(await reopened.answeredCount == 1)
        #expect(
            try await reopened.claim(key: "new", path: "POST /t", digest: Self.digest, rerunnable: false)
                == .answered(status: 200, body: Self.answer))
        #expect(
            try await reopened.claim(key: "old-1", path: "POST /t", digest: Self.digest, rerunnable: false) == .proceed)
    }

    @Test func aCrashMidCompactionLosesNoAnswer() async throws {
        let file = Self.temporaryFile()
        let leftover = file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".compacting")
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: leftover)
        }
        do {
            let ledger = try IdempotencyLedger(file: file)
            _ = try await ledger.claim(key: "a", path: "POST /t", digest: Self.digest, rerunnable: false)
            try await ledger.complete(key: "a", status: 200, body: Self.answer)
        }
        // The process died while writing the compacted copy, before renaming it: the copy is
        // half written, the ledger itself untouched.
        try Data(#"{"key":"a","state":"comp"#.utf8).write(to: leftover)
        let reopened = try IdempotencyLedger(file: file)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(
            try await reopened.claim(key: "a", path: "POST /t", digest: Self.digest, rerunnable: false)
                == .answered(status: 200, body: Self.answer))
        // After a compaction (here at open) every line of the file is whole and the answer is there.
        #expect(try Self.lines(of: file).allSatisfy { $0.hasSuffix("}") })
        let third = try IdempotencyLedger(file: file)
        #expect(await third.answeredCount == 1)
    }

    @Test func compactionKeepsTheKeysOfRunningRequests() async throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let clock = TestClock()
        let ledger = try IdempotencyLedger(file: file, retention: .seconds(60), now: clock.now)
        _ = try await ledger.claim(key: "slow", path: "POST /t", digest: Self.digest, rerunnable: false)
        clock.advance(by: 120)
        #expect(try await ledger.compact() == 0)
        // Still running: a retry is told so, and the answer is recorded when it comes.
        await #expect(throws: Problem.self) {
            try await ledger.claim(key: "slow", path: "POST /t", digest: Self.digest, rerunnable: false)
        }
        try await ledger.complete(key: "slow", status: 200, body: Self.answer)
        #expect(
            try await ledger.claim(key: "slow", path: "POST /t", digest: Self.digest, rerunnable: false)
                == .answered(status: 200, body: Self.answer))
    }

    @Test func theLedgerCompactsItselfAsItGrows() async throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let clock = TestClock()
        let ledger = try IdempotencyLedger(file: file, retention: .seconds(10), now: clock.now)
        for index in 0..<2_200 {
            let key = "k\(index)"
            _ = try await ledger.claim(key: key, path: "POST /t", digest: Self.digest, rerunnable: false)
            try await ledger.complete(key: key, status: 200, body: Self.answer)
            clock.advance(by: 0.01)
        }
        // 4,400 lines were written; the compaction after 4,096 writes kept only the last 10 s.
        let lines = await ledger.fileLineCount
        #expect(lines < 4_096)
        #expect(try Self.lines(of: file).count == lines)
        #expect(
            try await ledger.claim(key: "k2199", path: "POST /t", digest: Self.digest, rerunnable: false)
                == .answered(status: 200, body: Self.answer))
    }

    @Test func linesWrittenBeforeRetentionExistedAreKeptForOneRetentionPeriod() async throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let body = Self.answer.base64EncodedString()
        try Data(
            """
            {"key":"legacy","state":"pending","path":"POST /t","digest":"\(Self.digest)"}
            {"key":"legacy","state":"completed","path":"POST /t","digest":"\(Self.digest)","status":201,"body":"\(body)"}

            """.utf8
        ).write(to: file)
        let clock = TestClock()
        let ledger = try IdempotencyLedger(file: file, retention: .seconds(3_600), now: clock.now)
        #expect(
            try await ledger.claim(key: "legacy", path: "POST /t", digest: Self.digest, rerunnable: false)
                == .answered(status: 201, body: Self.answer))
        clock.advance(by: 3_601)
        #expect(
            try await ledger.claim(key: "legacy", path: "POST /t", digest: Self.digest, rerunnable: false) == .proceed)
    }

    @Test func theRetentionIsReadFromTheEnvironment() throws {
        let base = ["ACCORD_WEBHOOK_SECRET": "s", "ACCORD_API_TOKEN": "t"]
        #expect(try ServiceConfiguration(environment: base).idempotencyRetention == .seconds(86_400))
        for (text, seconds) in [("36h", 129_600), ("90", 90), ("15m", 900), ("7d", 604_800)] {
            let configuration = try ServiceConfiguration(
                environment: base.merging(["ACCORD_IDEMPOTENCY_RETENTION": text]) { $1 })
            #expect(configuration.idempotencyRetention == .seconds(seconds), "\(text)")
        }
        #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(environment: base.merging(["ACCORD_IDEMPOTENCY_RETENTION": "0"]) { $1 })
        }
        #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(environment: base.merging(["ACCORD_IDEMPOTENCY_RETENTION": "a day"]) { $1 })
        }
    }

    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("accord-idem-\(UUID()).jsonl")
    }

    static func lines(of file: URL) throws -> [Substring] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
    }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    // Safe: every access to `date` holds `lock`.
    private let lock = NSLock()
    private var date = Date(timeIntervalSince1970: 1_800_000_000)

    /// The time, as a closure for the ledger.
    var now: @Sendable () -> Date { { [self] in lock.withLock { date } } }

    /// Moves the clock forward.
    func advance(by seconds: TimeInterval) {
        lock.withLock { date += seconds }
    }
}
