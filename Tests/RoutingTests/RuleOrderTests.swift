import Foundation
import LeadModel
import Routing
import Testing

struct RuleOrderTests {
    let rules = RoutingRules(
        reps: [Fixture.rep("ana"), Fixture.rep("bob")],
        segments: [
            CompanySizeSegment(name: "smb", maxEmployees: 199),
            CompanySizeSegment(name: "mid", minEmployees: 200, maxEmployees: 1999),
            CompanySizeSegment(name: "enterprise", minEmployees: 2000),
        ],
        rules: [
            RoutingRule(name: "hot", when: [.field("slaTier", in: ["hot"])], target: .rep("ana")),
            RoutingRule(
                name: "us-enterprise",
                when: [.field("country", in: ["US", "CA"]), .field("segment", in: ["enterprise"])],
                target: .rep("bob")),
            RoutingRule(name: "a-grade", when: [.field("grade", in: ["A1", "A2"])], target: .queue("a-desk")),
            RoutingRule(
                name: "big", when: [RoutingCondition(field: "employees", min: 500, max: 1999)],
                target: .queue("mid-desk")),
            RoutingRule(
                name: "partner", when: [RoutingCondition(field: "source", in: ["partner"])], target: .queue("p")),
            RoutingRule(
                name: "tagged", when: [RoutingCondition(field: "productLine", exists: true)], target: .queue("products")
            ),
        ],
        defaultTarget: .queue("nurture"))

    func decide(_ lead: Lead, slaTier: String? = nil, score: ScoreCard? = nil) throws -> RoutingDecision {
        let router = try RuleRouter(rules: rules)
        let input = RoutingInput(
            state: Fixture.state(lead, score: score), now: Fixture.monday, context: RoutingContext(slaTier: slaTier))
        return try #require(router.route(input))
    }

    static let cases: [(String, [String: AttributeValue], String?, String?, String)] = [
        ("sla tier first", ["country": "US", "employees": 5000], "hot", nil, "rep:ana"),
        ("country and segment", ["country": "us", "employees": 5000], nil, nil, "rep:bob"),
        ("segment alone is not enough", ["country": "DE", "employees": 5000], nil, nil, "queue:nurture"),
        ("grade", ["country": "DE"], nil, "A2", "queue:a-desk"),
        ("number range inclusive", ["employees": 500], nil, nil, "queue:mid-desk"),
        ("number range excludes", ["employees": 499], nil, nil, "queue:nurture"),
        ("number from text", ["employees": "1999"], nil, nil, "queue:mid-desk"),
        ("list attribute", ["productLine": .list(["payroll"])], nil, nil, "queue:products"),
        ("default", [:], nil, nil, "queue:nurture"),
    ]

    @Test(arguments: cases)
    func firstMatchingRuleWinsElseDefault(
        _ example: (name: String, attributes: [String: AttributeValue], tier: String?, grade: String?, owner: String)
    ) throws {
        let score = example.grade.map { ScoreCard(scorer: "test", fit: 50, engagement: 50, grade: $0) }
        let decision = try decide(Fixture.lead("L1", example.attributes), slaTier: example.tier, score: score)
        #expect(decision.owner.description == example.owner, "\(example.name)")
        #expect(decision.router == "rules")
    }

    @Test func trailListsEveryRuleTriedUntilTheMatch() throws {
        let decision = try decide(Fixture.lead("L1", ["employees": 700]))
        let rules = decision.trail.map(\.rule)
        #expect(rules == ["rule:hot", "rule:us-enterprise", "rule:a-grade", "rule:big"])
        #expect(decision.trail[0].detail == "no match: not (slaTier is one of hot)")
        #expect(decision.trail[3].detail.hasPrefix("matched: employees is at least 500 and at most 1999"))
    }

    @Test func trailEndsWithTheDefaultWhenNothingMatches() throws {
        let decision = try decide(Fixture.lead("L1"))
        #expect(decision.trail.count == 7)
        #expect(decision.trail.last == Reason(rule: "default", detail: "no rule matched; queue nurture"))
    }

    @Test func sourceIsAStandardField() throws {
        var lead = Fixture.lead("L1")
        lead.source = "Partner"
        #expect(try decide(lead).owner == .queue("p"))
    }

    @Test func sectionWithoutRulesSendsEveryLeadToTheUnassignedQueue() throws {
        let router = try RuleRouter(rules: RoutingRules())
        let decision = router.route(RoutingInput(state: Fixture.state(Fixture.lead("L1")), now: Fixture.monday))
        #expect(decision?.owner == .queue("unassigned"))
    }
}
