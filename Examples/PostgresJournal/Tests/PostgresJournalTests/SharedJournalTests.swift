import Accord
import Foundation
import PostgresJournal
import ScaleOutDrill
import Testing

/// Several engines sharing one database: three `postgres-journal-node` processes, each an
/// `AlignmentEngine` on the same PostgreSQL journal, drive signals, handoffs, touches and
/// dispositions at once while one of them (the advisory-lock leader) runs the SLA monitor. One is
/// killed with SIGKILL mid-run. Afterwards the journal holds every acknowledged command once, the
/// pool's turns follow each other, no cap was ever exceeded, every SLA step fired once and
/// nothing due was left unfired, and every surviving instance folds the same state as a fresh one.
struct SharedJournalTests {
    static let leads = 45
    /// Simulated seconds per second: the standard playbook's 16-minute first-touch clock breaches
    /// four seconds after a handoff.
    static let speed = 240.0

    @Test(.timeLimit(.minutes(3)))
    func threeEngineProcessesShareOneJournalAndSurviveAKill() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            let store = try await PostgresEventStore(client: database.client, schema: schema)
            let clock = DrillClock(wallStart: Date().timeIntervalSince1970, speed: Self.speed)
            let nodes = try (0..<3).map { index in
                try NodeProcess(name: "node \(index)", arguments: Self.arguments(schema, clock, node: index))
            }
            for node in nodes { try await node.waitFor("ready") }

            // Kill the monitor's leader once it acknowledged a few commands: the others carry
            // on, and one of them takes the monitor over.
            let leader = try await Self.leader(among: nodes)
            try await nodes[leader].waitFor("ack", count: 4)
            nodes[leader].kill()
            let killed = nodes[leader]
            let survivors = nodes.filter { $0 !== killed }
            for node in survivors { try await node.waitFor("driven") }
            // Let every first-touch clock of the drive pass its deadline, its breach and
            // escalation fire, then stop the monitors.
            try await Task.sleep(for: .seconds(20 * 60 / Self.speed + 1))
            let quiesced = clock.now()
            for node in survivors { node.send("quiesce") }
            for node in survivors { try await node.waitFor("quiet") }
            #expect(
                survivors.contains { !$0.lines(startingWith: "leader").isEmpty },
                "a surviving node took the monitor over")

            var events: [LeadEvent] = []
            for try await event in store.events(from: .start) { events.append(event) }
            let acks = nodes.flatMap { $0.lines(startingWith: "ack ") }
            print(
                "scale-out drill: \(events.count) events, \(acks.count) acknowledged commands "
                    + "(\(killed.lines(startingWith: "ack ").count) by the killed \(killed.name)), leaders: "
                    + nodes.map { "\($0.name) \($0.lines(startingWith: "leader").count)x" }.joined(separator: ", ")
                    + ", breaches: \(events.filter { $0.payload.kind == "sla-breached" }.count)"
                    + ", escalations: \(events.filter { $0.payload.kind == "sla-escalated" }.count)")
            Self.expectEveryAcknowledgedCommandOnce(acks, in: events)
            try Self.expectTurnsFollowAndCapsHold(events)
            Self.expectEachSLAStepOnce(events)

            // Nothing was due and left unfired: a tick as of shortly before the monitors stopped
            // has nothing to record.
            var configuration = EngineConfiguration(now: { quiesced.addingTimeInterval(-120) })
            configuration.conflictRetries = 10
            let checker = try await AlignmentEngine(
                playbook: try DrillPlaybook.make(), store: store, configuration: configuration)
            #expect(try await checker.tick() == 0, "the monitor's leader fired every step that was due")

            // Each instance, caught up, folds the same state as a fresh one.
            let fresh = try NodeProcess(
                name: "fresh", arguments: Self.arguments(schema, clock, node: 0) + ["--digest-only"])
            let expected = try await fresh.waitFor("digest")
            fresh.finish()
            for node in survivors {
                node.send("digest")
                #expect(try await node.waitFor("digest") == expected, "\(node.name) folds what a fresh engine folds")
                node.send("exit")
                node.finish()
            }
        }
    }

    /// The node that holds the monitor's lock, once one does.
    static func leader(among nodes: [NodeProcess]) async throws -> Int {
        for _ in 0..<500 {
            if let index = nodes.firstIndex(where: { !$0.lines(startingWith: "leader").isEmpty }) { return index }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw NodeProcess.Failure(description: "no node took the SLA monitor's lock within 10 seconds")
    }

    static func arguments(_ schema: String, _ clock: DrillClock, node: Int) -> [String] {
        [
            "--schema", schema, "--node", String(node), "--nodes", "3", "--leads", String(leads),
            "--wall-start", String(clock.wallStart), "--speed", String(clock.speed),
        ]
    }

    /// Each `ack <command> <index> <lead>` line is in the journal exactly once.
    static func expectEveryAcknowledgedCommandOnce(_ acks: [String], in events: [LeadEvent]) {
        #expect(acks.count >= 30, "the nodes acknowledged commands: \(acks.count)")
        var signals: [String: Int] = [:]
        var touches: [String: Int] = [:]
        var dispositions: [String: Int] = [:]
        for event in events {
            switch event.payload {
            case .signalRecorded: if let key = event.idempotencyKey { signals[key, default: 0] += 1 }
            case .touched(let touch): if let note = touch.note { touches[note, default: 0] += 1 }
            case .dispositionRecorded(let disposition):
                if let note = disposition.note { dispositions[note, default: 0] += 1 }
            default: break
            }
        }
        for ack in acks {
            let parts = ack.split(separator: " ").map(String.init)
            guard parts.count == 4 else {
                Issue.record("a malformed acknowledgement: \(ack)")
                continue
            }
            let count: Int
            switch parts[1] {
            case "signal": count = signals["sig-\(parts[2])"] ?? 0
            case "touch": count = touches["touch-\(parts[2])"] ?? 0
            default: count = dispositions["disposition-\(parts[2])"] ?? 0
            }
            #expect(count == 1, "\(ack) is in the journal \(count) times")
        }
    }

    /// Replays the pool's turns and the reps' loads in journal order: each turn is the one the
    /// rotation gives after those before it (two engines taking one turn would break that), and
    /// no assignment takes a rep past its cap.
    static func expectTurnsFollowAndCapsHold(_ events: [LeadEvent]) throws {
        var rotation = PoolRotation()
        var ledger = RoutingLedger(rules: try DrillPlaybook.make().routing!)
        var turns = 0
        for event in events {
            ledger.apply(event)
            guard case .assigned(let assignment) = event.payload, case .rep(let rep) = assignment.owner else {
                continue
            }
            #expect(ledger.openLeads(of: rep) <= DrillPlaybook.caps[rep]!, "\(rep) went over the cap")
            guard let turn = event.reasons.first(where: { $0.rule == "pool-turn:\(DrillPlaybook.pool)" }) else {
                continue
            }
            let candidates = turn.detail.split(separator: ",").map { token in
                let parts = token.split(separator: "=")
                return PoolRotation.Candidate(rep: String(parts[0]), weight: Int(parts[1]) ?? 0)
            }
            let chosen = try #require(rotation.choose(among: candidates))
            #expect(candidates[chosen].rep == rep, "turn \(turns + 1) went to \(rep)")
            rotation.record(candidates, chosen: rep)
            turns += 1
        }
        #expect(turns >= 10, "leads were routed through the pool: \(turns) turns")
        let claims = events.filter { $0.leadID == TurnClaim.stream(pool: DrillPlaybook.pool) }
        #expect(claims.count == turns, "one claim per turn")
    }

    /// No warning, breach or escalation step is recorded twice for one clock, and some fired.
    static func expectEachSLAStepOnce(_ events: [LeadEvent]) {
        var steps: [String: Int] = [:]
        for event in events {
            switch event.payload {
            case .slaWarned(let clock): steps["\(event.leadID) warned \(clock)", default: 0] += 1
            case .slaBreached(let clock): steps["\(event.leadID) breached \(clock)", default: 0] += 1
            case .slaEscalated(let escalation):
                steps["\(event.leadID) escalated \(escalation.clockID) \(escalation.step)", default: 0] += 1
            default: break
            }
        }
        #expect(steps.keys.contains { $0.contains(" breached ") }, "the drill breached some clocks")
        #expect(steps.keys.contains { $0.contains(" escalated ") }, "the drill escalated some clocks")
        for (step, count) in steps where count != 1 { Issue.record("\(step) fired \(count) times") }
    }
}
