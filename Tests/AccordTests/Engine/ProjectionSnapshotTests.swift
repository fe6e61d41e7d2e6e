import Foundation
import LeadModel
import Routing
import SLA
import Testing

@testable import Accord

/// The router's ledger and the SLA monitor are saved with the lead states, so that an engine
/// opens without folding the journal again; loaded and then caught up, they equal what the
/// writer folded live.
struct ProjectionSnapshotTests {
    /// Three reps in a pool, a hot tier of 15 wall-clock minutes with a two-step ladder.
    static func playbook(reps: [String] = ["ana", "bo", "cy"], escalation: String = "10m") throws -> Playbook {
        var playbook = Playbook.standard
        let members = reps.map { #"{"rep": "\#($0)"}"# }.joined(separator: ",")
        let routing = """
            {"reps": [\(reps.map { #"{"id": "\#($0)", "manager": "mia"}"# }.joined(separator: ","))],
             "pools": [{"name": "inbound", "members": [\(members)]}], "default": {"pool": "inbound"}}
            """
        playbook.routing = try JSONDecoder().decode(RoutingRules.self, from: Data(routing.utf8))
        let sla = """
            {"tiers": [{"name": "hot", "covers": {"tiers": ["hot"]}, "firstTouch": {"within": "15m", "clock": "wall"},
                        "onReassignment": "keep",
                        "escalation": [{"step": "warn-owner", "after": "0m"},
                                       {"step": "notify-manager", "after": "\(escalation)"}]}]}
            """
        playbook.sla = try JSONDecoder().decode(SLAConfiguration.self, from: Data(sla.utf8))
        return playbook
    }

    func handOff(_ engine: AlignmentEngine, _ index: Int, clock: ManualClock) async throws {
        let person = Lead(id: "", email: "buyer\(index)@firm\(index % 5).com", company: "Firm \(index)", source: "web")
        _ = try await engine.record(Signal(kind: .quoteRequested, occurredAt: clock.now), from: person)
    }

    /// Handoffs, breaches and escalations, a touch, and more handoffs after the snapshot.
    func writer(store: InMemoryEventStore, clock: ManualClock) async throws -> AlignmentEngine {
        let engine = try await open(Self.playbook(), store, clock)
        for index in 0..<9 {
            try await handOff(engine, index, clock: clock)
            clock.advance(by: 4 * 60)
            try await engine.tick()
        }
        let first = try #require(await engine.activeLeads().first { $0.owner != nil })
        try await engine.recordTouch(Touch(channel: .call, by: "ana"), on: first.id)
        clock.advance(by: 20 * 60)
        try await engine.tick()
        return engine
    }

    /// A writer that saved its snapshots, with its store, clock and the snapshots' position.
    func snapshotted() async throws -> (
        store: InMemoryEventStore, clock: ManualClock, live: AlignmentEngine, position: JournalPosition
    ) {
        let store = InMemoryEventStore()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
        let live = try await writer(store: store, clock: clock)
        #expect(try await live.saveSnapshot())
        return (store, clock, live, try #require(await live.journalPosition))
    }

    func open(_ playbook: Playbook, _ store: InMemoryEventStore, _ clock: ManualClock) async throws -> AlignmentEngine {
        try await AlignmentEngine(
            playbook: playbook, store: store, configuration: EngineConfiguration(now: { clock.now }))
    }

    func dueActions(_ engine: AlignmentEngine) async -> [SLADueAction] {
        await engine.projections.monitor.due(at: .distantFuture)
    }

    @Test func theLedgerAndTheClocksLoadedAndCaughtUpEqualTheLiveOnes() async throws {
        let store = InMemoryEventStore()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
        let live = try await writer(store: store, clock: clock)
        #expect(try await live.saveSnapshot())
        for index in 9..<13 { try await handOff(live, index, clock: clock) }
        let snapshotPosition = try #require(await store.loadSnapshot(named: EngineProjections.snapshotName)?.position)

        let reopened = try await open(Self.playbook(), store, clock)
        // The ledger and monitor snapshots load (a probe, since loading sets them back to the
        // snapshot's position).
        var probe = await reopened.projections
        #expect(try await probe.loadRoutingAndClocks(from: store, at: snapshotPosition), "the snapshots are used")
        #expect(await reopened.projections.routingLedger == (await live.projections.routingLedger))
        #expect(
            await reopened.projections.routingLedger.eventCount == (await live.projections.routingLedger.eventCount))
        #expect(await reopened.projections.monitor.count == (await live.projections.monitor.count))
        #expect(await reopened.nextClockDue == (await live.nextClockDue))
        let actions = await dueActions(live)
        #expect(!actions.isEmpty)
        #expect(await dueActions(reopened) == actions)

        // Both go on alike: the next handoff takes the same pool turn.
        try await handOff(reopened, 20, clock: clock)
        let routed = try #require(await reopened.activeLeads().first { $0.lead.email == "buyer20@firm0.com" })
        #expect(routed.owner != nil)
        let ledger = await reopened.projections.routingLedger
        var folded = RoutingLedger(rules: try #require(Self.playbook().routing))
        folded.apply(contentsOf: await store.read(from: .start, limit: .max))
        #expect(ledger == folded)
    }

    /// A ledger snapshot with one more assignment than the journal holds: the reopened engine
    /// has it, so it read the snapshot rather than folding the journal.
    @Test func theEngineOpensFromTheSavedLedgerRatherThanTheJournal() async throws {
        let (store, clock, live, position) = try await snapshotted()
        var doctored = await live.projections.routingLedger
        doctored.apply(
            LeadEvent(
                leadID: "not-in-the-journal", occurredAt: clock.now, actor: .system,
                payload: .assigned(Assignment(owner: .rep("cy"), router: "manual"))))
        await store.saveSnapshot(
            named: EngineProjections.ledgerSnapshotName, at: position,
            bytes: RoutingLedgerSnapshot.encode(doctored.snapshot))
        let reopened = try await open(Self.playbook(), store, clock)
        #expect(await reopened.projections.routingLedger == doctored)
        #expect(await reopened.projections.routingLedger.owner(of: "not-in-the-journal") == "cy")
    }

    @Test(arguments: [
        (["ana", "bo", "cy", "dee"], "10m"), (["bo", "ana", "cy"], "10m"), (["ana", "bo", "cy"], "20m"),
    ])
    func aChangedRosterOrLadderFoldsTheJournalInstead(reps: [String], escalation: String) async throws {
        let (store, clock, _, position) = try await snapshotted()

        let changed = try Self.playbook(reps: reps, escalation: escalation)
        let reopened = try await open(changed, store, clock)
        var probe = await reopened.projections
        #expect(try await !probe.loadRoutingAndClocks(from: store, at: position))
        let events = await store.read(from: .start, limit: .max)
        var folded = RoutingLedger(rules: try #require(changed.routing))
        folded.apply(contentsOf: events)
        #expect(await reopened.projections.routingLedger == folded)
        var monitor = SLAMonitor(policy: await reopened.projections.monitor.policy)
        for event in events { monitor.apply(event) }
        #expect(await dueActions(reopened) == monitor.due(at: .distantFuture))
    }

    @Test func aDamagedLedgerSnapshotFoldsTheJournalInstead() async throws {
        let (store, clock, live, position) = try await snapshotted()
        await store.saveSnapshot(named: EngineProjections.ledgerSnapshotName, at: position, bytes: Array("{}".utf8))
        let reopened = try await open(Self.playbook(), store, clock)
        guard case .loaded = await reopened.snapshotStatus else {
            Issue.record("the lead states should still load: \(await reopened.snapshotStatus)")
            return
        }
        var probe = await reopened.projections
        #expect(try await !probe.loadRoutingAndClocks(from: store, at: position))
        #expect(await reopened.projections.routingLedger == (await live.projections.routingLedger))
        #expect(await dueActions(reopened) == (await dueActions(live)))
    }
}
