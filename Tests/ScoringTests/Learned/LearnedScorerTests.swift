import Foundation
import LeadModel
import Testing

@testable import Scoring

struct LearnedScorerTests {
    /// Leads where replies and the fintech industry drive conversion.
    static func trainingSet() throws -> TrainingSet {
        var rows: [[String: FeatureValue]] = []
        var outcomes: [Bool] = []
        for index in 0..<200 {
            let replies = index % 4
            let fintech = index % 3 == 0
            let state = Fixtures.state(
                attributes: ["industry": .string(fintech ? "fintech" : "retail"), "employees": .number(Double(index))],
                signals: (0..<replies).map { Fixtures.signal(.replied, daysAgo: Double($0 + 1)) })
            rows.append(LeadFeatures.extract(state, asOf: Fixtures.now))
            outcomes.append(replies + (fintech ? 2 : 0) + index % 2 >= 3)
        }
        let names = [
            "attr.industry", "attr.employees", LeadFeatures.countPrefix + "replied", LeadFeatures.totalSignals,
        ]
        let columns = names.map { TrainingColumn($0, $0 == "attr.industry" ? .categorical : .numeric) }
        return try TrainingSet(
            columns: columns,
            rows: zip(rows, outcomes).map { features, converted in
                TrainingRow(values: names.map { LeadFeatures.value($0, in: features) }, converted: converted)
            })
    }

    @Test func extractsAttributesAndSignalAggregatesAsOfATime() {
        let state = Fixtures.state(
            attributes: ["employees": 250, "industry": "fintech", "trial": true, "tags": .list(["a"])],
            signals: [
                Fixtures.signal(.emailOpened, daysAgo: 10), Fixtures.signal(.emailOpened, daysAgo: 4),
                Fixtures.signal(.replied, daysAgo: 2), Fixtures.signal(.replied, daysAgo: -1),
            ])
        let features = LeadFeatures.extract(state, asOf: Fixtures.now)
        #expect(features["attr.employees"] == .number(250))
        #expect(features["attr.industry"] == .category("fintech"))
        #expect(features["attr.trial"] == .category("true"))
        #expect(features["attr.tags"] == nil)
        #expect(features["count.email-opened"] == .number(2))
        #expect(features["count.replied"] == .number(1))
        #expect(features[LeadFeatures.totalSignals] == .number(3))
        #expect(features[LeadFeatures.daysSinceLastSignal] == .number(2))
        #expect(features["source"] == .missing)
        #expect(LeadFeatures.value("count.demo-requested", in: features) == .number(0))
        #expect(LeadFeatures.value("attr.country", in: features) == .missing)
        let early = LeadFeatures.extract(Fixtures.state(), asOf: Fixtures.now)
        #expect(early[LeadFeatures.daysSinceLastSignal] == .missing)
    }

    @Test func scoreCardExplainsTheProbability() throws {
        let model = try LearnedModel.train(try Self.trainingSet(), name: "demo", createdAt: LearnedFixtures.createdAt)
        let scorer = LearnedScorer(model: model, maximumContributions: 3)
        let hot = Fixtures.state(
            attributes: ["industry": "fintech", "employees": 100],
            signals: [Fixtures.signal(.replied, daysAgo: 1), Fixtures.signal(.replied, daysAgo: 3)])
        let cold = Fixtures.state(attributes: ["industry": "retail", "employees": 100])
        let hotCard = try #require(scorer.score(ScoringInput(state: hot, now: Fixtures.now)))
        let coldCard = try #require(scorer.score(ScoringInput(state: cold, now: Fixtures.now)))
        #expect(hotCard.scorer == "learned:demo:v1")
        #expect(hotCard.total > coldCard.total)
        let probability = scorer.probability(ScoringInput(state: hot, now: Fixtures.now))
        #expect(abs(hotCard.total - 100 * probability) < 0.01)
        #expect(hotCard.grade == nil)
        #expect(hotCard.contributions.count == 3)
        let magnitudes = hotCard.contributions.map { abs($0.points) }
        #expect(magnitudes == magnitudes.sorted(by: >))
        let replied = try #require(hotCard.contributions.first { $0.rule == "count.replied" })
        #expect(replied.axis == .engagement)
        #expect(replied.points > 0)
        #expect(replied.evidence.hasPrefix("count.replied = 2: +"))
        let industry = try #require(hotCard.contributions.first { $0.rule == "attr.industry=fintech" })
        #expect(industry.axis == .fit)
        let fitSum = hotCard.contributions.filter { $0.axis == .fit }.reduce(0) { $0 + $1.points }
        #expect(abs(hotCard.fit - fitSum) < 0.011)
    }

    @Test func signalsAfterNowAreIgnored() throws {
        let model = try LearnedModel.train(try Self.trainingSet(), createdAt: LearnedFixtures.createdAt)
        let scorer = LearnedScorer(model: model)
        let future = Fixtures.state(signals: [Fixtures.signal(.replied, daysAgo: -2)])
        let none = Fixtures.state()
        #expect(
            scorer.score(ScoringInput(state: future, now: Fixtures.now))
                == scorer.score(ScoringInput(state: none, now: Fixtures.now)))
    }

    @Test func scorerIsSendable() async throws {
        let scorer = LearnedScorer(model: try LearnedModel.train(LearnedFixtures.separable(), createdAt: .now))
        let card = await Task.detached { scorer.score(ScoringInput(state: Fixtures.state(), now: Fixtures.now)) }.value
        #expect(card != nil)
    }
}
