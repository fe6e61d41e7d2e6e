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

extension DecayTests {
    /// Decay and caps are kept as numbers beside the words for what the rule matched.
    @Test func adjustmentsAreKeptAsNumbers() {
        let rules = ScoringRules(
            engagement: [
                EngagementRule("replied", kinds: [.replied], points: 25),
                EngagementRule("content", kinds: [.contentDownloaded], points: 8, per: .occurrence, cap: 20),
                EngagementRule("opens", kinds: [.emailOpened], points: -3, per: .occurrence, cap: 4),
            ], decay: .halfLife(days: 30))
        let state = Fixtures.state(signals: [
            Fixtures.signal(.replied, daysAgo: 30.5), Fixtures.signal(.contentDownloaded, daysAgo: 30),
            Fixtures.signal(.contentDownloaded, daysAgo: 60), Fixtures.signal(.emailOpened, daysAgo: 1),
            Fixtures.signal(.emailOpened, daysAgo: 2),
        ])
        let card = Fixtures.score(rules, state)
        let byRule = Dictionary(uniqueKeysWithValues: card.contributions.map { ($0.rule, $0) })
        #expect(byRule["replied"]?.matched == "1 replied signal")
        #expect(byRule["replied"]?.adjustment == .decayed(newestDays: 30, keptPercent: 49))
        #expect(byRule["content"]?.adjustment?.text == ", 6 after decay")
        #expect(byRule["opens"]?.matched == "2 email-opened signals, -3 each")
        #expect(byRule["opens"]?.adjustment?.text.hasSuffix(", capped at -4") == true)
    }

    /// Cards as scored, read back from their JSON (evidence in words only), are the same cards:
    /// for every count, age and cap the leads below meet.
    @Test func cardsReadBackFromJSONEqualTheCardsAsScored() throws {
        let rules = ScoringRules(
            engagement: [
                EngagementRule("replied", kinds: [.replied], points: 25),
                EngagementRule("content", kinds: [.contentDownloaded], points: 8, per: .occurrence, cap: 20),
                EngagementRule("opens", kinds: [.emailOpened], points: -3, per: .occurrence, cap: 4),
            ], decay: .halfLife(days: 30))
        let scorer = RuleScorer(rules)
        var seen = Set<String>()
        for lead in 0..<320 {
            let kinds: [SignalKind] = [.replied, .contentDownloaded, .emailOpened]
            var signals: [Signal] = []
            for index in 0..<(1 + lead % 7) {
                let days = Double((lead * 7 + index * 13) % 200) + 0.25
                signals.append(Fixtures.signal(kinds[(lead + index) % 3], daysAgo: days))
            }
            let card = try #require(
                scorer.score(ScoringInput(state: Fixtures.state(signals: signals), now: Fixtures.now)))
            let read = try JSONDecoder().decode(ScoreCard.self, from: JSONEncoder().encode(card))
            #expect(read == card, "lead \(lead)")
            #expect(read.contributions.map(\.evidence) == card.contributions.map(\.evidence), "lead \(lead)")
            for contribution in card.contributions { seen.insert(contribution.evidence) }
        }
        #expect(seen.contains { $0.contains("kept") })
        #expect(seen.contains { $0.contains("after decay") })
        #expect(seen.contains { $0.contains("capped at -4") })
        #expect(seen.count > 60)
    }
}
