import Accord
import Foundation
import PostgresJournal
import PostgresNIO
import ScaleOutDrill

// One engine instance of the scale-out drill: an AlignmentEngine on a shared PostgreSQL journal,
// driving its share of the drill's leads (signal → handoff → touch → disposition) while it
// competes for the SLA monitor's leadership. It talks on stdin/stdout, one line at a time, so
// that a test can run several of them, kill one, and compare what each folded:
//
//   postgres-journal-node --schema S --node I --nodes N --leads L --wall-start T --speed X
//
// stdout: `ready`, `leader` (it holds the monitor lock), `ack <command> <index> <lead>` for
// every acknowledged command, `driven`, `quiet`, `digest <position> <hash>`, `failed <why>`.
// stdin: `quiesce` (stop the monitor), `digest` (catch up, print the fold's digest), `exit`.
// With `--digest-only` it opens, catches up, prints the digest and exits.

let options = NodeOptions(CommandLine.arguments)
guard let url = ProcessInfo.processInfo.environment["ACCORD_POSTGRES_URL"] else {
    say("failed ACCORD_POSTGRES_URL is not set; run under Examples/PostgresJournal/scripts/with-postgres.sh")
    exit(2)
}

var clientConfiguration = try PostgresEventStore.clientConfiguration(url: url)
clientConfiguration.options.maximumConnections = 8
let client = PostgresClient(configuration: clientConfiguration)
// For the connections outside the pool: the monitor lock's session (and a live tail's listener).
let connectionConfiguration = try PostgresEventStore.connectionConfiguration(url: url)
let clock = DrillClock(wallStart: options.wallStart, speed: options.speed)

do {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }
        defer { group.cancelAll() }
        let playbook = try DrillPlaybook.make()
        let store = try await PostgresEventStore(
            client: client, listenerConnection: connectionConfiguration, schema: options.schema,
            identity: StandardIdentityResolver(configuration: playbook.identity))
        var configuration = EngineConfiguration(now: { clock.now() }, conflictRetries: 1_000)
        configuration.sleep = { try await clock.sleep(until: $0) }
        let engine = try await AlignmentEngine(
            playbook: playbook, store: store, configuration: configuration)
        if options.digestOnly {
            say("digest \(await EngineDigest.of(engine))")
            return
        }
        say("ready")
        let node = DrillNode(engine: engine, lockConnection: connectionConfiguration, options: options, clock: clock)
        try await node.serve(commands: standardInputLines())
    }
} catch {
    say("failed \(error)")
    exit(1)
}

/// Writes one line to stdout at once (the test reads it while the process runs).
@Sendable func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// stdin's lines, read on a thread of their own so that no task blocks on them.
func standardInputLines() -> AsyncStream<String> {
    let (lines, continuation) = AsyncStream.makeStream(of: String.self)
    Thread.detachNewThread {
        while let line = readLine() { continuation.yield(line) }
        continuation.finish()
    }
    return lines
}

/// The command line.
struct NodeOptions: Sendable {
    var schema = "accord"
    var node = 0
    var nodes = 1
    var leads = 30
    var wallStart = Date().timeIntervalSince1970
    var speed = 240.0
    var digestOnly = false

    init(_ arguments: [String]) {
        var index = 1
        func value() -> String {
            index += 1
            return index < arguments.count ? arguments[index] : ""
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--schema": schema = value()
            case "--node": node = Int(value()) ?? 0
            case "--nodes": nodes = Int(value()) ?? 1
            case "--leads": leads = Int(value()) ?? 30
            case "--wall-start": wallStart = Double(value()) ?? wallStart
            case "--speed": speed = Double(value()) ?? speed
            case "--digest-only": digestOnly = true
            default: break
            }
            index += 1
        }
    }
}

/// The engine instance's work: its share of the drill, the monitor when it leads, and the
/// test's commands.
struct DrillNode: Sendable {
    let engine: AlignmentEngine
    /// How the monitor's leadership opens the connection that holds its lock.
    let lockConnection: PostgresConnection.Configuration
    let options: NodeOptions
    let clock: DrillClock

    /// Drives the node's leads and competes for the monitor until told to quiesce, then answers
    /// `digest` until `exit` or the end of stdin.
    func serve(commands: AsyncStream<String>) async throws {
        var lines = commands.makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { work in
            work.addTask { try await leadTheMonitor() }
            work.addTask {
                try await drive()
                say("driven")
            }
            while let line = await lines.next(), line != "quiesce" {}
            work.cancelAll()
            do {
                try await work.waitForAll()
            } catch is CancellationError {}
        }
        say("quiet")
        while let line = await lines.next(), line != "exit" {
            if line == "digest" {
                try await engine.catchUp()
                say("digest \(await EngineDigest.of(engine))")
            }
        }
    }

    /// The node's leads (every `nodes`-th), four at a time: a quote request (handed off and
    /// routed at once), then for one lead in three a touch, for one in three a touch and a
    /// disposition, and for the rest nothing, so their response clocks warn, breach and escalate.
    func drive() async throws {
        let mine = Array(stride(from: options.node, to: options.leads, by: options.nodes))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for (slot, index) in mine.enumerated() where slot % 4 == worker {
                        try await work(on: index)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private func work(on index: Int) async throws {
        let signal = Signal(
            kind: .quoteRequested, occurredAt: clock.now(), source: "website", idempotencyKey: "sig-\(index)")
        let result = try await engine.record(signal, from: DrillPlaybook.person(index))
        let lead = result.leadID
        say("ack signal \(index) \(lead)")
        try await Task.sleep(for: .milliseconds(30))
        guard case .rep(let rep) = result.state.owner, index % 3 != 2 else { return }
        _ = try await engine.recordTouch(Touch(channel: .call, by: rep, note: "touch-\(index)"), on: lead)
        say("ack touch \(index) \(lead)")
        guard index % 3 == 1 else { return }
        _ = try await engine.recordDisposition(
            Disposition(outcome: .accepted, note: "disposition-\(index)"), on: lead, by: .person(rep))
        say("ack disposition \(index) \(lead)")
    }

    /// Runs the engine's monitor — ``Accord/AlignmentEngine/tick()`` (response clocks) and
    /// ``Accord/AlignmentEngine/rescoreDue()`` (score decay) — while this node leads: it holds
    /// the session advisory lock `accord.sla-monitor.<schema>` (see
    /// ``PostgresJournal/AdvisoryLockLeadership``) on a connection of its own, outside the pool;
    /// the other nodes try it every 200 ms and one takes over when the leader's connection closes.
    func leadTheMonitor() async throws {
        let leadership = AdvisoryLockLeadership(
            connection: lockConnection, name: "accord.sla-monitor.\(options.schema)")
        try await leadership.run(
            onElected: { say("leader") },
            onError: { error in
                FileHandle.standardError.write(Data("monitor: \(error); trying again\n".utf8))
            },
            round: {
                try await engine.tick()
                try await engine.rescoreDue()
                let check = clock.now().addingTimeInterval(0.1 * clock.speed)
                var next = check
                for due in [await engine.nextClockDue, await engine.nextRescoreDue()].compactMap({ $0 }) {
                    next = min(next, due)
                }
                try await clock.sleep(until: next)
            })
    }
}
