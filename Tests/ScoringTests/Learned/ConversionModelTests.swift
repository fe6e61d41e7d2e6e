import Foundation
import LeadModel
import Scoring
import Testing

struct ConversionModelTests {
    static func set() -> TrainingSet { LearnedFixtures.noisy(count: 400) }

    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("accord-model-\(UUID().uuidString).json")
    }

    @Test func loadsWhicheverKindTheFileHolds() throws {
        let logistic = try LearnedModel.train(Self.set(), name: "a", createdAt: LearnedFixtures.createdAt)
        let boosted = try BoostedModel.train(Self.set(), name: "b", createdAt: LearnedFixtures.createdAt)
        for model in [ConversionModel.logistic(logistic), .boosted(boosted)] {
            let url = Self.temporaryFile()
            defer { try? FileManager.default.removeItem(at: url) }
            try model.save(to: url)
            let loaded = try ConversionModel.load(contentsOf: url)
            #expect(loaded == model)
            #expect(loaded.kind == model.kind)
        }
        #expect(ConversionModel.boosted(boosted).identifier == "boosted:b:v1")
        #expect(ConversionModel.logistic(logistic).columns == ["score", "industry", "noise"])
    }

    @Test func eachKindRefusesTheOthersFile() throws {
        let boosted = try BoostedModel.train(Self.set(), createdAt: LearnedFixtures.createdAt)
        #expect {
            try LearnedModel.decode(try boosted.encoded(), source: "m.json")
        } throws: { error in
            guard let error = error as? LearnedModelError else { return false }
            return error.code == .unsupportedFormat
                && error.message.contains("holds a 'boosted' model, not a logistic one")
        }
        let unknown = Data(#"{"kind": "forest", "formatVersion": 1}"#.utf8)
        #expect {
            try ConversionModel.decode(unknown, source: "m.json")
        } throws: { error in
            (error as? LearnedModelError)?.message.contains("kind 'forest'") == true
        }
    }

    @Test func aLogisticModelsColumnsSumItsFeatures() throws {
        let logistic = try LearnedModel.train(Self.set(), createdAt: LearnedFixtures.createdAt)
        let values: [String: FeatureValue] = ["score": .number(1.2), "industry": .category("fintech")]
        let columns = ConversionModel.logistic(logistic).explain(values)
        let features = logistic.explain(values)
        #expect(Set(columns.map(\.column)) == Set(features.map(\.column)))
        for column in columns {
            let sum = features.filter { $0.column == column.column }.reduce(0) { $0 + $1.contribution }
            #expect(abs(column.contribution - sum) < 1e-12)
        }
    }

    @Test func aBoostedModelsColumnsSumToTheLogOddsFromTheExpectedValue() throws {
        let boosted = try BoostedModel.train(Self.set(), createdAt: LearnedFixtures.createdAt)
        let model = ConversionModel.boosted(boosted)
        let values: [String: FeatureValue] = ["score": .number(1.2), "industry": .category("fintech")]
        let total = model.explain(values).reduce(0) { $0 + $1.contribution }
        #expect(abs(model.logOdds(of: values) - boosted.expectedValue - total) < 1e-9)
    }

    @Test func aLearnedScorerScoresWithABoostedModel() throws {
        let model = try BoostedModel.train(Self.set(), name: "trees", createdAt: LearnedFixtures.createdAt)
        let scorer = LearnedScorer(model: model, maximumContributions: 3)
        let state = try #require(
            LeadState.fold([
                LeadEvent(
                    leadID: "L1", occurredAt: LearnedFixtures.createdAt, actor: .system,
                    payload: .captured(Lead(id: "L1", attributes: ["score": .number(1.5)]), stage: .lead))
            ]))
        let input = ScoringInput(state: state, now: LearnedFixtures.createdAt)
        let card = try #require(scorer.score(input))
        #expect(card.scorer == "boosted:trees:v1")
        #expect(abs(card.total - (scorer.probability(input) * 100 * 100).rounded() / 100) < 1e-9)
        #expect(card.contributions.count <= 3)
        #expect(card.contributions.allSatisfy { $0.evidence.hasSuffix("log-odds (Shapley value)") })
    }
}
