import Foundation
import LeadModel
import Scoring
import Testing

struct ScoringRulesProblemsTests {
    private func paths(_ rules: ScoringRules) -> [String] { rules.problems().map(\.path) }

    private func decode(_ json: String) throws -> ScoringRules {
        try JSONDecoder().decode(ScoringRules.self, from: Data(json.utf8))
    }

    @Test func standardRulesHaveNoProblems() {
        #expect(ScoringRules.standard.problems().isEmpty)
    }

    @Test func invalidRegularExpressionIsReportedAtItsPath() {
        let rules = ScoringRules(fit: [
            FitRule("ok", field: "industry", .present, points: 1),
            FitRule("bad", field: .title, .matches("(unclosed"), points: 1),
        ])
        let problems = rules.problems()
        #expect(problems.map(\.path) == ["fit[1].matches"])
        #expect(problems.first?.message.contains("not a valid regular expression") == true)
    }

    @Test func minAboveMaxIsReported() {
        let rules = ScoringRules(fit: [FitRule("size", field: "employees", .range(min: 2_000, max: 200), points: 1)])
        #expect(rules.problems().map(\.message) == ["min 2,000 is greater than max 200"])
        #expect(paths(rules) == ["fit[0].min"])
    }

    @Test func unknownAxisIsReportedNotThrown() throws {
        let rules = try decode(
            #"{"engagement": [{"name": "x", "kinds": ["replied"], "points": 5, "axis": "intent"}]}"#)
        let problems = rules.problems()
        #expect(problems.map(\.path) == ["engagement[0].axis"])
        #expect(problems.first?.message == "unknown axis 'intent'; use \"fit\" or \"engagement\"")
    }

    @Test func conditionNeedsExactlyOneTest() throws {
        let rules = try decode(
            #"{"fit": [{"name": "a", "field": "x", "points": 1}, {"name": "b", "field": "x", "equals": "y", "contains": "z", "points": 1}]}"#
        )
        #expect(paths(rules) == ["fit[0]", "fit[1]"])
    }

    @Test func engagementRuleProblemsCarryTheirPaths() {
        let rules = ScoringRules(engagement: [
            EngagementRule("a", kinds: [], points: 5),
            EngagementRule("b", kinds: [.replied], atLeast: 0, withinDays: -3, points: 5),
            EngagementRule("c", kinds: [.replied], points: 5, per: .occurrence, cap: 0),
            EngagementRule(
                "d", kinds: [.linkClicked], where: [PropertyCondition(property: "url", .matches("[z-a]"))], points: 1),
        ])
        #expect(
            paths(rules) == [
                "engagement[0].kinds", "engagement[1].atLeast", "engagement[1].withinDays", "engagement[2].cap",
                "engagement[3].where[0].matches",
            ])
    }

    @Test func duplicateRuleNamesAreReported() {
        let rules = ScoringRules(
            fit: [FitRule("same", field: "x", .present, points: 1)],
            engagement: [EngagementRule("same", kinds: [.replied], points: 1)])
        #expect(paths(rules) == ["engagement[0].name"])
    }

    @Test func decayAndGradeProblemsAreReported() {
        let rules = ScoringRules(
            decay: EngagementDecay(steps: [.init(upToDays: 30, factor: 0.5), .init(upToDays: 7, factor: 1.5)]),
            grades: GradeScale(fit: .init(10, 20, 5), engagement: .init(50, 25, 10)))
        #expect(paths(rules) == ["decay.steps[1].upToDays", "decay.steps[1].factor", "grades.fit.B"])
        let both = ScoringRules(decay: EngagementDecay(halfLifeDays: 0, steps: [.init(upToDays: 7, factor: 1)]))
        #expect(paths(both) == ["decay", "decay.halfLifeDays"])
    }

    @Test func profileProblemsCarryTheirPaths() {
        let rules = ScoringRules(icp: [
            IdealCustomerProfile(
                "icp", points: 5, criteria: [FieldCriterion(field: "employees", .range(min: 10, max: 1))])
        ])
        #expect(paths(rules) == ["icp[0].criteria[0].min"])
    }
}
