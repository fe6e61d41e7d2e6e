import Accord
import Foundation
import LeadModel
import Routing
import Testing

/// The playbook's routing section, run by the engine at handoff.
struct PlaybookRoutingTests {
    static let routing = """
        {"reps": [{"id": "ana", "weight": 2}, {"id": "bo", "capacity": {"maxOpen": 100}}],
         "pools": [{"name": "inbound", "members": [{"rep": "ana"}, {"rep": "bo"}]}],
         "rules": [{"name": "partners", "when": [{"field": "source", "in": ["partner"]}], "target": {"queue": "partner-desk"}}],
         "default": {"pool": "inbound"}}
        """

    static func playbook() throws -> Playbook {
        var playbook = Playbook.standard
        playbook.routing = try JSONDecoder().decode(RoutingRules.self, from: Data(routing.utf8))
        return playbook
    }

    func handOff(_ count: Int, offset: Int, store: any EventStore, clock: ManualClock) async throws -> [Owner?] {
        let engine = try await makeEngine(store: store, clock: clock, playbook: try Self.playbook())
        var owners: [Owner?] = []
        for index in offset..<(offset + count) {
            clock.advance(by: 60)
            let person = Lead(
                id: "", email: "person\(index)@company\(index).com", company: "Company \(index)", source: "website")
            let result = try await engine.record(Signal(kind: .quoteRequested, occurredAt: clock.now), from: person)
            owners.append(result.state.owner)
        }
        return owners
    }

    @Test func handoffsTakeWeightedTurnsThatSurviveAReopen() async throws {
        let clock = ManualClock()
        let store = InMemoryEventStore()
        let first = try await handOff(6, offset: 0, store: store, clock: clock)
        let afterReopen = try await handOff(3, offset: 6, store: store, clock: clock)
        let continuous = try await handOff(9, offset: 0, store: InMemoryEventStore(), clock: ManualClock())
        #expect(first + afterReopen == continuous)
        let reps = continuous.compactMap { owner -> String? in
            if case .rep(let id)? = owner { return id }
            return nil
        }
        #expect(reps.count == 9)
        #expect(reps.filter { $0 == "ana" }.count == 6)
    }

    @Test func theAssignmentCarriesTheRoutingTrailAndTheClockStarts() async throws {
        let clock = ManualClock()
        let engine = try await makeEngine(clock: clock, playbook: try Self.playbook())
        let partner = Lead(id: "", email: "pat@partner.io", company: "Partner", source: "partner")
        let result = try await engine.record(Signal(kind: .demoRequested, occurredAt: clock.now), from: partner)
        #expect(result.state.owner == .queue("partner-desk"))
        let assigned = try #require(
            try await engine.timeline(of: result.leadID).first { $0.payload.kind == "assigned" })
        #expect(assigned.reasons.contains { $0.rule.contains("partners") })
    }

    @Test func invalidRoutingIsReportedByJSONPath() throws {
        var playbook = try Self.playbook()
        playbook.routing?.defaultTarget = .pool("nobody")
        #expect(playbook.validate().contains { $0.path.hasPrefix("$.routing.") })
    }
}

extension PlaybookRoutingTests {
    @Test func aSecondLeadFromAnOwnedAccountGoesToTheAccountOwner() async throws {
        let clock = ManualClock()
        let engine = try await makeEngine(clock: clock, playbook: try Self.playbook())
        var owners: [Owner?] = []
        for name in ["ana", "bo", "cy"] {
            clock.advance(by: 60)
            let person = Lead(id: "", email: "\(name)@bigco.com", company: "BigCo", source: "website")
            owners.append(
                try await engine.record(Signal(kind: .quoteRequested, occurredAt: clock.now), from: person).state.owner)
        }
        #expect(Set(owners).count == 1)
    }
}

struct DemoTeamTests {
    @Test func theDemoTeamIsAValidRoutingSection() throws {
        #expect(DemoTeam.routing.problems().isEmpty)
        #expect(DemoTeam.routing.reps.count == 5)
        _ = try RuleRouter(rules: DemoTeam.routing)
    }
}

extension PlaybookRoutingTests {
    @Test func aHotLeadOfAnOwnerWhoIsOffForTheNightGoesToTheirBackup() async throws {
        let routing = """
            {"reps": [{"id": "ana", "timeZone": "America/New_York", "backup": "bo",
                       "workingHours": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"]}},
                      {"id": "bo"}],
             "pools": [{"name": "inbound", "members": [{"rep": "ana"}]}],
             "default": {"pool": "inbound"},
             "ownerAway": {"tiers": {"hot": "protect-sla"}}}
            """
        var playbook = Playbook.standard
        playbook.routing = try JSONDecoder().decode(RoutingRules.self, from: Data(routing.utf8))
        #expect(playbook.validate().isEmpty)
        let clock = ManualClock()  // Monday 10:13 in New York
        let engine = try await makeEngine(clock: clock, playbook: playbook)
        let first = Lead(id: "", email: "kim@bigco.com", company: "BigCo", source: "website")
        let day = try await engine.record(Signal(kind: .quoteRequested, occurredAt: clock.now), from: first)
        #expect(day.state.owner == .rep("ana"))
        clock.advance(by: 13 * 3_600)  // 23:13 in New York: ana is back at 09:00, the hot tier wants 15 minutes
        let second = Lead(id: "", email: "lee@bigco.com", company: "BigCo", source: "website")
        let night = try await engine.record(Signal(kind: .quoteRequested, occurredAt: clock.now), from: second)
        #expect(night.state.owner == .rep("bo"))
        let assigned = try #require(
            try await engine.timeline(of: night.leadID).first { $0.payload.kind == "assigned" })
        #expect(
            assigned.reasons.contains {
                $0.rule == "owner-away" && $0.detail.contains("(tier hot); protecting the SLA")
            })
        #expect(assigned.reasons.contains(Reason(rule: "backup", detail: "bo covers for ana")))

        playbook.routing?.ownerAway = OwnerAwayPolicy(tiers: ["scorching": .protectSLA])
        #expect(playbook.validate().contains { $0.path == "$.routing.ownerAway.tiers.scorching" })
    }
}
