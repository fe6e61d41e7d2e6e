import Foundation
import Testing

@testable import Scoring

struct BoostedExplanationTests {
    /// Two numeric columns `a` and `b`, each cut at 0.5 (bin 0: ≤ 0.5, bin 1: above), and one
    /// tree:
    ///
    ///     root: a ≤ 0.5?  (cover 10)
    ///     ├─ yes: leaf 1.0 (cover 6)
    ///     └─ no:  b ≤ 0.5?  (cover 4)
    ///             ├─ yes: leaf 2.0  (cover 1)
    ///             └─ no:  leaf −1.0 (cover 3)
    static func handTree() -> BoostedModel {
        let binner = FeatureBinner(columns: [
            FeatureBinner.Column(name: "a", kind: .numeric, thresholds: [0.5]),
            FeatureBinner.Column(name: "b", kind: .numeric, thresholds: [0.5]),
        ])
        let tree = BoostedTree(
            feature: [0, -1, 1, -1, -1], threshold: [0, 0, 0, 0, 0],
            missingGoesLeft: [false, false, false, false, false],
            left: [1, -1, 3, -1, -1], right: [2, -1, 4, -1, -1], value: [0, 1, 0, 2, -1], cover: [10, 6, 4, 1, 3])
        return BoostedModel(
            name: "hand", version: 1, createdAt: LearnedFixtures.createdAt, binner: binner, baseline: 0.25,
            trees: [tree],
            training: .init(
                rows: 10, converted: 5, validationRows: 0, options: BoostedOptions(), iterations: 1,
                stoppedEarly: false,
                trainingLogLoss: 0.5, validationLogLoss: nil))
    }

    /// The row a = 1, b = 0 reaches the leaf 2.0. By hand, with v(S) the expected tree value when
    /// only the columns in S are known (unknown splits follow both sides weighted by cover):
    ///
    ///     v(∅)    = 0.6 × 1 + 0.4 × (0.25 × 2 + 0.75 × (−1)) = 0.6 − 0.1 = 0.5
    ///     v({a})  = 0.25 × 2 + 0.75 × (−1)                   = −0.25
    ///     v({b})  = 0.6 × 1 + 0.4 × 2                        = 1.4
    ///     v({a,b}) = 2
    ///     φa = ½ [(v({a}) − v(∅)) + (v({a,b}) − v({b}))] = ½ (−0.75 + 0.6)  = −0.075
    ///     φb = ½ [(v({b}) − v(∅)) + (v({a,b}) − v({a}))] = ½ (0.9 + 2.25)   = 1.575
    ///
    /// φa + φb = 1.5 = 2 − 0.5; with the baseline 0.25 the expected value is 0.75 and the raw
    /// score 2.25.
    @Test func matchesAHandComputedTree() {
        let model = Self.handTree()
        let row: [FeatureValue] = [.number(1), .number(0)]
        let phi = model.contributions(ofRow: row)
        #expect(abs(phi[0] - -0.075) < 1e-12, "\(phi)")
        #expect(abs(phi[1] - 1.575) < 1e-12, "\(phi)")
        #expect(abs(model.expectedValue - 0.75) < 1e-12)
        #expect(model.rawScore(ofRow: row) == 2.25)
        let explanation = model.explain(["a": .number(1), "b": .number(0)])
        #expect(explanation.contributions.map(\.column) == ["b", "a"])
        #expect(explanation.contributions.map(\.rawValue) == ["0", "1"])
        #expect(abs(explanation.rawScore - 2.25) < 1e-12)
    }

    @Test(arguments: [1, 2, 3])
    func contributionsSumToTheRawScoreMinusTheExpectedValue(seed: UInt64) throws {
        let set = BoostedFixtures.mixed(count: 2_000, seed: seed)
        let model = try BoostedModel.train(
            set, createdAt: LearnedFixtures.createdAt,
            options: BoostedOptions(maxIterations: 40, rowSubsample: 0.8, featureSubsample: 0.75, seed: seed))
        var random = LearnedFixtures.Generator(state: seed)
        for _ in 0..<50 {
            let row = set.rows[Int(random.next() * Double(set.rows.count))].values
            let phi = model.contributions(ofRow: row)
            let total = phi.reduce(model.expectedValue, +)
            #expect(abs(total - model.rawScore(ofRow: row)) < 1e-9)
        }
        let unseen: [String: FeatureValue] = ["source": .category("tv"), "score": .number(1e9)]
        let explanation = model.explain(unseen)
        let sum = explanation.contributions.reduce(explanation.expectedValue) { $0 + $1.contribution }
        #expect(abs(sum - model.rawScore(of: unseen)) < 1e-9)
        #expect(abs(explanation.rawScore - model.rawScore(of: unseen)) < 1e-9)
    }

    /// Shapley values by their definition (every subset of columns), for a model with repeated
    /// splits on one column along a path, from Algorithm 2 and from an ``ExplanationPlan``.
    @Test func matchesShapleyValuesByEnumeration() throws {
        let set = BoostedFixtures.mixed(count: 1_500, seed: 9)
        let model = try BoostedModel.train(
            set, createdAt: LearnedFixtures.createdAt, options: BoostedOptions(maxIterations: 8, maxLeaves: 12))
        #expect(
            model.trees.contains { tree in
                Set(tree.feature.filter { $0 >= 0 }).count < tree.feature.filter { $0 >= 0 }.count
            })
        let columns = model.binner.columns.count
        let plan = ExplanationPlan(model)
        #expect(plan.otherTrees.isEmpty)
        for index in stride(from: 0, to: 200, by: 37) {
            let bins = model.binner.bins(ofRow: set.rows[index].values)
            let phi = model.contributions(bins: bins)
            var planned = [Double](repeating: 0, count: columns)
            model.contributions(bins: bins, plan: plan, into: &planned)
            for column in 0..<columns {
                #expect(abs(planned[column] - phi[column]) < 1e-9, "row \(index) column \(column), planned")
                var exact = 0.0
                for subset in 0..<(1 << columns) where subset & (1 << column) == 0 {
                    let size = subset.nonzeroBitCount
                    let weight = factorial(size) * factorial(columns - size - 1) / factorial(columns)
                    exact +=
                        weight * (value(model, bins, known: subset | (1 << column)) - value(model, bins, known: subset))
                }
                #expect(abs(phi[column] - exact) < 1e-9, "row \(index) column \(column): \(phi[column]) vs \(exact)")
            }
        }
    }

    private func factorial(_ n: Int) -> Double { n <= 1 ? 1 : Double(n) * factorial(n - 1) }

    /// The expected raw score when only the columns in `known` (a bit set) are known.
    private func value(_ model: BoostedModel, _ bins: [UInt8], known: Int) -> Double {
        let missingBins = model.binner.columns.map(\.missingBin)
        func walk(_ tree: BoostedTree, _ node: Int) -> Double {
            let feature = tree.feature[node]
            if feature < 0 { return tree.value[node] }
            let (left, right) = (tree.left[node], tree.right[node])
            if known & (1 << feature) != 0 {
                return walk(
                    tree, tree.goesLeft(node, bin: Int(bins[feature]), missingBin: missingBins[feature]) ? left : right)
            }
            return (tree.cover[left] * walk(tree, left) + tree.cover[right] * walk(tree, right)) / tree.cover[node]
        }
        return model.trees.reduce(model.baseline) { $0 + walk($1, 0) }
    }
}
