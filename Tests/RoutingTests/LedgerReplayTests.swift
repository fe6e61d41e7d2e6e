import Foundation
import LeadModel
import Routing
import Testing

struct LedgerReplayTests {
    static let rules = RoutingRules(
        reps: [
            Fixture.rep(
                "ana", zone: "Europe/Berlin", hours: Fixture.weekdays("08:00-18:00"), capacity: .init(maxOpen: 30)),
            Fixture.rep("bob", zone: "America/New_York", capacity: .init(maxOpen: 25, maxNewPerDay: 40), weight: 2),
            Fixture.rep("cho", zone: "Asia/Tokyo", capacity: .init(maxNewPerDay: 60)),
            Fixture.rep("dev", capacity: .init(maxOpen: 20)),
        ],
        pools: [
            Fixture.pool("emea", [("ana", 3), ("dev", nil)]),
            Fixture.pool("global", [("ana", nil), ("bob", nil), ("cho", nil), ("dev", nil)]),
        ],
        rules: [
            RoutingRule(name: "emea", when: [.field("region", in: ["emea"])], target: .pool("emea")),
            RoutingRule(name: "apac", when: [.field("region", in: ["apac"])], target: .rep("cho")),
        ],
        defaultTarget: .pool("global"), coverageQueue: "after-hours")

    /// Routes 3,000 leads over five days with accounts, closings and opportunities mixed in.
    static func simulate(seed: UInt64 = 7) throws -> RoutingHarness {
        var harness = try RoutingHarness(rules)
        var random = SplitMix64(seed: seed)
        let regions = ["emea", "apac", "amer"]
        var owned: [LeadID] = []
        for index in 0..<3_000 {
            let now = Fixture.date("2026-10-23T00:00:00Z").addingTimeInterval(Double(index) * 144)
            let account =
                Int.random(in: 0..<10, using: &random) == 0 ? "acct\(Int.random(in: 0..<40, using: &random))" : nil
            let lead = Fixture.lead(
                "L\(index)", account: account, ["region": .string(regions.randomElement(using: &random)!)])
            let decision = harness.route(lead, at: now)
            if case .rep = decision.owner { owned.append(lead.id) }
            if !owned.isEmpty, Int.random(in: 0..<2, using: &random) == 0 {
                let id = owned.remove(at: Int.random(in: 0..<owned.count, using: &random))
                harness.move(id, to: [.won, .lost, .opportunity].randomElement(using: &random)!, at: now)
            }
        }
        return harness
    }

    @Test func foldingTheJournalIntoAFreshLedgerGivesTheSameLedger() throws {
        let live = try Self.simulate()
        var replayed = RoutingLedger(rules: Self.rules)
        replayed.apply(contentsOf: live.events)
        #expect(replayed == live.ledger)
        #expect(replayed.rotation(of: "global").turns > 100)
    }

    @Test func routingAgainFromTheSameEventsGivesTheSameOwners() throws {
        let first = try Self.simulate()
        let second = try Self.simulate()
        let owners = { (harness: RoutingHarness) in
            harness.events.compactMap { event -> String? in
                guard case .assigned(let assignment) = event.payload else { return nil }
                return "\(event.leadID)→\(assignment.owner)"
            }
        }
        #expect(owners(first) == owners(second))
        #expect(Set(owners(first).map { $0.split(separator: "→")[1] }).count >= 5, "reps and queues all appear")
    }

    @Test func nextDecisionAfterReplayMatchesTheLiveOne() throws {
        let live = try Self.simulate()
        var replayed = RoutingLedger(rules: Self.rules)
        replayed.apply(contentsOf: live.events)
        let router = try RuleRouter(rules: Self.rules)
        let now = Fixture.date("2026-10-27T10:00:00Z")
        for region in ["emea", "apac", "amer"] {
            let state = Fixture.state(Fixture.lead("next-\(region)", ["region": .string(region)]))
            let fromLive = router.route(
                RoutingInput(state: state, now: now, context: RoutingContext(ledger: live.ledger)))
            let fromReplay = router.route(
                RoutingInput(state: state, now: now, context: RoutingContext(ledger: replayed)))
            #expect(fromLive == fromReplay)
        }
    }

    /// Two engines that fold the same journal make the same next decision; once one appends its
    /// assignment, the other — after folding it on its optimistic-concurrency retry — gets the
    /// next turn, not the same one.
    @Test func aRecordedTurnIsNeverHandedOutAgain() throws {
        let rules = RoutingRules(
            reps: [Fixture.rep("a"), Fixture.rep("b"), Fixture.rep("c")],
            pools: [Fixture.pool("p", [("a", nil), ("b", nil), ("c", nil)])], defaultTarget: .pool("p"))
        var engineA = try RoutingHarness(rules)
        var engineB = try RoutingHarness(rules)
        let router = engineA.router
        let stateB = Fixture.state(Fixture.lead("B1"))
        let staleB = router.route(
            RoutingInput(state: stateB, now: Fixture.monday, context: .init(ledger: engineB.ledger)))
        let decisionA = engineA.route(Fixture.lead("A1"), at: Fixture.monday)
        #expect(staleB?.owner == decisionA.owner, "the stale decision would repeat the turn: the append must fail")
        for event in engineA.events { engineB.record(event) }
        let retriedB = engineB.route(Fixture.lead("B1"), at: Fixture.monday)
        #expect(retriedB.owner != decisionA.owner)
    }

    @Test func eventsOfOtherKindsAndManualAssignmentsDoNotStepTheRotation() throws {
        var ledger = RoutingLedger()
        ledger.apply(
            LeadEvent(
                leadID: "L1", occurredAt: Fixture.monday, actor: .system,
                payload: .assigned(Assignment(owner: .rep("a"), router: "manual"))))
        ledger.apply(
            LeadEvent(
                leadID: "L1", occurredAt: Fixture.monday, actor: .system,
                payload: .assigned(Assignment(owner: .queue("q"), router: "rules")),
                reasons: [Reason(rule: "pool-turn:p", detail: "a=1,b=1")]))
        #expect(ledger.rotation(of: "p").turns == 0)
        #expect(ledger.openLeads(of: "a") == 0)
    }
}
