import Foundation
import LeadModel
import Scoring
import Testing

struct EngagementRuleTests {
    private func score(_ rule: EngagementRule, _ signals: [Signal], decay: EngagementDecay = .none) -> ScoreCard {
        Fixtures.score(ScoringRules(engagement: [rule], decay: decay), Fixtures.state(signals: signals))
    }

    @Test func kindMatchGivesPointsOnceByDefault() {
        let rule = EngagementRule("replied", kinds: [.replied], points: 25)
        let card = score(rule, [Fixtures.signal(.replied, daysAgo: 1), Fixtures.signal(.replied, daysAgo: 2)])
        #expect(card.engagement == 25)
        #expect(score(rule, [Fixtures.signal(.emailOpened, daysAgo: 1)]).engagement == 0)
    }

    @Test(arguments: [(2, 0.0), (3, 10.0), (5, 10.0)])
    func countWithinWindowNeedsAtLeastN(opened: Int, expected: Double) {
        let rule = EngagementRule("opened-3", kinds: [.emailOpened], atLeast: 3, withinDays: 30, points: 10)
        let signals = (0..<opened).map { Fixtures.signal(.emailOpened, daysAgo: Double($0 * 5 + 1)) }
        #expect(score(rule, signals).engagement == expected)
    }

    @Test func signalsOutsideTheWindowDoNotCount() {
        let rule = EngagementRule("opened-3", kinds: [.emailOpened], atLeast: 3, withinDays: 30, points: 10)
        let signals = [1.0, 10, 31].map { Fixtures.signal(.emailOpened, daysAgo: $0) }
        #expect(score(rule, signals).engagement == 0)
        let onEdge = [1.0, 10, 30].map { Fixtures.signal(.emailOpened, daysAgo: $0) }
        #expect(score(rule, onEdge).engagement == 10)
    }

    @Test func kindsOfTheSameLengthAreToldApartAndKindsListedTwiceCountOnce() {
        let rules = ScoringRules(engagement: [
            EngagementRule("clicks", kinds: [.linkClicked, .linkClicked], points: 2, per: .occurrence),
            EngagementRule("opens", kinds: [.emailOpened], points: 1, per: .occurrence),
            EngagementRule("unsubscribed", kinds: [.unsubscribed], points: -20),
            EngagementRule("trial", kinds: ["trial-started-\u{e9}t\u{e9}"], points: 7),
        ])
        let state = Fixtures.state(signals: [
            Fixtures.signal(.linkClicked, daysAgo: 1), Fixtures.signal(.emailOpened, daysAgo: 1),
            Fixtures.signal(.emailOpened, daysAgo: 2), Fixtures.signal("trial-started-\u{e9}t\u{e9}", daysAgo: 1),
        ])
        let card = Fixtures.score(rules, state)
        #expect(card.contributions.map(\.rule) == ["clicks", "opens", "trial"])
        #expect(card.contributions.map(\.points) == [2, 2, 7])
    }

    @Test func signalsAfterNowAreIgnored() {
        let rule = EngagementRule("replied", kinds: [.replied], points: 25)
        #expect(score(rule, [Fixtures.signal(.replied, daysAgo: -1)]).engagement == 0)
    }

    @Test func propertyConditionsMustAllHold() {
        let rule = EngagementRule(
            "pricing", kinds: [.pricingPageVisited, .linkClicked],
            where: [PropertyCondition(property: "url", ValueCondition(contains: ["pricing", "quote"]))], points: 20)
        #expect(score(rule, [Fixtures.signal(.linkClicked, daysAgo: 1, ["url": "/blog/payroll"])]).engagement == 0)
        #expect(score(rule, [Fixtures.signal(.linkClicked, daysAgo: 1, ["url": "/Get-A-Quote"])]).engagement == 20)
        #expect(score(rule, [Fixtures.signal(.pricingPageVisited, daysAgo: 1)]).engagement == 0)
    }

    @Test func perOccurrenceCountsEverySignalUpToTheCap() {
        let rule = EngagementRule("content", kinds: [.contentDownloaded], points: 5, per: .occurrence, cap: 15)
        let two = (1...2).map { Fixtures.signal(.contentDownloaded, daysAgo: Double($0)) }
        let five = (1...5).map { Fixtures.signal(.contentDownloaded, daysAgo: Double($0)) }
        #expect(score(rule, two).engagement == 10)
        let capped = score(rule, five)
        #expect(capped.engagement == 15)
        #expect(capped.contributions.first?.evidence == "5 content-downloaded signals, 5 each, capped at 15")
    }

    @Test func negativeRuleIsCappedFromBelow() {
        let rule = EngagementRule("bounced", kinds: ["bounced"], points: -10, per: .occurrence, cap: 15)
        let signals = (1...3).map { Fixtures.signal("bounced", daysAgo: Double($0)) }
        #expect(score(rule, signals).engagement == -15)
    }

    @Test func unsubscribeTakesPointsAndDoesNotDecay() {
        let rule = EngagementRule("unsubscribed", kinds: [.unsubscribed], points: -20, decays: false)
        let card = score(rule, [Fixtures.signal(.unsubscribed, daysAgo: 300)], decay: .halfLife(days: 30))
        #expect(card.engagement == -20)
    }

    @Test func evidenceSaysHowManyInWhatWindow() {
        let rule = EngagementRule(
            "opened-3", kinds: [.emailOpened], atLeast: 3, withinDays: 30, points: 10, label: "emails opened")
        let signals = [0.0, 0, 0].map { Fixtures.signal(.emailOpened, daysAgo: $0) }
        let card = score(rule, signals, decay: .halfLife(days: 30))
        #expect(
            card.contributions == [
                .init(rule: "opened-3", axis: .engagement, points: 10, evidence: "3 emails opened in the last 30 days")
            ])
    }

    @Test func leadWithNothingScoresZeroAndGradesD4() {
        let rules = ScoringRules.standard
        let card = Fixtures.score(rules, Fixtures.state())
        #expect(card.contributions.isEmpty)
        #expect(card.total == 0)
        #expect(card.grade == "D4")
    }
}

extension EngagementRuleTests {
    @Test(arguments: [
        (
            EngagementRule("opens", kinds: [.emailOpened], points: 1, label: "emails opened", singular: "email opened"),
            "1 email opened", "2 emails opened"
        ),
        (
            EngagementRule("opens", kinds: [.emailOpened], points: 1, label: "emails opened"),
            "1 emails opened", "2 emails opened"
        ),
        (EngagementRule("opens", kinds: [.emailOpened], points: 1), "1 email-opened signal", "2 email-opened signals"),
    ])
    func oneSignalIsToldInTheSingular(rule: EngagementRule, one: String, two: String) {
        let signals = [Fixtures.signal(.emailOpened, daysAgo: 0), Fixtures.signal(.emailOpened, daysAgo: 0)]
        #expect(score(rule, Array(signals.prefix(1))).contributions.first?.evidence == one)
        #expect(score(rule, signals).contributions.first?.evidence == two)
    }

    @Test func theSingularLabelRoundTripsThroughJSON() throws {
        let rule = EngagementRule(
            "opens", kinds: [.emailOpened], points: 1, label: "emails opened", singular: "email opened")
        let data = try JSONEncoder().encode(rule)
        #expect(String(decoding: data, as: UTF8.self).contains("\"singular\":\"email opened\""))
        #expect(try JSONDecoder().decode(EngagementRule.self, from: data) == rule)
    }
}
