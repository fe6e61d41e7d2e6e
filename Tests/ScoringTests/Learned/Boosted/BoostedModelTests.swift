import Foundation
import Testing

@testable import Scoring

struct BoostedModelTests {
    /// Large enough that histograms, gathers and gradients are computed in parallel: two
    /// trainings running side by side (so with different threads free) give the same bytes.
    @Test func trainingIsBitIdenticalWhateverTheThreads() async throws {
        let set = BoostedFixtures.exclusiveOr(count: 70_000)
        let options = BoostedOptions(maxIterations: 3, earlyStopping: .off)
        let createdAt = LearnedFixtures.createdAt
        let alone = try BoostedModel.train(set, createdAt: createdAt, options: options).encoded()
        async let first = Task.detached {
            try BoostedModel.train(set, createdAt: createdAt, options: options).encoded()
        }
        .value
        async let second = Task.detached {
            try BoostedModel.train(set, createdAt: createdAt, options: options).encoded()
        }
        .value
        let (one, two) = try await (first, second)
        #expect(one == alone)
        #expect(two == alone)
    }

    @Test func fitsAPureInteractionThatTheLogisticModelCannot() throws {
        let set = BoostedFixtures.exclusiveOr(count: 2_000)
        let boosted = try CrossValidation.run(set, folds: 3, boosted: BoostedOptions())
        let logistic = try CrossValidation.run(set, folds: 3)
        #expect(try #require(logistic.meanAUC) < 0.6)
        #expect(try #require(boosted.meanAUC) > 0.9)
        #expect(boosted.iterations == [100, 100, 100])
        #expect(boosted.converged)
        #expect(boosted.logLoss < boosted.baselineLogLoss)
    }

    @Test func predictsTheInteractionOnNewRows() throws {
        let model = try BoostedModel.train(
            BoostedFixtures.exclusiveOr(count: 2_000), createdAt: LearnedFixtures.createdAt)
        #expect(model.probability(of: ["x": .number(0.5), "y": .number(-0.5)]) > 0.8)
        #expect(model.probability(of: ["x": .number(-0.5), "y": .number(-0.5)]) < 0.2)
        #expect(model.probability(ofRow: [.number(0.5), .number(0.5), .number(0.3)]) < 0.2)
        #expect(model.trees.count == 100)
        #expect(model.trees.allSatisfy { $0.leafCount <= 31 })
        #expect(model.identifier == "boosted:model:v1")
    }

    @Test func learnsWhereMissingValuesGo() throws {
        let model = try BoostedModel.train(BoostedFixtures.mixed(count: 3_000), createdAt: LearnedFixtures.createdAt)
        let missing = model.probability(of: ["visits": .missing, "source": .category("web")])
        let few = model.probability(of: ["visits": .number(1), "source": .category("web")])
        let many = model.probability(of: ["visits": .number(19), "source": .category("web")])
        #expect(missing > few + 0.2, "missing \(missing), few \(few)")
        #expect(many > few + 0.2, "many \(many), few \(few)")
        // A column not given is missing; a number where a number cannot be is missing too.
        #expect(model.probability(of: ["source": .category("web")]) == missing)
        #expect(model.probability(of: ["visits": .category("lots"), "source": .category("web")]) == missing)
    }

    @Test func unseenCategoriesShareTheRareCategoriesBin() throws {
        let model = try BoostedModel.train(BoostedFixtures.mixed(count: 3_000), createdAt: LearnedFixtures.createdAt)
        let source = try #require(model.binner.columns.first { $0.name == "source" })
        #expect(source.categories?.contains("rare") == false)
        #expect(source.categories?.count == 4)
        let rare = model.probability(of: ["visits": .number(5), "source": .category("rare")])
        let unseen = model.probability(of: ["visits": .number(5), "source": .category("never seen")])
        #expect(rare == unseen)
        #expect(
            model.binner.bins(ofRow: [.number(5), .category(" Never Seen "), .missing, .missing])[1]
                == UInt8(source.otherBin))
        let event = model.probability(of: ["visits": .number(5), "source": .category(" EVENT ")])
        let web = model.probability(of: ["visits": .number(5), "source": .category("web")])
        #expect(event > web + 0.1, "event \(event), web \(web)")
    }

    @Test func isBitIdenticalForASeed() throws {
        let set = BoostedFixtures.mixed(count: 2_500)
        let options = BoostedOptions(
            maxIterations: 30, earlyStopping: .on, rowSubsample: 0.7, featureSubsample: 0.75, seed: 42)
        let first = try BoostedModel.train(set, createdAt: LearnedFixtures.createdAt, options: options)
        let second = try BoostedModel.train(set, createdAt: LearnedFixtures.createdAt, options: options)
        #expect(first == second)
        #expect(try first.encoded() == second.encoded())
        var reseeded = options
        reseeded.seed = 43
        let third = try BoostedModel.train(set, createdAt: LearnedFixtures.createdAt, options: reseeded)
        #expect(third.trees != first.trees)
    }

    @Test func stopsEarlyOnNoise() throws {
        let model = try BoostedModel.train(
            BoostedFixtures.noise(count: 12_000), createdAt: LearnedFixtures.createdAt, options: BoostedOptions())
        #expect(model.training.stoppedEarly)
        #expect(model.training.iterations < 40, "\(model.training.iterations) iterations")
        #expect(model.training.validationRows == 1_200)
        #expect(model.trees.count == model.training.iterations)
        let full = try BoostedModel.train(
            BoostedFixtures.noise(count: 2_000), createdAt: LearnedFixtures.createdAt,
            options: BoostedOptions(maxIterations: 20))
        #expect(!full.training.stoppedEarly)
        #expect(full.training.iterations == 20)
        #expect(full.training.validationRows == 0)
    }

    @Test func respectsTheTreeShapeLimits() throws {
        let set = BoostedFixtures.mixed(count: 2_000)
        let model = try BoostedModel.train(
            set, createdAt: LearnedFixtures.createdAt,
            options: BoostedOptions(maxIterations: 10, maxLeaves: 8, maxDepth: 2, minSamplesLeaf: 50))
        for tree in model.trees {
            #expect(tree.leafCount <= 4)
            #expect(tree.depth <= 2)
            for node in tree.feature.indices where tree.feature[node] < 0 { #expect(tree.cover[node] >= 50) }
        }
    }

    @Test func listsEveryInvalidOption() {
        let options = BoostedOptions(
            learningRate: 0, maxIterations: 0, maxLeaves: 1, maxDepth: 0, minSamplesLeaf: 0, l2Regularisation: -1,
            maxBins: 256, rareCategoryCount: 0, validationFraction: 1, nIterNoChange: 0, tol: -1, rowSubsample: 0,
            featureSubsample: 1.5)
        #expect(options.problems().count == 13)
        #expect(BoostedOptions().problems().isEmpty)
        do {
            _ = try BoostedModel.train(
                BoostedFixtures.noise(count: 50), createdAt: LearnedFixtures.createdAt, options: options)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidOption)
            #expect(error.message.contains("learningRate") && error.message.contains("featureSubsample"))
        }
    }

    @Test func refusesAnEmptySet() throws {
        let empty = try TrainingSet(columns: [TrainingColumn("x", .numeric)], rows: [])
        #expect(throws: LearnedModelError.self) {
            _ = try BoostedModel.train(empty, createdAt: LearnedFixtures.createdAt)
        }
    }

    @Test(arguments: [(Array(1...10).map(Double.init), 10, 9), (Array(1...1_000).map(Double.init), 255, 254)])
    func binsNumbersAtMidpointsOrQuantiles(values: [Double], maxBins: Int, thresholds: Int) {
        let result = FeatureBinner.thresholds(sorted: values, maxBins: maxBins)
        #expect(result.count == thresholds)
        #expect(zip(result, result.dropFirst()).allSatisfy { $0 < $1 })
        if values.count <= maxBins { #expect(result.first == 1.5) }
        #expect(FeatureBinner.numericBin(1, thresholds: result) == 0)
        #expect(FeatureBinner.numericBin(1_000_000, thresholds: result) == thresholds)
    }
}
