import Foundation
import LeadModel
import Routing
import Testing

/// An account owner who is away past the first-touch deadline, in a tier that protects the SLA.
struct OwnerAwayRoutingTests {
    static let night = Fixture.date("2026-11-23T22:00:00Z")

    static func rules(
        anaAway: [OutOfOffice] = [], benAway: [OutOfOffice] = [], backup: String? = "ben",
        policy: OwnerAwayPolicy = OwnerAwayPolicy(tiers: ["hot": .protectSLA])
    ) -> RoutingRules {
        var ana = Fixture.rep("ana", hours: Fixture.weekdays("09:00-17:00"), away: anaAway)
        ana.backup = backup
        return RoutingRules(
            reps: [ana, Fixture.rep("ben", away: benAway), Fixture.rep("cho")],
            pools: [Fixture.pool("inbound", [("cho", nil)])], defaultTarget: .pool("inbound"), ownerAway: policy)
    }

    /// A harness where ana owns acme.com.
    static func harness(_ rules: RoutingRules) throws -> RoutingHarness {
        var harness = try RoutingHarness(rules)
        harness.own("acme.com", by: "ana")
        return harness
    }

    static func due(_ text: String, tier: String = "hot") -> FirstTouchTarget {
        FirstTouchTarget(tier: tier, deadline: Fixture.date(text))
    }

    @Test func theBackupTakesTheLeadWhenTheOwnerIsBackAfterTheDeadline() throws {
        var harness = try Self.harness(Self.rules())
        let decision = harness.route(
            Fixture.lead("L2", account: "acme.com"), at: Self.night, firstTouch: Self.due("2026-11-23T23:00:00Z"))
        #expect(decision.owner == .rep("ben"))
        #expect(decision.flags == [.ownerAway])
        #expect(
            decision.trail.reasons.contains(
                Reason(
                    rule: "owner-away",
                    detail:
                        "account acme.com is owned by ana, who is outside working hours (Mon 2026-11-23 22:00 UTC), "
                        + "back at 2026-11-24T09:00:00Z, after the first touch is due at 2026-11-23T23:00:00Z "
                        + "(tier hot); protecting the SLA")))
        #expect(decision.trail.reasons.last == Reason(rule: "backup", detail: "ben covers for ana"))
    }

    @Test func anOwnerBackBeforeTheDeadlineKeepsTheLead() throws {
        var harness = try Self.harness(Self.rules())
        let decision = harness.route(
            Fixture.lead("L2", account: "acme.com"), at: Self.night, firstTouch: Self.due("2026-11-24T12:00:00Z"))
        #expect(decision.owner == .rep("ana"))
        #expect(decision.flags == [.accountOwner])
        #expect(
            decision.trail.reasons.first
                == Reason(
                    rule: "owner-away",
                    detail:
                        "ana is outside working hours (Mon 2026-11-23 22:00 UTC), back at 2026-11-24T09:00:00Z, "
                        + "before the first touch is due at 2026-11-24T12:00:00Z"))
    }

    @Test(arguments: ["standard", "nurture"])
    func tiersThatWaitKeepTheOwner(tier: String) throws {
        var harness = try Self.harness(Self.rules())
        let decision = harness.route(
            Fixture.lead("L2", account: "acme.com"), at: Self.night,
            firstTouch: Self.due("2026-11-23T23:00:00Z", tier: tier))
        #expect(decision.owner == .rep("ana"))
        #expect(decision.trail.reasons.last?.rule == "note:ana")
    }

    @Test func withoutADeadlineThereIsNothingToProtect() throws {
        var harness = try Self.harness(Self.rules(policy: OwnerAwayPolicy(default: .protectSLA)))
        let decision = harness.route(Fixture.lead("L2", account: "acme.com"), at: Self.night)
        #expect(decision.owner == .rep("ana"))
        #expect(decision.trail.reasons.first?.detail.hasSuffix("no first-touch deadline to protect") == true)
    }

    @Test func anOwnerOutOfOfficeIsBackAtTheEndOfThePeriodAndTheNextOpening() throws {
        let away = OutOfOffice(
            from: Fixture.date("2026-11-20T00:00:00Z"), until: Fixture.date("2026-11-26T18:00:00Z"), note: "leave")
        var harness = try Self.harness(Self.rules(anaAway: [away]))
        let decision = harness.route(
            Fixture.lead("L2", account: "acme.com"), at: Fixture.monday, firstTouch: Self.due("2026-11-24T15:00:00Z"))
        #expect(decision.owner == .rep("ben"))
        let reason = try #require(decision.trail.reasons.first { $0.rule == "owner-away" })
        #expect(
            reason.detail.contains("out of office (leave) until 2026-11-26T18:00:00Z, back at 2026-11-27T09:00:00Z"))
    }

    @Test func anAwayBackupIsSkippedAndTheRulesRouteTheLead() throws {
        let away = OutOfOffice(from: Fixture.date("2026-11-01T00:00:00Z"), until: Fixture.date("2026-12-01T00:00:00Z"))
        var harness = try Self.harness(Self.rules(benAway: [away]))
        let decision = harness.route(
            Fixture.lead("L2", account: "acme.com"), at: Self.night, firstTouch: Self.due("2026-11-23T23:00:00Z"))
        #expect(decision.owner == .rep("cho"))
        #expect(decision.flags == [.ownerAway])
        let rules = decision.trail.reasons.map(\.rule)
        #expect(rules.starts(with: ["owner-away", "skip:ben", "owner-away"]))
        #expect(rules.contains("pool-turn:inbound"))
        var noBackup = try Self.harness(Self.rules(backup: nil))
        let alone = noBackup.route(
            Fixture.lead("L3", account: "acme.com"), at: Self.night, firstTouch: Self.due("2026-11-23T23:00:00Z"))
        #expect(alone.owner == .rep("cho"))
        #expect(alone.trail.reasons.contains(Reason(rule: "backup", detail: "ana has no backup")))
    }

    @Test func anOwnerAtCapacityIsNotPassedOver() throws {
        var rules = Self.rules(policy: OwnerAwayPolicy(default: .protectSLA))
        rules.reps[0].workingHours = nil
        rules.reps[0].capacity = RepCapacity(maxOpen: 0)
        var harness = try Self.harness(rules)
        let decision = harness.route(
            Fixture.lead("L2", account: "acme.com"), at: Self.night, firstTouch: Self.due("2026-11-23T23:00:00Z"))
        #expect(decision.owner == .rep("ana"))
    }

    @Test func backupsMustNameAnotherRep() {
        var rules = Self.rules(backup: "zed")
        #expect(rules.problems().map(\.path) == ["reps[0].backup"])
        rules.reps[0].backup = "ana"
        #expect(rules.problems().map(\.message) == ["a rep cannot be their own backup"])
    }

    @Test func thePolicyDecodesChoicesPerTier() throws {
        let json = #"{"ownerAway": {"default": "protect-sla", "tiers": {"nurture": "wait"}}}"#
        let rules = try JSONDecoder().decode(RoutingRules.self, from: Data(json.utf8))
        #expect(rules.ownerAway.choice(forTier: "nurture") == .wait)
        #expect(rules.ownerAway.choice(forTier: "hot") == .protectSLA)
        #expect(rules.ownerAway.choice(forTier: nil) == .protectSLA)
        #expect(try JSONDecoder().decode(RoutingRules.self, from: Data("{}".utf8)).ownerAway == .wait)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RoutingRules.self, from: Data(#"{"ownerAway": {"default": "hurry"}}"#.utf8))
        }
    }
}
