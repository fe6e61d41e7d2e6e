import Foundation
import LeadModel
import Scoring
import Testing

struct FitRuleTests {
    private func fitPoints(
        _ condition: ValueCondition, field: LeadField = "industry", value: AttributeValue?, points: Double = 10
    ) -> Double {
        var attributes: [String: AttributeValue] = [:]
        if let value { attributes[field.rawValue] = value }
        let rules = ScoringRules(fit: [FitRule("rule", field: field, condition, points: points)])
        return Fixtures.score(rules, Fixtures.state(attributes: attributes)).fit
    }

    static let cases: [(ValueCondition, AttributeValue?, Bool)] = [
        (.equals("healthcare"), "Healthcare", true),
        (.equals("healthcare"), "retail", false),
        (.equals(250), 250, true),
        (.equals(250), "250", true),
        (.equals(true), true, true),
        (.oneOf(["fintech", "software"]), "SOFTWARE", true),
        (.oneOf(["fintech", "software"]), "hardware", false),
        (.oneOf(["fintech"]), .list(["retail", "fintech"]), true),
        (.range(min: 200, max: 2_000), 200, true),
        (.range(min: 200, max: 2_000), 2_000, true),
        (.range(min: 200, max: 2_000), 199, false),
        (.range(min: 200, max: 2_000), 2_001, false),
        (.range(min: 200, max: nil), 1_000_000, true),
        (.range(min: nil, max: 50), 51, false),
        (.range(min: 200, max: 2_000), "1200", true),
        (.range(min: 200, max: 2_000), "many", false),
        (.contains("care"), "HealthCare", true),
        (ValueCondition(contains: ["bank", "fin"]), "FinTech", true),
        (.contains("care"), "retail", false),
        (.contains("über"), "ÜBER health", true),
        (.matches("^health"), "healthcare", true),
        (.matches("^health"), "digital health", false),
        (.matches("(?i)^HEALTH"), "healthcare", true),
        (.present, "x", true),
        (.present, nil, false),
        (.present, "   ", false),
        (.missing, nil, true),
        (.missing, "  ", true),
        (.missing, "x", false),
        (.equals("x"), nil, false),
    ]

    @Test(arguments: cases)
    func conditionMatchesLikeItsDocumentationSays(condition: ValueCondition, value: AttributeValue?, matches: Bool) {
        #expect(fitPoints(condition, value: value) == (matches ? 10 : 0))
    }

    @Test func invalidRegularExpressionNeverMatches() {
        #expect(fitPoints(.matches("(unclosed"), value: "(unclosed") == 0)
    }

    @Test func negativePointsTakePointsAway() {
        let rules = ScoringRules(fit: [
            FitRule("industry", field: "industry", .equals("software"), points: 10),
            FitRule("student", field: .title, .contains("student"), points: -25),
        ])
        let card = Fixtures.score(
            rules, Fixtures.state(title: "Graduate Student", attributes: ["industry": "software"]))
        #expect(card.fit == -15)
        #expect(card.contributions.map(\.points) == [10, -25])
    }

    @Test func standardFieldsAreReadLikeAttributes() {
        let rules = ScoringRules(fit: [FitRule("vp", field: .title, .contains("vp"), points: 5)])
        #expect(Fixtures.score(rules, Fixtures.state(title: "VP Finance")).fit == 5)
        #expect(Fixtures.score(rules, Fixtures.state(title: "Analyst")).fit == 0)
    }

    @Test func evidenceNamesTheFieldTheValueAndTheTest() {
        let rules = ScoringRules(fit: [
            FitRule("size", field: "employees", .range(min: 200, max: 2_000), points: 10),
            FitRule("industry", field: "industry", .oneOf(["healthcare", "fintech"]), points: 10),
            FitRule("use-case", field: "useCase", .present, points: 5),
        ])
        let state = Fixtures.state(attributes: ["employees": 1_250, "industry": "Healthcare", "useCase": "payroll"])
        let evidence = Fixtures.score(rules, state).contributions.map(\.evidence)
        #expect(
            evidence == [
                "employees 1,250 in 200…2,000", "industry Healthcare one of healthcare, fintech", "useCase is present",
            ])
    }

    @Test(arguments: [
        (ValueCondition.equals("fintech"), AttributeValue?.some("fintech"), "industry is fintech"),
        (.oneOf(["fintech", "retail"]), "retail", "industry retail one of fintech, retail"),
        (.oneOf(["fintech", "retail"]), "Retail", "industry Retail one of fintech, retail"),
        (.contains("tech"), "FinTech", "industry FinTech contains 'tech'"),
        (.oneOf(["fintech"]), .list(["retail", "fintech"]), "industry retail, fintech one of fintech"),
        (.equals(.bool(true)), .bool(true), "industry true is true"),
        (.missing, nil, "industry is missing"),
        (.present, "fintech", "industry is present"),
    ])
    func evidenceOfEachKindOfValue(condition: ValueCondition, value: AttributeValue?, evidence: String) {
        let rules = ScoringRules(fit: [FitRule("industry", field: "industry", condition, points: 4)])
        let state = Fixtures.state(attributes: value.map { ["industry": $0] } ?? [:])
        let card = Fixtures.score(rules, state)
        #expect(card.fit == 4)
        #expect(card.contributions.map(\.evidence) == [evidence])
        // Scoring the same lead again gives an equal card, which survives the journal's JSON.
        #expect(Fixtures.score(rules, state) == card)
        let decoded = try? JSONDecoder().decode(ScoreCard.self, from: JSONEncoder().encode(card))
        #expect(decoded == card)
    }

    @Test(arguments: [
        (1_234_567.5, "revenue 1,234,567.5 at least 0"), (-0.25, "revenue -0.25 at least -1"),
        (999, "revenue 999 at least -1"), (1_000, "revenue 1,000 at least 0"), (7.07, "revenue 7.07 at least 0"),
    ])
    func numbersInEvidenceAreGroupedAndRounded(value: Double, evidence: String) {
        let rules = ScoringRules(fit: [
            FitRule("revenue", field: "revenue", .range(min: value < 0 || value == 999 ? -1 : 0, max: nil), points: 1)
        ])
        let card = Fixtures.score(rules, Fixtures.state(attributes: ["revenue": .number(value)]))
        #expect(card.contributions.first?.evidence == evidence)
    }

    @Test func evidenceNeverRepeatsPersonalData() {
        let rules = ScoringRules(fit: [
            FitRule("competitor", field: .email, .matches("@rival\\.com$"), points: -50)
        ])
        let card = Fixtures.score(rules, Fixtures.state(email: "ana@rival.com"))
        #expect(card.fit == -50)
        #expect(card.contributions.first?.evidence == "email matches /@rival\\.com$/")
        #expect(!(card.contributions.first?.evidence.contains("ana") ?? true))
    }

    @Test func profileGivesItsPointsOnlyWhenEveryCriterionHolds() {
        let profile = IdealCustomerProfile(
            "core", points: 5,
            criteria: [
                FieldCriterion(field: "industry", .equals("fintech")),
                FieldCriterion(field: "employees", .range(min: 200, max: 2_000)),
            ])
        let rules = ScoringRules(icp: [profile])
        let fits = Fixtures.score(rules, Fixtures.state(attributes: ["industry": "fintech", "employees": 300]))
        let half = Fixtures.score(rules, Fixtures.state(attributes: ["industry": "fintech", "employees": 30]))
        #expect(fits.fit == 5)
        #expect(
            fits.contributions.first?.evidence
                == "matches core: industry is fintech; employees in 200…2,000")
        #expect(half.fit == 0)
        #expect(half.contributions.isEmpty)
    }

    @Test func engagementAxisFitRuleCountsTowardsEngagement() {
        let rules = ScoringRules(fit: [FitRule("x", field: "industry", .present, points: 7, axis: .engagement)])
        let card = Fixtures.score(rules, Fixtures.state(attributes: ["industry": "retail"]))
        #expect(card.fit == 0)
        #expect(card.engagement == 7)
    }
}
