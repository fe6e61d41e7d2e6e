import Foundation
import Testing

@testable import Scoring

struct LogisticRegressionTests {
    @Test func learnsAKnownSeparatingFeature() throws {
        let set = LearnedFixtures.separable()
        let model = try LearnedModel.train(set, createdAt: LearnedFixtures.createdAt)
        let scoreWeight = model.coefficients[model.encoding.featureNames.firstIndex(of: "score")!]
        #expect(scoreWeight > 1)
        let high = model.probability(of: ["score": .number(9), "letter": .category("a")])
        let low = model.probability(of: ["score": .number(1), "letter": .category("a")])
        #expect(high > 0.9)
        #expect(low < 0.1)
        let predictions = model.probabilities(for: set)
        #expect(ClassificationMetrics.areaUnderROC(predictions: predictions, outcomes: set.outcomes) == 1)
        #expect(model.training.converged)
    }

    @Test func reachesTheMinimumOfTheRegularisedLogLoss() throws {
        // Without the prior the objective is scikit-learn's: summed log loss + ‖w‖²/2 (C = 1),
        // intercept unpenalised. At its minimum every gradient component is zero.
        let set = LearnedFixtures.noisy(count: 500)
        let model = try LearnedModel.train(
            set, createdAt: LearnedFixtures.createdAt,
            options: TrainingOptions(priorWeight: 0, gradientTolerance: 1e-10))
        let matrix = EncodedMatrix(set, rows: Array(set.rows.indices), encoding: model.encoding)
        let predictions = model.probabilities(matrix)
        var gradient = model.coefficients
        var interceptGradient = 0.0
        for row in 0..<matrix.rowCount {
            let residual = predictions[row] - matrix.targets[row]
            interceptGradient += residual
            let encoded = matrix.row(row)
            for column in 0..<matrix.width {
                gradient[column] += residual * encoded[column]
            }
        }
        #expect(abs(interceptGradient) < 1e-5)
        #expect(gradient.allSatisfy { abs($0) < 1e-5 })
        #expect(model.coefficients[0] > 1.5)
    }

    @Test func trainingIsBitIdenticalOnTheSameData() throws {
        let set = LearnedFixtures.noisy(count: 9_000)
        let first = try LearnedModel.train(set, createdAt: LearnedFixtures.createdAt)
        let second = try LearnedModel.train(set, createdAt: LearnedFixtures.createdAt)
        #expect(first == second)
        #expect(first.coefficients.map(\.bitPattern) == second.coefficients.map(\.bitPattern))
        #expect(try first.encoded() == second.encoded())
    }

    @Test(arguments: [[true], [false], [true, true, true], [false, false], [true, false]])
    func littleDataPredictsNearTheSmoothedBaseRate(outcomes: [Bool]) throws {
        let rows = outcomes.enumerated().map { index, converted in
            TrainingRow(values: [.number(Double(index))], converted: converted)
        }
        let set = try TrainingSet(columns: [TrainingColumn("x", .numeric)], rows: rows)
        let model = try LearnedModel.train(set, createdAt: LearnedFixtures.createdAt)
        let converted = Double(outcomes.filter { $0 }.count)
        let prior = (converted + 1) / (Double(outcomes.count) + 2)
        #expect(model.training.priorRate == prior)
        for value in [0, Double(outcomes.count - 1) / 2, Double(outcomes.count - 1)] {
            let p = model.probability(of: ["x": .number(value)])
            #expect(p > 0.05 && p < 0.95, "p(\(value)) = \(p)")
        }
        let atMean = model.probability(of: [:])
        #expect(abs(atMean - prior) < 0.2)
    }

    @Test func oneConvertedRowPredictsThePriorBlendNotCertainty() throws {
        // One row, p₀ = (1 + 1) / (1 + 2) = 2/3; two pseudo-rows at p₀: (1 + 2 × 2/3) / 3 = 7/9.
        let set = try TrainingSet(
            columns: [TrainingColumn("x", .numeric)], rows: [TrainingRow(values: [.number(4)], converted: true)])
        let model = try LearnedModel.train(set, createdAt: LearnedFixtures.createdAt)
        #expect(abs(model.probability(of: ["x": .number(4)]) - 7.0 / 9.0) < 1e-6)
        let noPrior = try LearnedModel.train(
            set, createdAt: LearnedFixtures.createdAt, options: TrainingOptions(priorWeight: 0, maximumIterations: 50))
        #expect(noPrior.probability(of: ["x": .number(4)]) > 0.99)
    }

    @Test func refusesAnEmptySetAndBadOptions() throws {
        let empty = try TrainingSet(columns: [TrainingColumn("x", .numeric)], rows: [])
        #expect(throws: LearnedModelError.self) { try LearnedModel.train(empty, createdAt: LearnedFixtures.createdAt) }
        do {
            _ = try LearnedModel.train(
                LearnedFixtures.separable(), createdAt: LearnedFixtures.createdAt,
                options: TrainingOptions(inverseRegularisation: 0))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidOption)
            #expect(error.message.contains("inverseRegularisation"))
        }
    }

    @Test func balancedClassWeightsRaiseTheMinorityClassProbability() throws {
        let set = LearnedFixtures.noisy(count: 400, slope: 0.5)
        let plain = try LearnedModel.train(set, createdAt: LearnedFixtures.createdAt)
        let balanced = try LearnedModel.train(
            set, createdAt: LearnedFixtures.createdAt, options: TrainingOptions(classWeights: .balanced))
        let mean = { (model: LearnedModel) in model.probabilities(for: set).reduce(0, +) / Double(set.rows.count) }
        #expect(abs(mean(balanced) - 0.5) < abs(mean(plain) - 0.5) + 1e-9)
    }

    @Test func rejectsRowsOfTheWrongWidthAndDuplicateColumns() {
        #expect(throws: LearnedModelError.self) {
            try TrainingSet(columns: [TrainingColumn("x", .numeric)], rows: [TrainingRow(values: [], converted: true)])
        }
        #expect(throws: LearnedModelError.self) {
            try TrainingSet(columns: [TrainingColumn("x", .numeric), TrainingColumn("x", .categorical)], rows: [])
        }
    }
}
