import Foundation
import LeadModel
import Routing
import Testing

/// `RoutingContext.excludedReps`: the rep a lead is taken from never gets it back, an account
/// owned by that rep is passed over, and an opportunity of theirs is held, never a second rep.
struct ExclusionTests {
    let rules = RoutingRules(
        reps: [Fixture.rep("ana"), Fixture.rep("bob"), Fixture.rep("cho")],
        pools: [Fixture.pool("inbound", [("ana", nil), ("bob", nil), ("cho", nil)])], defaultTarget: .pool("inbound"))

    func route(_ harness: RoutingHarness, _ lead: Lead, excluding: Set<String>) -> RoutingDecision {
        let state = harness.states[lead.id] ?? Fixture.state(lead)
        let input = RoutingInput(
            state: state, now: Fixture.monday,
            context: RoutingContext(ledger: harness.ledger, excludedReps: excluding))
        return harness.router.route(input)!
    }

    @Test func anExcludedMemberIsSkippedWithTheReason() throws {
        let harness = try RoutingHarness(rules)
        let decision = route(harness, Fixture.lead("L1"), excluding: ["ana"])
        #expect(decision.owner == .rep("bob"))
        #expect(
            decision.trail.contains(
                Reason(rule: "skip:ana", detail: "excluded: the lead is being taken away from this rep")))
        #expect(decision.trail.last == Reason(rule: "pool-turn:inbound", detail: "bob=1,cho=1"))
    }

    @Test func everyoneExcludedGoesToTheUnassignedQueue() throws {
        let harness = try RoutingHarness(rules)
        let decision = route(harness, Fixture.lead("L1"), excluding: ["ana", "bob", "cho"])
        #expect(decision.owner == .queue("unassigned"))
        #expect(decision.flags == [.unassigned])
    }

    @Test func anAccountOwnedByTheExcludedRepIsRoutedByTheRules() throws {
        var harness = try RoutingHarness(rules)
        #expect(harness.route(Fixture.lead("L1", account: "acme.com"), at: Fixture.monday).owner == .rep("ana"))
        let decision = route(harness, Fixture.lead("L2", account: "acme.com"), excluding: ["ana"])
        #expect(decision.owner == .rep("bob"))
        #expect(decision.trail.first?.detail.contains("owned by ana, who is excluded") == true)
    }

    @Test func anOpportunityOfTheExcludedRepIsHeldForAManager() throws {
        var harness = try RoutingHarness(rules)
        #expect(harness.route(Fixture.lead("L1", account: "acme.com"), at: Fixture.monday).owner == .rep("ana"))
        harness.move("L1", to: .opportunity, at: Fixture.monday)
        let decision = route(harness, Fixture.lead("L1", account: "acme.com"), excluding: ["ana"])
        #expect(decision.owner == .queue("unassigned"))
        #expect(decision.flags == [.activeOpportunity, .unassigned])
    }
}
