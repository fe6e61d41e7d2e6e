import Accord
import AccordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadModel
import Logging
import NIOCore
import NIOFoundationCompat
import PostgresJournal
import PostgresNIO
import Testing

/// Instances sharing one PostgreSQL journal: keyed retries answered by any instance, one leader.
///
/// They need a server: run them under `Examples/PostgresJournal/scripts/with-postgres.sh`, which
/// sets `ACCORD_POSTGRES_URL`; without it they are skipped. Each test works in a schema of its
/// own. The two-process version (two `accord-service` executables) is `scripts/postgres-test.sh`.
@Suite(
    .enabled(if: ProcessInfo.processInfo.environment["ACCORD_POSTGRES_URL"] != nil, "ACCORD_POSTGRES_URL is not set"))
struct PostgresTests {
    static var url: String? { ProcessInfo.processInfo.environment["ACCORD_POSTGRES_URL"] }
    static let digest = IdempotencyLedger.digest(of: Data("{}".utf8))
    static let answer = Data(#"{"ok":true}"#.utf8)

    @Test func aRetryOnAnotherInstanceGetsTheOriginalAnswer() async throws {
        try await Self.withClient { client, schema in
            let first = try await Self.api(client, schema)
            let second = try await Self.api(client, schema)
            try await Application(router: first.router()).test(.router) { a in
                try await Application(router: second.router()).test(.router) { b in
                    let body = #"{"email": "ana.lopez@acme.com", "source": "webinar"}"#
                    let key: HTTPFields = [.idempotencyKey: "crm:4711"]
                    let capture = try await Harness.post(a, "/v1/leads", body, extra: key)
                    #expect(capture.status == .created)
                    let lead = try Harness.decode(CaptureOutput.self, capture).lead
                    let retry = try await Harness.post(b, "/v1/leads", body, extra: key)
                    #expect(retry.status == .created)
                    #expect(retry.headers[.idempotentReplayed] == "true")
                    #expect(Data(buffer: retry.body) == Data(buffer: capture.body))
                    // The other instance reads the lead at once: a miss catches up with the journal.
                    let read = try await Harness.get(b, "/v1/leads/\(lead.id)")
                    #expect(read.status == .ok)
                    // A keyed signal sent to one instance and retried on the other counts once.
                    let signal = Harness.quoteRequest(email: "ana.lopez@acme.com")
                    let signalKey: HTTPFields = [.idempotencyKey: "formtool:8812"]
                    let recorded = try Harness.decode(
                        SignalOutput.self, try await Harness.post(a, "/v1/signals", signal, extra: signalKey))
                    let again = try Harness.decode(
                        SignalOutput.self, try await Harness.post(b, "/v1/signals", signal, extra: signalKey))
                    #expect(!recorded.duplicate)
                    #expect(again.duplicate)
                    #expect(again.position == recorded.position)
                    // One capture, one signal and what they caused: the same journal on both.
                    try await first.engine.catchUp()
                    try await second.engine.catchUp()
                    let position = await first.engine.journalPosition
                    #expect(await second.engine.journalPosition == position)
                    #expect(await second.engine.leadCount == 1)
                }
            }
        }
    }

    @Test func instancesShareKeysAndTellARunningClaimFromAnAbandonedOne() async throws {
        try await Self.withClient { client, schema in
            let a = try await PostgresIdempotencyLedger(client: client, schema: schema)
            let b = try await PostgresIdempotencyLedger(client: client, schema: schema, inUseWindow: .seconds(2))
            #expect(try await a.claim(key: "k1", path: "POST /t", digest: Self.digest, rerunnable: false) == .proceed)
            // Pending on a: b is told the request still runs.
            await Self.expectProblem("idempotencyKeyInUse") {
                try await b.claim(key: "k1", path: "POST /t", digest: Self.digest, rerunnable: false)
            }
            try await a.complete(key: "k1", status: 201, body: Self.answer)
            #expect(
                try await b.claim(key: "k1", path: "POST /t", digest: Self.digest, rerunnable: false)
                    == .answered(status: 201, body: Self.answer))
            await Self.expectProblem("idempotencyKeyReused") {
                try await b.claim(key: "k1", path: "POST /other", digest: Self.digest, rerunnable: false)
            }
            // A claim released after a failed command frees the key for any instance.
            _ = try await a.claim(key: "k2", path: "POST /t", digest: Self.digest, rerunnable: false)
            await a.release(key: "k2")
            #expect(try await b.claim(key: "k2", path: "POST /t", digest: Self.digest, rerunnable: false) == .proceed)
            // Left pending by an instance that stopped (a's claims of k3 and k4 are never answered):
            // past b's in-use window the outcome is unknown, except for a rerunnable command,
            // whose claim moves to b.
            _ = try await a.claim(key: "k3", path: "POST /t", digest: Self.digest, rerunnable: false)
            _ = try await a.claim(key: "k4", path: "POST /v1/leads", digest: Self.digest, rerunnable: true)
            try await Task.sleep(for: .milliseconds(2_200))
            await Self.expectProblem("idempotencyOutcomeUnknown") {
                try await b.claim(key: "k3", path: "POST /t", digest: Self.digest, rerunnable: false)
            }
            #expect(
                try await b.claim(key: "k4", path: "POST /v1/leads", digest: Self.digest, rerunnable: true) == .proceed)
            try await b.complete(key: "k4", status: 201, body: Self.answer)
            #expect(
                try await PostgresIdempotencyLedger(client: client, schema: schema).claim(
                    key: "k4", path: "POST /v1/leads", digest: Self.digest, rerunnable: true)
                    == .answered(status: 201, body: Self.answer))
        }
    }

    @Test func answersOlderThanTheRetentionAreForgottenAndPurged() async throws {
        try await Self.withClient { client, schema in
            let ledger = try await PostgresIdempotencyLedger(client: client, schema: schema, retention: .seconds(1))
            _ = try await ledger.claim(key: "old", path: "POST /t", digest: Self.digest, rerunnable: false)
            try await ledger.complete(key: "old", status: 200, body: Self.answer)
            _ = try await ledger.claim(key: "gone", path: "POST /t", digest: Self.digest, rerunnable: false)
            try await ledger.complete(key: "gone", status: 200, body: Self.answer)
            try await Task.sleep(for: .milliseconds(1_200))
            // Expired: the key is new again, even with another body.
            let other = IdempotencyLedger.digest(of: Data("{\"x\":1}".utf8))
            #expect(try await ledger.claim(key: "old", path: "POST /t", digest: other, rerunnable: false) == .proceed)
            #expect(await ledger.purgeExpired() == 1)
        }
    }

    @Test func exactlyOneInstanceLeadsAndAnotherTakesOver() async throws {
        try await Self.withClient { client, schema in
            let roles = Roles()
            let name = "accord-service-leader:\(schema)"
            let logger = Logger(label: "test")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for instance in ["a", "b"] {
                    group.addTask {
                        let lock = PostgresLeaderLock(client: client, name: name, logger: logger)
                        try await lock.run(
                            retryInterval: .milliseconds(100), changed: { await roles.set(instance, leads: $0) },
                            follow: {},
                            lead: {
                                // The leader's work: here, until it must stop, or until told to step down.
                                while await !roles.stepsDown(instance) { try await Task.sleep(for: .milliseconds(20)) }
                            })
                    }
                }
                // Wait (bounded, for a loaded machine) until one has taken the lock, then check
                // that the other does not lead as well.
                var leaders = await roles.leaders
                for _ in 0..<100 where leaders.isEmpty {
                    try await Task.sleep(for: .milliseconds(100))
                    leaders = await roles.leaders
                }
                try await Task.sleep(for: .milliseconds(500))
                leaders = await roles.leaders
                #expect(leaders.count == 1)
                guard let first = leaders.first else {
                    group.cancelAll()
                    return
                }
                // The leader steps down (as when its connection breaks): the other takes over.
                await roles.stepDown(first)
                var taken = false
                for _ in 0..<100 where !taken {
                    try await Task.sleep(for: .milliseconds(100))
                    let now = await roles.leaders
                    taken = now.count == 1 && now.first != first
                }
                #expect(taken)
                group.cancelAll()
            }
        }
    }

    // MARK: Helpers

    /// Runs `body` with a running connection pool and a fresh schema name.
    static func withClient(
        _ body: @escaping @Sendable (PostgresClient, String) async throws -> Void
    ) async throws {
        let url = try #require(url)
        let client = PostgresClient(configuration: try PostgresEventStore.clientConfiguration(url: url))
        let schema = "svc_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            do {
                try await body(client, schema)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    /// An instance of the API on the shared journal: its own engine, store and ledger.
    static func api(_ client: PostgresClient, _ schema: String) async throws -> AccordAPI {
        let store = try await PostgresEventStore(client: client, schema: schema)
        let engine = try await AlignmentEngine(
            playbook: try Harness.playbook(), store: store, configuration: EngineConfiguration())
        let state = ServiceState()
        await state.markReady()
        return AccordAPI(
            engine: engine,
            configuration: ServiceConfiguration(
                dataDirectory: URL(fileURLWithPath: "/nonexistent"), webhookSecret: Harness.secret,
                apiToken: Harness.token),
            state: state, idempotency: try await PostgresIdempotencyLedger(client: client, schema: schema),
            catchesUpOnMiss: true)
    }

    static func expectProblem(
        _ code: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> IdempotencyClaim
    ) async {
        do {
            let claim = try await body()
            Issue.record("expected \(code), got \(claim)", sourceLocation: sourceLocation)
        } catch let problem as Problem {
            #expect(problem.code == code, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// Who leads, as the instances report it.
private actor Roles {
    private var leading: Set<String> = []
    private var steppingDown: Set<String> = []

    var leaders: Set<String> { leading }

    func set(_ instance: String, leads: Bool) {
        if leads { leading.insert(instance) } else { leading.remove(instance) }
    }

    func stepDown(_ instance: String) { steppingDown.insert(instance) }

    func stepsDown(_ instance: String) -> Bool { steppingDown.contains(instance) }
}
