import Foundation
import LeadModel
import Scoring
import Testing

/// ``RuleScorer/nextReview(_:after:)``: when time alone next changes a card.
struct NextReviewTests {
    static let day = Fixtures.day

    static func review(_ rules: ScoringRules, _ state: LeadState, at time: Date = Fixtures.now) -> Date? {
        let scorer = RuleScorer(rules)
        let input = ScoringInput(state: state, now: time)
        return scorer.nextReview(input, after: scorer.score(input)!)
    }

    @Test func aSignalLeavingTheWindowIsDueRightAfter() throws {
        let rules = ScoringRules(engagement: [
            EngagementRule("opens", kinds: [.emailOpened], atLeast: 2, withinDays: 30, points: 10, decays: false)
        ])
        let state = Fixtures.state(signals: [
            Fixtures.signal(.emailOpened, daysAgo: 10), Fixtures.signal(.emailOpened, daysAgo: 4),
        ])
        let due = try #require(Self.review(rules, state))
        #expect(due == Fixtures.daysAgo(10) + 30 * Self.day + 1)
        #expect(Fixtures.score(rules, state, at: due - 2).engagement == 10)
        #expect(Fixtures.score(rules, state, at: due).engagement == 0)
    }

    @Test func stepDecayIsDueAtTheNextStep() throws {
        let rules = ScoringRules(
            engagement: [EngagementRule("replied", kinds: [.replied], points: 20)],
            decay: EngagementDecay(steps: [.init(upToDays: 7, factor: 1), .init(upToDays: 30, factor: 0.5)]))
        let state = Fixtures.state(signals: [Fixtures.signal(.replied, daysAgo: 3)])
        let due = try #require(Self.review(rules, state))
        #expect(due == Fixtures.daysAgo(3) + 7 * Self.day + 1)
        #expect(Fixtures.score(rules, state, at: due).engagement == 10)
    }

    @Test func halfLifeDecayIsDueWhenAGradeBoundaryIsCrossed() throws {
        // 12 decaying points: grade 3 (≥ 10) until 12·2^(−t/30d), rounded to hundredths, is below
        // 10 — once the exact value is below 9.995, at 30·log2(12/9.995) ≈ 7.9 days.
        let rules = ScoringRules(
            engagement: [EngagementRule("clicked", kinds: [.linkClicked], points: 12)], decay: .halfLife(days: 30))
        let state = Fixtures.state(signals: [Fixtures.signal(.linkClicked, daysAgo: 0)])
        let due = try #require(Self.review(rules, state))
        #expect(abs(due.timeIntervalSince(Fixtures.now) - 30 * log2(12 / 9.995) * Self.day) < 2)
        #expect(Fixtures.score(rules, state, at: due - 60).grade?.hasSuffix("3") == true)
        #expect(Fixtures.score(rules, state, at: due).grade?.hasSuffix("4") == true)
    }

    @Test func halfLifeDecayIsDueWhenTenPointsAreLostBeforeAnyBoundary() throws {
        // 40 points: the boundary at 25 comes at 30·log2(1.6) ≈ 20.3 days, the loss of 10 points
        // sooner, at 30·log2(4/3) ≈ 12.5 days.
        let rules = ScoringRules(
            engagement: [EngagementRule("quote", kinds: [.quoteRequested], points: 40)], decay: .halfLife(days: 30))
        let state = Fixtures.state(signals: [Fixtures.signal(.quoteRequested, daysAgo: 0)])
        let due = try #require(Self.review(rules, state))
        #expect(abs(due.timeIntervalSince(Fixtures.now) - 30 * log2(4.0 / 3.0) * Self.day) < 2)
        #expect(Fixtures.score(rules, state, at: due).engagement <= 30)
        #expect(Fixtures.score(rules, state, at: due - 3_600).engagement > 30)
    }

    @Test func aCapOnlyMakesTheReviewEarlyNeverLate() throws {
        let rules = ScoringRules(
            engagement: [
                EngagementRule("opens", kinds: [.emailOpened], points: 5, per: .occurrence, cap: 12)
            ], decay: .halfLife(days: 30))
        let signals = (0..<6).map { _ in Fixtures.signal(.emailOpened, daysAgo: 0) }
        let state = Fixtures.state(signals: signals)
        let due = try #require(Self.review(rules, state))
        let card = Fixtures.score(rules, state)
        #expect(card.engagement == 12)
        #expect(Fixtures.score(rules, state, at: due - 1).grade == card.grade, "nothing changes before the review")
    }

    @Test func aFutureSignalIsDueWhenItComesIntoView() throws {
        let rules = ScoringRules(engagement: [EngagementRule("replied", kinds: [.replied], points: 25, decays: false)])
        let later = Fixtures.now + 3_600
        let state = Fixtures.state(signals: [Signal(kind: .replied, occurredAt: later)])
        #expect(Self.review(rules, state) == later)
    }

    @Test func aCardThatTimeCannotChangeHasNoReview() {
        let undecayed = ScoringRules(
            fit: [FitRule("hc", field: "industry", .equals("healthcare"), points: 10)],
            engagement: [EngagementRule("replied", kinds: [.replied], points: 25)])
        let state = Fixtures.state(
            attributes: ["industry": "healthcare"], signals: [Fixtures.signal(.replied, daysAgo: 2)])
        #expect(Self.review(undecayed, state) == nil)
        #expect(Self.review(ScoringRules(fit: undecayed.fit), state) == nil)
        #expect(Self.review(.standard, Fixtures.state()) == nil, "no signals, nothing to decay")
    }
}
