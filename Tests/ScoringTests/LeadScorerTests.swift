import Foundation
import LeadModel
import Scoring
import Testing

struct LeadScorerTests {
    struct Passing: LeadScorer {
        func score(_ input: ScoringInput) -> ScoreCard? { nil }
    }

    struct Fixed: LeadScorer {
        let name: String
        func score(_ input: ScoringInput) -> ScoreCard? { ScoreCard(scorer: name, fit: 10, engagement: 5) }
    }

    let input = ScoringInput(
        state: LeadState.fold([
            LeadEvent(leadID: "L1", occurredAt: .now, actor: .system, payload: .captured(Lead(id: "L1"), stage: .lead))
        ])!, now: .now)

    @Test func chainFallsThroughOnNoOpinion() {
        #expect(Passing().then(Fixed(name: "second")).score(input)?.scorer == "second")
        #expect(Fixed(name: "first").then(Fixed(name: "second")).score(input)?.scorer == "first")
        #expect(Passing().then(Passing()).score(input) == nil)
    }

    /// A scorer that reviews every card a day after scoring, and counts its calls.
    final class Reviewing: LeadScorer, @unchecked Sendable {
        // @unchecked: `log` is only read and written under `lock`.
        private let lock = NSLock()
        private var log: [String] = []
        var calls: [String] { lock.withLock { log } }

        func score(_ input: ScoringInput) -> ScoreCard? {
            lock.withLock { log.append("score") }
            return ScoreCard(scorer: "reviewing", fit: 1, engagement: 0)
        }

        func nextReview(_ input: ScoringInput, after card: ScoreCard) -> Date? {
            lock.withLock { log.append("review") }
            return input.now + 86_400
        }
    }

    @Test func scoreWithReviewDefaultsToScoreThenNextReview() {
        let scorer = Reviewing()
        let result = scorer.scoreWithReview(input)
        #expect(result?.card.scorer == "reviewing")
        #expect(result?.review == input.now + 86_400)
        #expect(scorer.calls == ["score", "review"])
        #expect(Passing().scoreWithReview(input) == nil)
    }

    @Test func aChainScoresAndReviewsWithTheScorerThatAnswersOnce() {
        let second = Reviewing()
        let chained = Passing().then(second)
        #expect(chained.scoreWithReview(input)?.review == input.now + 86_400)
        #expect(second.calls == ["score", "review"], "the answering scorer scores once")
        let first = Reviewing()
        let skipped = Reviewing()
        #expect(first.then(skipped).scoreWithReview(input)?.card.scorer == "reviewing")
        #expect(first.calls == ["score", "review"])
        #expect(skipped.calls.isEmpty)
    }

    @Test func totalDefaultsToTheSumOfTheAxes() {
        #expect(ScoreCard(scorer: "x", fit: 10, engagement: 5).total == 15)
        #expect(ScoreCard(scorer: "x", fit: 10, engagement: 5, total: 12).total == 12)
    }
}
