import Foundation
import LeadModel
import Routing
import Testing

struct AccountRoutingTests {
    let rules = RoutingRules(
        reps: [
            Fixture.rep("ana", hours: Fixture.weekdays("09:00-17:00")), Fixture.rep("bob"), Fixture.rep("cho"),
        ],
        pools: [Fixture.pool("inbound", [("bob", nil), ("cho", nil)])], defaultTarget: .pool("inbound"))

    @Test func leadOfAnOwnedAccountGoesToTheOwner() throws {
        var harness = try RoutingHarness(rules)
        let first = harness.route(Fixture.lead("L1", account: "acme.com"), at: Fixture.monday)
        #expect(first.owner == .rep("bob"))
        #expect(first.trail.first == Reason(rule: "account-owner", detail: "account acme.com has no owner yet"))
        for index in 2...5 {
            let decision = harness.route(Fixture.lead("L\(index)", account: "acme.com"), at: Fixture.monday)
            #expect(decision.owner == .rep("bob"))
            #expect(decision.flags == [.accountOwner])
        }
        #expect(harness.route(Fixture.lead("L9", account: "globex.com"), at: Fixture.monday).owner == .rep("cho"))
    }

    @Test func accountOwnerGetsTheLeadEvenOffHoursWithANote() throws {
        var harness = try RoutingHarness(rules)
        harness.own("acme.com", by: "ana")
        let night = Fixture.date("2026-11-23T22:00:00Z")
        let decision = harness.route(Fixture.lead("L2", account: "acme.com"), at: night)
        #expect(decision.owner == .rep("ana"))
        #expect(
            decision.trail.last
                == Reason(
                    rule: "note:ana",
                    detail: "outside working hours (Mon 2026-11-23 22:00 UTC); assigned anyway as the account's owner"))
    }

    @Test func activeOpportunityWinsOverTheLatestOwnerAndIsFlagged() throws {
        var harness = try RoutingHarness(rules)
        harness.route(Fixture.lead("L1", account: "acme.com"), at: Fixture.monday)  // bob
        harness.move("L1", to: .opportunity, at: Fixture.monday)
        harness.own("acme.com", by: "cho", lead: "L2")
        #expect(harness.ledger.accountOwner(of: "acme.com") == "cho")
        let decision = harness.route(Fixture.lead("L3", account: "acme.com"), at: Fixture.monday)
        #expect(decision.owner == .rep("bob"))
        #expect(decision.flags == [.activeOpportunity])
        #expect(decision.trail.first?.rule == "account-opportunity")
        harness.move("L1", to: .won, at: Fixture.monday)
        #expect(harness.route(Fixture.lead("L4", account: "acme.com"), at: Fixture.monday).owner == .rep("bob"))
        #expect(harness.ledger.activeOpportunity(on: "acme.com") == nil)
    }

    @Test func opportunityOwnedByAFormerRepIsHeldNotGivenToASecondRep() throws {
        var harness = try RoutingHarness(rules)
        harness.own("acme.com", by: "zed", stage: .opportunity)
        let decision = harness.route(Fixture.lead("L2", account: "acme.com"), at: Fixture.monday)
        #expect(decision.owner == .queue("unassigned"))
        #expect(decision.flags == [.activeOpportunity, .unassigned])
    }

    @Test func ownerWhoLeftTheRepsFallsBackToTheRules() throws {
        var harness = try RoutingHarness(rules)
        harness.own("acme.com", by: "zed")
        let decision = harness.route(Fixture.lead("L2", account: "acme.com"), at: Fixture.monday)
        #expect(decision.owner == .rep("bob"))
        #expect(decision.trail.first?.detail.contains("not among the reps") == true)
    }

    @Test func accountRoutingCanBeSwitchedOff() throws {
        var off = rules
        off.routeToAccountOwner = false
        var harness = try RoutingHarness(off)
        let owners = (0..<4).map {
            harness.route(Fixture.lead("L\($0)", account: "acme.com"), at: Fixture.monday).owner
        }
        #expect(owners == [.rep("bob"), .rep("cho"), .rep("bob"), .rep("cho")])
    }

    @Test func accountSetByAFieldChangeCounts() throws {
        var harness = try RoutingHarness(rules)
        harness.route(Fixture.lead("L1"), at: Fixture.monday)  // bob, no account yet
        harness.record(
            LeadEvent(
                leadID: "L1", occurredAt: Fixture.monday, actor: .system,
                payload: .fieldsChanged(FieldChanges([.account: .string("acme.com")]))))
        harness.move("L1", to: .opportunity, at: Fixture.monday)
        #expect(harness.ledger.activeOpportunity(on: "acme.com")?.owner == "bob")
    }
}
