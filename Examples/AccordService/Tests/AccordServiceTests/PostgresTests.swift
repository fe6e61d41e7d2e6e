import Accord
import AccordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import LeadModel
import Logging
import NIOCore
import NIOFoundationCompat
import PostgresJournal
import PostgresNIO
import Testing

/// Instances sharing one PostgreSQL journal: keyed retries answered by any instance, one leader
/// (``SharedEngineService`` on ``PostgresJournal/AdvisoryLockLeadership``) and its takeovers.
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

    @Test func oneInstanceLeadsAndACancelledLeaderLeavesTheLockToTheOther() async throws {
        try await Self.withClient { client, schema in
            let instances = [
                try await Self.instance("a", client, schema), try await Self.instance("b", client, schema),
            ]
            try await Self.running(instances) { tasks in
                #expect(try await Self.eventually { await Self.leaders(instances).count == 1 })
                // Both have tried the lock several times since (every 100 ms): still one leader.
                try await Task.sleep(for: .milliseconds(500))
                let leaders = await Self.leaders(instances)
                try #require(leaders.count == 1)
                let leader = leaders[0]
                let follower = 1 - leader
                #expect(await instances[follower].state.leads == false)
                // The follower folds what the leader's instance appends.
                _ = try await instances[leader].engine.capture(Lead(id: "", email: "ana@acme.com"))
                #expect(try await Self.eventually { await instances[follower].engine.leadCount == 1 })
                // The leader's task is cancelled: its service stops, the lock's own connection
                // closes, and the server releases the lock, so the follower takes it.
                tasks[leader].cancel()
                try await tasks[leader].value
                #expect(await instances[leader].state.leads == false)
                #expect(try await Self.eventually { await instances[follower].state.leads == true })
                // The only session holding the lock is the new leader's own connection: no pooled
                // connection was left holding it.
                #expect(try await Self.lockHolders(client, schema) == ["\(schema)-\(instances[follower].name)"])
            }
        }
    }

    @Test func aLeaderWhoseLockSessionIsDroppedStopsLeading() async throws {
        try await Self.withClient { client, schema in
            let instances = [
                try await Self.instance("a", client, schema), try await Self.instance("b", client, schema),
            ]
            try await Self.running(instances) { _ in
                #expect(try await Self.eventually { await Self.leaders(instances).count == 1 })
                let leaders = await Self.leaders(instances)
                try #require(leaders.count == 1)
                let leader = instances[leaders[0]]
                // The server ends the leader's lock session (as when the network between them
                // breaks): the leader notices at its next check, stops leading, and one instance
                // leads again (usually the other, which tries the lock every 100 ms).
                _ = try await client.query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = \("\(schema)-\(leader.name)")"
                ).collect()
                #expect(
                    try await Self.eventually {
                        leader.log.entries.contains { $0.message.description == "lost the lead: following" }
                    })
                #expect(try await Self.eventually { await Self.leaders(instances).count == 1 })
                try await Task.sleep(for: .milliseconds(300))
                #expect(await Self.leaders(instances).count == 1)
                #expect(try await Self.lockHolders(client, schema).count == 1)
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

    /// An instance of the engine's background work on the shared journal, trying the lock every
    /// 100 ms on a connection of its own named `<schema>-<name>`.
    static func instance(_ name: String, _ client: PostgresClient, _ schema: String) async throws -> SharedInstance {
        var connection = try PostgresEventStore.connectionConfiguration(url: try #require(url))
        connection.options.additionalStartupParameters = [("application_name", "\(schema)-\(name)")]
        let store = try await PostgresEventStore(client: client, schema: schema)
        let engine = try await AlignmentEngine(
            playbook: try Harness.playbook(), store: store, configuration: EngineConfiguration())
        let state = ServiceState()
        let log = InMemoryLogHandler()
        let leadership = AdvisoryLockLeadership(
            connection: connection, name: "accord-service-leader:\(schema)", retryInterval: .milliseconds(100))
        let service = SharedEngineService(
            engine: engine, leadership: leadership, outbox: nil, followerInterval: .milliseconds(100), state: state,
            logger: Logger(label: "accord-service.\(name)") { _ in log })
        return SharedInstance(name: name, engine: engine, state: state, service: service, log: log)
    }

    /// Runs each instance's service in a task of its own while `body` runs, then cancels the
    /// tasks and waits for them.
    static func running(
        _ instances: [SharedInstance], _ body: ([Task<Void, any Error>]) async throws -> Void
    ) async throws {
        let tasks = instances.map { instance in Task { try await instance.service.run() } }
        do {
            try await body(tasks)
        } catch {
            for task in tasks { task.cancel() }
            for task in tasks { _ = try? await task.value }
            throw error
        }
        for task in tasks { task.cancel() }
        // A service stopped by cancellation returns: it does not throw.
        for task in tasks { try await task.value }
    }

    /// The indexes of the instances that say they lead.
    static func leaders(_ instances: [SharedInstance]) async -> [Int] {
        var leaders: [Int] = []
        for (index, instance) in instances.enumerated() where await instance.state.leads == true {
            leaders.append(index)
        }
        return leaders
    }

    /// The `application_name`s of the sessions holding the leader lock of `schema`.
    static func lockHolders(_ client: PostgresClient, _ schema: String) async throws -> [String] {
        // A bigint advisory key's low 32 bits are `objid` (`objsubid` 1).
        let rows = try await client.query(
            """
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.objid = (hashtext(\("accord-service-leader:\(schema)"))::bigint & 4294967295)::oid
            """)
        var holders: [String] = []
        for try await name in rows.decode(String.self) { holders.append(name) }
        return holders
    }

    /// Whether `condition` holds within `limit` (checked every 50 ms; generous for a loaded
    /// machine).
    static func eventually(
        within limit: Duration = .seconds(10), _ condition: () async throws -> Bool
    ) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        while clock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
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

/// One instance's background work on the shared journal, as the service runs it: its own store,
/// engine, role and lock connection (named `<schema>-<name>` on the server).
struct SharedInstance: Sendable {
    let name: String
    let engine: AlignmentEngine
    let state: ServiceState
    let service: SharedEngineService
    /// What the service logged (taking and losing the lead).
    let log: InMemoryLogHandler
}
