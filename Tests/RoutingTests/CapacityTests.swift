import Foundation
import LeadModel
import Routing
import Testing

struct CapacityTests {
    @Test(arguments: [1, 3, 10])
    func openLeadCapIsNeverExceeded(_ cap: Int) throws {
        let reps = ["a", "b", "c"].map { Fixture.rep($0, capacity: RepCapacity(maxOpen: cap)) }
        let rules = RoutingRules(
            reps: reps, pools: [Fixture.pool("inbound", [("a", nil), ("b", 2), ("c", nil)])],
            defaultTarget: .pool("inbound"))
        var harness = try RoutingHarness(rules)
        var random = SplitMix64(seed: 42)
        var openLeads: [LeadID] = []
        var unassigned = 0
        for index in 0..<2_000 {
            let now = Fixture.monday.addingTimeInterval(Double(index))
            let decision = harness.route(Fixture.lead("L\(index)"), at: now)
            if case .rep = decision.owner { openLeads.append(LeadID(rawValue: "L\(index)")) } else { unassigned += 1 }
            for rep in ["a", "b", "c"] { #expect(harness.ledger.openLeads(of: rep) <= cap) }
            if !openLeads.isEmpty, Int.random(in: 0..<3, using: &random) == 0 {
                let closing = openLeads.remove(at: Int.random(in: 0..<openLeads.count, using: &random))
                harness.move(closing, to: Bool.random(using: &random) ? .won : .disqualified, at: now)
            }
        }
        #expect(unassigned > 0, "the caps were reached at some point")
    }

    @Test func repAtCapacityIsSkippedWithTheReason() throws {
        let rules = RoutingRules(
            reps: [Fixture.rep("a", capacity: RepCapacity(maxOpen: 1)), Fixture.rep("b")],
            pools: [Fixture.pool("inbound", [("a", 5), ("b", 1)])], defaultTarget: .pool("inbound"))
        var harness = try RoutingHarness(rules)
        #expect(harness.route(Fixture.lead("L1"), at: Fixture.monday).owner == .rep("a"))
        let second = harness.route(Fixture.lead("L2"), at: Fixture.monday)
        #expect(second.owner == .rep("b"))
        #expect(second.trail.contains(Reason(rule: "skip:a", detail: "at capacity: 1 open leads of 1")))
    }

    @Test func closedRejectedAndReassignedLeadsFreeCapacity() throws {
        let rules = RoutingRules(
            reps: [Fixture.rep("a", capacity: RepCapacity(maxOpen: 5)), Fixture.rep("b")], defaultTarget: .rep("a"))
        var harness = try RoutingHarness(rules)
        for index in 0..<4 { harness.route(Fixture.lead("L\(index)"), at: Fixture.monday) }
        #expect(harness.ledger.openLeads(of: "a") == 4)
        harness.move("L0", to: .won, at: Fixture.monday)
        harness.record(
            LeadEvent(
                leadID: "L1", occurredAt: Fixture.monday, actor: .system,
                payload: .dispositionRecorded(Disposition(outcome: .rejected, reasonCode: "wrong-persona"))))
        harness.record(
            LeadEvent(
                leadID: "L2", occurredAt: Fixture.monday, actor: .system,
                payload: .assigned(Assignment(owner: .rep("b"), router: "manual"))))
        harness.record(
            LeadEvent(
                leadID: "L3", occurredAt: Fixture.monday, actor: .system,
                payload: .dispositionRecorded(Disposition(outcome: .accepted))))
        #expect(harness.ledger.openLeads(of: "a") == 1)
        #expect(harness.ledger.openLeads(of: "b") == 1)
    }

    @Test func newLeadsPerDayCapResetsAtTheRepsLocalMidnight() throws {
        let rules = RoutingRules(
            reps: [
                Fixture.rep("ny", zone: "America/New_York", capacity: RepCapacity(maxNewPerDay: 1)),
                Fixture.rep("berlin", zone: "Europe/Berlin", capacity: RepCapacity(maxNewPerDay: 1)),
            ],
            pools: [Fixture.pool("ny", [("ny", nil)]), Fixture.pool("berlin", [("berlin", nil)])],
            rules: [RoutingRule(name: "de", when: [.field("country", in: ["DE"])], target: .pool("berlin"))],
            defaultTarget: .pool("ny"))
        var harness = try RoutingHarness(rules)
        // 03:00 UTC on 23 Nov: 22:00 on 22 Nov in New York, 04:00 on 23 Nov in Berlin.
        let first = Fixture.date("2026-11-23T03:00:00Z")
        #expect(harness.route(Fixture.lead("N1"), at: first).owner == .rep("ny"))
        #expect(harness.route(Fixture.lead("B1", ["country": "DE"]), at: first).owner == .rep("berlin"))
        // 04:59 UTC: 23:59 in New York, still the same local day.
        let beforeMidnight = harness.route(Fixture.lead("N2"), at: Fixture.date("2026-11-23T04:59:00Z"))
        #expect(beforeMidnight.owner == .queue("unassigned"))
        #expect(beforeMidnight.flags == [.unassigned])
        // 05:00 UTC: midnight in New York, a new day; in Berlin it is still 23 Nov.
        #expect(harness.route(Fixture.lead("N3"), at: Fixture.date("2026-11-23T05:00:00Z")).owner == .rep("ny"))
        let berlin = harness.route(Fixture.lead("B2", ["country": "DE"]), at: Fixture.date("2026-11-23T05:00:00Z"))
        #expect(berlin.owner == .queue("unassigned"))
        #expect(berlin.trail.contains { $0.detail.hasPrefix("at capacity: 1 new leads today (Europe/Berlin)") })
    }

    @Test func localDayStartsAtMidnightBeforeADaylightSavingChange() throws {
        // Berlin leaves summer time on 25 Oct 2026 at 01:00 UTC; that local day began at
        // 24 Oct 22:00 UTC (midnight CEST), though at noon the offset is +01:00.
        let rules = RoutingRules(
            reps: [Fixture.rep("berlin", zone: "Europe/Berlin", capacity: RepCapacity(maxNewPerDay: 1))],
            defaultTarget: .rep("berlin"))
        var early = try RoutingHarness(rules)
        early.route(Fixture.lead("L1"), at: Fixture.date("2026-10-24T22:30:00Z"))
        #expect(early.route(Fixture.lead("L2"), at: Fixture.date("2026-10-25T12:00:00Z")).owner == .queue("unassigned"))
        var late = try RoutingHarness(rules)
        late.route(Fixture.lead("L1"), at: Fixture.date("2026-10-24T21:30:00Z"))
        #expect(late.route(Fixture.lead("L2"), at: Fixture.date("2026-10-25T12:00:00Z")).owner == .rep("berlin"))
    }
}
