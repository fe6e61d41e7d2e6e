import Foundation
import LeadModel
import Scoring
import Testing

/// ``RuleScorer/nextReview(_:after:)``: when time alone next changes a card.
struct NextReviewTests {
    static let day = Fixtures.day

    /// The review time, checking that the engine's one-pass ``RuleScorer/scoreWithReview(_:)``
    /// gives the same card and time as ``RuleScorer/score(_:)`` then `nextReview`.
    static func review(_ rules: ScoringRules, _ state: LeadState, at time: Date = Fixtures.now) -> Date? {
        let scorer = RuleScorer(rules)
        let input = ScoringInput(state: state, now: time)
        let card = scorer.score(input)!
        let review = scorer.nextReview(input, after: card)
        let fused = scorer.scoreWithReview(input)
        #expect(fused?.card == card)
        #expect(fused?.review == review)
        return review
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

    /// Two replies worth 12.496 points each show as 12.50 + 12.50 = 25.00 (grade 2) while their
    /// unrounded sum, 24.992, is already below the boundary: the grade drops as soon as each
    /// rounds to 12.49, about five minutes on, and the review must not wait for more decay.
    @Test func onlyRoundingHoldingTheBoundaryIsDueWithinTheNextHundredth() throws {
        let rules = ScoringRules(
            engagement: [
                EngagementRule("replied", kinds: [.replied], points: 25),
                EngagementRule("quoted", kinds: [.quoteRequested], points: 25),
            ], decay: .halfLife(days: 30))
        let age = -30 * Self.day * log2(12.496 / 25)
        let signals = [SignalKind.replied, .quoteRequested].map { Signal(kind: $0, occurredAt: Fixtures.now - age) }
        let state = Fixtures.state(signals: signals)
        let card = Fixtures.score(rules, state)
        #expect(card.engagement == 25)
        let due = try #require(Self.review(rules, state))
        let drop = -30 * Self.day * log2(12.495 / 12.496)
        #expect(due.timeIntervalSince(Fixtures.now) <= drop + 1.001, "due \(due.timeIntervalSince(Fixtures.now)) s on")
        // Reviews come a second after the change they wait for.
        #expect(Fixtures.score(rules, state, at: due - 2).grade == card.grade)
        #expect(Fixtures.score(rules, state, at: Fixtures.now + drop + 1).grade != card.grade)
    }

    /// 40 points for a reply and −15.0051 for a complaint, both decaying, show as 40.00 − 15.01 =
    /// 24.99 (grade 3). The axis falls overall, but the complaint shows −15.00 within seconds and
    /// lifts the axis to 25.00 (grade 2) for a few minutes: a review must come before that.
    @Test func contributionsOfBothSignsAreDueWhenTheyCanLiftTheAxis() throws {
        let rules = ScoringRules(
            engagement: [
                EngagementRule("replied", kinds: [.replied], points: 40),
                EngagementRule("complained", kinds: [.unsubscribed], points: -15.0051),
            ], decay: .halfLife(days: 30))
        let state = Fixtures.state(signals: [
            Fixtures.signal(.replied, daysAgo: 0), Fixtures.signal(.unsubscribed, daysAgo: 0),
        ])
        let card = Fixtures.score(rules, state)
        #expect(abs(card.engagement - 24.99) < 1e-9)
        let due = try #require(Self.review(rules, state))
        let lift = 30 * Self.day * log2(15.0051 / 15.005)
        #expect(due.timeIntervalSince(Fixtures.now) <= lift + 1.001, "due \(due.timeIntervalSince(Fixtures.now)) s on")
        // Reviews come a second after the change they wait for.
        #expect(Fixtures.score(rules, state, at: due - 2).grade == card.grade)
        #expect(Fixtures.score(rules, state, at: Fixtures.now + lift + 1).engagement == 25)
    }

    /// A demo-like lead under the standard rules plus windowed, conditional and per-occurrence
    /// rules, scored at several times: one pass gives what two passes give.
    @Test(arguments: [0.0, 3, 12, 29.5, 45, 91])
    func onePassGivesTheCardAndReviewOfTwo(daysLater: Double) throws {
        var rules = ScoringRules.standard
        rules.engagement += [
            EngagementRule("opens", kinds: [.emailOpened], withinDays: 14, points: 1, per: .occurrence, cap: 4),
            EngagementRule(
                "blog", kinds: [.linkClicked], where: [PropertyCondition(property: "url", .contains("/blog/"))],
                points: 3),
        ]
        let state = Fixtures.state(
            title: "VP Finance", attributes: ["industry": "fintech", "employees": 400, "country": "US"],
            signals: [
                Fixtures.signal(.emailOpened, daysAgo: 20), Fixtures.signal(.emailOpened, daysAgo: 9),
                Fixtures.signal(.emailOpened, daysAgo: 2),
                Fixtures.signal(.linkClicked, daysAgo: 5, ["url": "/blog/payroll"]),
                Fixtures.signal(.linkClicked, daysAgo: 1, ["url": "/pricing"]),
                Fixtures.signal(.replied, daysAgo: 3), Fixtures.signal(.unsubscribed, daysAgo: 0.5),
                Signal(kind: .demoRequested, occurredAt: Fixtures.now + 10 * Self.day),
            ])
        let time = Fixtures.now + daysLater * Self.day
        let due = try #require(Self.review(rules, state, at: time))
        #expect(due > time)
        // Never late: before the review, the grade holds and fewer than 10 points go.
        let card = Fixtures.score(rules, state, at: time)
        for step in 1...8 {
            let before = time + due.timeIntervalSince(time) * Double(step) / 8 - (step == 8 ? 1 : 0)
            let later = Fixtures.score(rules, state, at: before)
            #expect(later.grade == card.grade, "at \(before): \(card.engagement) became \(later.engagement)")
            #expect(abs(later.total - card.total) <= RuleScorer.reviewTolerance + 0.01, "at \(before)")
        }
    }
}
