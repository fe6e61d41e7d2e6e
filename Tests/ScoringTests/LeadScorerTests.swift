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

    @Test func totalDefaultsToTheSumOfTheAxes() {
        #expect(ScoreCard(scorer: "x", fit: 10, engagement: 5).total == 15)
        #expect(ScoreCard(scorer: "x", fit: 10, engagement: 5, total: 12).total == 12)
    }
}
