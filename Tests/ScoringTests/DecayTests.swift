import Foundation
import LeadModel
import Scoring
import Testing

struct DecayTests {
    @Test(arguments: [(0.0, 1.0), (30, 0.5), (60, 0.25), (15, 0.7071067811865476)])
    func halfLifeHalvesEveryHalfLife(days: Double, factor: Double) {
        #expect(abs(EngagementDecay.halfLife(days: 30).factor(age: days * 86_400) - factor) < 1e-12)
    }

    static let steps = EngagementDecay(steps: [.init(upToDays: 7, factor: 1), .init(upToDays: 30, factor: 0.5)])

    @Test(arguments: [(0.0, 1.0), (7, 1), (7.5, 0.5), (30, 0.5), (30.1, 0)])
    func stepsKeepTheFactorOfTheFirstStepCoveringTheAge(days: Double, factor: Double) {
        #expect(Self.steps.factor(age: days * 86_400) == factor)
    }

    @Test func noDecayKeepsEverything() {
        #expect(EngagementDecay.none.factor(age: 1_000 * 86_400) == 1)
    }

    @Test func sameJournalScoredAtTwoTimesGivesTwoAnswers() {
        let rules = ScoringRules(
            engagement: [EngagementRule("replied", kinds: [.replied], points: 25)], decay: .halfLife(days: 30))
        let state = Fixtures.state(signals: [Fixtures.signal(.replied, daysAgo: 0)])
        let today = Fixtures.score(rules, state, at: Fixtures.now)
        let month = Fixtures.score(rules, state, at: Fixtures.now + 30 * Fixtures.day)
        let twoMonths = Fixtures.score(rules, state, at: Fixtures.now + 60 * Fixtures.day)
        #expect(today.engagement == 25)
        #expect(month.engagement == 12.5)
        #expect(twoMonths.engagement == 6.25)
        #expect(month.contributions.first?.evidence == "1 replied signal, newest 30 days ago, kept 50%")
    }

    @Test func perOccurrenceDecaysEachSignalByItsOwnAge() {
        let rules = ScoringRules(
            engagement: [EngagementRule("content", kinds: [.contentDownloaded], points: 8, per: .occurrence)],
            decay: .halfLife(days: 30))
        let state = Fixtures.state(signals: [
            Fixtures.signal(.contentDownloaded, daysAgo: 0), Fixtures.signal(.contentDownloaded, daysAgo: 30),
            Fixtures.signal(.contentDownloaded, daysAgo: 60),
        ])
        let card = Fixtures.score(rules, state)
        #expect(card.engagement == 14)  // 8 + 4 + 2
        #expect(card.contributions.first?.evidence == "3 content-downloaded signals, 8 each, 14 after decay")
    }

    @Test func onceRuleDecaysByItsNewestSignal() {
        let rules = ScoringRules(
            engagement: [EngagementRule("event", kinds: [.webinarAttended], points: 16)], decay: Self.steps)
        let state = Fixtures.state(signals: [
            Fixtures.signal(.webinarAttended, daysAgo: 40), Fixtures.signal(.webinarAttended, daysAgo: 10),
        ])
        #expect(Fixtures.score(rules, state).engagement == 8)
    }

    @Test func ruleDecayedToZeroGivesNoContribution() {
        let rules = ScoringRules(
            engagement: [EngagementRule("event", kinds: [.webinarAttended], points: 16)], decay: Self.steps)
        let card = Fixtures.score(rules, Fixtures.state(signals: [Fixtures.signal(.webinarAttended, daysAgo: 45)]))
        #expect(card.contributions.isEmpty)
        #expect(card.engagement == 0)
    }

    @Test func fitDoesNotDecay() {
        let rules = ScoringRules(
            fit: [FitRule("industry", field: "industry", .present, points: 10)], decay: .halfLife(days: 1))
        let state = Fixtures.state(attributes: ["industry": "software"])
        #expect(Fixtures.score(rules, state, at: Fixtures.now + 365 * Fixtures.day).fit == 10)
    }
}
