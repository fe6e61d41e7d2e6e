import Foundation
import LeadModel
import Scoring
import Testing

struct RuleScorerTests {
    /// A demo-like ICP lead: healthcare, 250 employees, US, a use case and a senior title.
    static let icpLead = Fixtures.state(
        title: "VP Finance", email: "ana@acmehealth.com",
        attributes: ["industry": "healthcare", "employees": 250, "country": "US", "useCase": "payroll"],
        signals: [
            Fixtures.signal(.emailOpened, daysAgo: 0), Fixtures.signal(.emailOpened, daysAgo: 0),
            Fixtures.signal(.emailOpened, daysAgo: 0),
            Fixtures.signal(.pricingPageVisited, daysAgo: 0, ["url": "/pricing"]),
        ])

    @Test func standardRulesScoreAnICPLeadWithExplanations() {
        let card = Fixtures.score(.standard, Self.icpLead)
        #expect(card.scorer == "rules")
        #expect(card.fit == 40)
        #expect(card.engagement == 30)
        #expect(card.total == 70)
        #expect(card.grade == "A2")
        #expect(
            card.contributions.map(\.rule) == [
                "icp-industry", "icp-company-size", "icp-country", "use-case-known", "senior-title", "core-icp",
                "opened-3-emails", "pricing-page",
            ])
        let evidence = Dictionary(uniqueKeysWithValues: card.contributions.map { ($0.rule, $0.evidence) })
        #expect(evidence["opened-3-emails"] == "3 emails opened in the last 30 days")
        #expect(evidence["icp-company-size"] == "employees 250 in 200…2,000")
        #expect(evidence["pricing-page"] == "1 pricing or quote page visit")
    }

    @Test func contributionsAddUpToTheCard() {
        let state = Fixtures.state(
            attributes: ["industry": "fintech"],
            signals: [Fixtures.signal(.replied, daysAgo: 13), Fixtures.signal(.contentDownloaded, daysAgo: 41)])
        let card = Fixtures.score(.standard, state)
        let fit = card.contributions.filter { $0.axis == .fit }.map(\.points).reduce(0, +)
        let engagement = card.contributions.filter { $0.axis == .engagement }.map(\.points).reduce(0, +)
        #expect(card.fit == fit)
        #expect(card.engagement == engagement)
        #expect(card.total == fit + engagement)
    }

    @Test func quoteRequestAloneIsFortyPoints() {
        let state = Fixtures.state(signals: [Fixtures.signal(.quoteRequested, daysAgo: 0)])
        let card = Fixtures.score(.standard, state)
        #expect(card.engagement == 40)
        #expect(card.contributions.map(\.rule) == ["requested-quote"])
    }

    @Test func studentAndCompetitorLoseFitPoints() {
        let state = Fixtures.state(title: "Student", email: "x@gusto.com")
        let card = Fixtures.score(.standard, state)
        #expect(card.fit == -75)
        #expect(card.contributions.map(\.rule) == ["student", "competitor-domain"])
    }

    @Test func scoringIsDeterministic() {
        let scorer = RuleScorer(.standard)
        let input = ScoringInput(state: Self.icpLead, now: Fixtures.now)
        let first = scorer.score(input)
        for _ in 0..<100 { #expect(scorer.score(input) == first) }
        #expect(RuleScorer(.standard).score(input) == first)
    }

    @Test func scorerIsSendableAcrossTasks() async {
        let scorer = RuleScorer(.standard)
        let state = Self.icpLead
        let totals = await withTaskGroup(of: Double.self) { group in
            for _ in 0..<4 {
                group.addTask { scorer.score(ScoringInput(state: state, now: Fixtures.now))?.total ?? -1 }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(totals == [70, 70, 70, 70])
    }

    @Test func theCardNamesThePlaybookVersionItWasMadeWith() throws {
        let card = try #require(
            RuleScorer(.standard).score(
                ScoringInput(state: Self.icpLead, now: Fixtures.now, playbookVersion: "2026.11.2")))
        #expect(card.playbookVersion == "2026.11.2")
        #expect(
            RuleScorer(.standard).score(ScoringInput(state: Self.icpLead, now: Fixtures.now))?.playbookVersion == nil)
    }
}
