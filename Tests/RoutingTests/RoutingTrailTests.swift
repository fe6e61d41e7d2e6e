import Foundation
import LeadModel
import Routing
import Testing

/// The coded trail a ``RuleRouter`` keeps writes out the same reasons however it is read, and the
/// ledger's by-number load look-up decides exactly as the by-id one.
struct RoutingTrailTests {
    static let hours = Fixture.weekdays("09:00-17:00")

    static func rules() -> RoutingRules {
        let away = OutOfOffice(
            from: Fixture.date("2026-11-23T00:00:00Z"), until: Fixture.date("2026-11-24T00:00:00Z"), note: "training")
        return RoutingRules(
            reps: [
                Fixture.rep("ber", zone: "Europe/Berlin", hours: hours, capacity: RepCapacity(maxOpen: 3)),
                Fixture.rep("nyc", zone: "America/New_York", hours: hours, capacity: RepCapacity(maxNewPerDay: 2)),
                Fixture.rep("tok", zone: "Asia/Tokyo", hours: hours),
                Fixture.rep("off", away: [away]),
                Fixture.rep("any", weight: 2),
            ],
            pools: [Fixture.pool("all", [("ber", nil), ("nyc", nil), ("tok", nil), ("off", nil), ("any", nil)])],
            rules: [
                RoutingRule(name: "de", when: [.field("country", in: ["DE"])], target: .rep("ber")),
                RoutingRule(name: "us", when: [.field("country", in: ["us"])], target: .pool("all")),
            ],
            defaultTarget: .pool("all"), coverageQueue: "after-hours")
    }

    @Test func everyWayOfReadingTheTrailGivesTheSameReasons() throws {
        var harness = try RoutingHarness(Self.rules())
        let countries = ["DE", "US", "FR", "us", "De"]
        for index in 0..<40 {
            let at = Fixture.monday.addingTimeInterval(Double(index) * 900)
            let lead = Fixture.lead("L\(index)", ["country": .string(countries[index % countries.count])])
            let decision = harness.route(lead, at: at)
            let reasons = decision.trail.reasons
            #expect(reasons == Array(decision.trail))
            #expect(reasons.count == decision.trail.count)
            #expect(decision.trail == RoutingTrail(reasons))
            #expect(harness.events.last?.reasons == reasons)
        }
        let rules = harness.events.flatMap(\.reasons).map(\.rule)
        #expect(rules.contains("skip:off"))
        #expect(rules.contains("skip:tok"))
        #expect(rules.contains("pool-turn:all"))
        #expect(harness.events.flatMap(\.reasons).contains { $0.detail.hasPrefix("at capacity:") })
    }

    @Test func aLedgerWithoutTheRosterDecidesTheSame() throws {
        var harness = try RoutingHarness(Self.rules())
        var plain = RoutingLedger()
        for index in 0..<60 {
            let at = Fixture.monday.addingTimeInterval(Double(index) * 600)
            let lead = Fixture.lead("L\(index)", ["country": .string(index % 3 == 0 ? "DE" : "US")])
            let state = Fixture.state(lead)
            let input = RoutingInput(state: state, now: at, context: RoutingContext(ledger: plain))
            let expected = harness.router.route(input)
            let decision = harness.route(lead, at: at)
            #expect(expected == decision)
            for event in harness.events.suffix(2) { plain.apply(event) }
        }
    }

    @Test func reasonsGivenByAnotherRouterAreKeptAsTheyAre() {
        let reasons = [Reason(rule: "a", detail: "one"), Reason(rule: "b", detail: "two")]
        let trail = RoutingTrail(reasons)
        #expect(Array(trail) == reasons)
        #expect(trail.reasons == reasons)
        #expect(RoutingTrail().isEmpty)
        #expect(trail.description == "a: one\nb: two")
    }

    @Test func aDecisionAndItsCodedTrailCrossTaskBoundaries() async throws {
        let router = try RuleRouter(rules: Self.rules())
        let decision = try #require(
            router.route(RoutingInput(state: Fixture.state(Fixture.lead("L1")), now: Fixture.monday)))
        let reasons = await Task.detached { decision.trail.reasons }.value
        #expect(reasons == decision.trail.reasons)
        let claim = TurnClaim(lead: "L1", rep: "ana", pool: "all")
        #expect(await Task.detached { claim.rep }.value == "ana")
    }
}
