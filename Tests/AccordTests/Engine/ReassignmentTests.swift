import Accord
import Foundation
import LeadModel
import Routing
import SLA
import Testing

/// Leads move between owners with a reason: a rep leaves, a manager reroutes, and the SLA ladder's
/// `reassign` and `return-to-pool` steps act; clocks restart or keep as the tier says.
struct ReassignmentTests {
    static let routing = """
        {"reps": [{"id": "ana", "manager": "mia"}, {"id": "bo", "manager": "mia"}, {"id": "cy"}],
         "pools": [{"name": "inbound", "members": [{"rep": "ana"}, {"rep": "bo"}, {"rep": "cy"}]}],
         "default": {"pool": "inbound"}}
        """

    /// A hot tier of 15 wall-clock minutes whose ladder is `steps`, each at the deadline plus `after`.
    static func playbook(steps: String, onReassignment: String) throws -> Playbook {
        var playbook = Playbook.standard
        playbook.routing = try JSONDecoder().decode(RoutingRules.self, from: Data(routing.utf8))
        let sla = """
            {"tiers": [{"name": "hot", "covers": {"tiers": ["hot"]}, "firstTouch": {"within": "15m", "clock": "wall"},
                        "onReassignment": "\(onReassignment)", "escalation": [\(steps)]}]}
            """
        playbook.sla = try JSONDecoder().decode(SLAConfiguration.self, from: Data(sla.utf8))
        return playbook
    }

    func engine(
        _ playbook: Playbook, clock: ManualClock, sinks: [any NotificationSink] = []
    ) async throws -> AlignmentEngine {
        try await AlignmentEngine(
            playbook: playbook, store: InMemoryEventStore(),
            configuration: EngineConfiguration(now: { clock.now }, sinks: sinks))
    }

    func handOff(_ engine: AlignmentEngine, _ index: Int, clock: ManualClock) async throws -> LeadState {
        let person = Lead(id: "", email: "buyer\(index)@firm\(index).com", company: "Firm \(index)", source: "web")
        return try await engine.record(Signal(kind: .quoteRequested, occurredAt: clock.now), from: person).state
    }

    func assignments(_ engine: AlignmentEngine, _ id: LeadID) async throws -> [LeadEvent] {
        try await engine.timeline(of: id).filter { $0.payload.kind == "assigned" }
    }

    @Test func aRepWhoLeavesHasEveryOpenLeadRerouted() async throws {
        let clock = ManualClock()
        let engine = try await engine(try Self.playbook(steps: "", onReassignment: "keep"), clock: clock)
        var leads: [LeadState] = []
        for index in 0..<6 { leads.append(try await handOff(engine, index, clock: clock)) }
        let anas = leads.filter { $0.owner == .rep("ana") }.map(\.id)
        #expect(anas.count == 2)
        let moved = try await engine.repLeft("ana", by: .person("mia"), reason: "left the company")
        #expect(moved.map(\.0) == anas.sorted())
        for (id, owner) in moved {
            #expect(owner != .rep("ana"))
            let last = try #require(try await assignments(engine, id).last)
            #expect(last.reasons.first == Reason(rule: "reassign:rep-left", detail: "ana left: left the company"))
            #expect(last.reasons.contains { $0.rule == "skip:ana" && $0.detail.hasPrefix("excluded") })
        }
        let statuses = try #require(await engine.repStatuses())
        #expect(statuses.first { $0.rep == "ana" }?.openLeads == 0)
        #expect(statuses.map(\.openLeads).reduce(0, +) == 6, "loads follow the leads")
        #expect(try await engine.repLeft("ana", by: .person("mia"), reason: "again").isEmpty)
    }

    @Test func aManagerReroutesAwayFromTheCurrentOwner() async throws {
        let clock = ManualClock()
        let engine = try await engine(try Self.playbook(steps: "", onReassignment: "keep"), clock: clock)
        let lead = try await handOff(engine, 0, clock: clock)
        let before = try #require(lead.owner)
        let deadline = try #require(lead.openClocks.values.first?.deadline)
        clock.advance(by: 120)
        let after = try await engine.reroute(lead.id, by: .person("mia"), reason: "customer asked for a German speaker")
        #expect(after.owner != before)
        #expect(after.openClocks.values.first?.deadline == deadline, "the tier keeps the clock")
        let last = try #require(try await assignments(engine, lead.id).last)
        #expect(last.reasons.first?.rule == "reassign:manual")
    }

    @Test(arguments: [("restart", true), ("keep", false)])
    func theReassignStepMovesTheLeadAndTheTierDecidesTheClock(_ rule: String, _ restarts: Bool) async throws {
        let clock = ManualClock()
        let playbook = try Self.playbook(steps: #"{"step": "reassign", "after": "10m"}"#, onReassignment: rule)
        let engine = try await engine(playbook, clock: clock)
        let lead = try await handOff(engine, 0, clock: clock)
        let clockID = try #require(lead.openClocks.keys.first)
        clock.advance(by: 15 * 60)
        #expect(try await engine.tick() == 1, "breach")
        clock.advance(by: 10 * 60)
        try await engine.tick()
        let state = try #require(await engine.state(of: lead.id))
        #expect(state.owner != lead.owner)
        let last = try #require(try await assignments(engine, lead.id).last)
        #expect(last.reasons.first?.rule == "sla-escalation:reassign")
        // The escalation names who received the lead, and comes before the assignment it made.
        let timeline = try await engine.timeline(of: lead.id).map(\.payload)
        let escalated = try #require(
            timeline.lastIndex { if case .slaEscalated = $0 { true } else { false } })
        guard case .slaEscalated(let escalation) = timeline[escalated] else { return }
        #expect(escalation.target == state.owner)
        #expect(timeline[(escalated + 1)...].contains { $0.kind == "assigned" })
        let starts = try await engine.timeline(of: lead.id).filter { $0.payload.kind == "sla-started" }
        #expect(starts.count == (restarts ? 2 : 1))
        if restarts {
            #expect(state.openClocks[clockID]?.deadline == clock.now.addingTimeInterval(15 * 60))
            #expect(state.openClocks[clockID]?.owner == state.owner)
        } else {
            #expect(state.openClocks.isEmpty)
        }
    }

    @Test func returnToPoolPutsTheLeadInItsPoolsQueue() async throws {
        let clock = ManualClock()
        let playbook = try Self.playbook(steps: #"{"step": "return-to-pool", "after": "0m"}"#, onReassignment: "keep")
        let engine = try await engine(playbook, clock: clock)
        let lead = try await handOff(engine, 0, clock: clock)
        clock.advance(by: 16 * 60)
        try await engine.tick()
        let state = try #require(await engine.state(of: lead.id))
        #expect(state.owner == .queue("inbound"))
        let escalation = try await engine.timeline(of: lead.id).compactMap { event -> SLAEscalation? in
            if case .slaEscalated(let escalation) = event.payload { escalation } else { nil }
        }.last
        #expect(escalation?.target == .queue("inbound"), "the escalation names where the lead went")
        let statuses = try #require(await engine.repStatuses())
        #expect(statuses.map(\.openLeads).reduce(0, +) == 0)
    }

    @Test func notifyManagerIsDeliveredToTheOwnersManager() async throws {
        let clock = ManualClock()
        let collector = NotificationSinkTests.Collector()
        let playbook = try Self.playbook(
            steps: #"{"step": "warn-owner", "after": "0m"}, {"step": "notify-manager", "after": "5m"}"#,
            onReassignment: "keep")
        let engine = try await engine(playbook, clock: clock, sinks: [collector])
        let lead = try await handOff(engine, 0, clock: clock)
        #expect(lead.owner == .rep("ana"))
        clock.advance(by: 20 * 60)
        try await engine.tick()
        let escalations = await collector.received.compactMap { note -> SLAEscalation? in
            guard case .slaEscalated(let id, let escalation) = note, id == lead.id else { return nil }
            return escalation
        }
        #expect(escalations.map(\.step) == ["warn-owner", "notify-manager"])
        #expect(escalations.last?.target == .rep("mia"))
        #expect(escalations.first?.target == .rep("ana"))
    }
}
