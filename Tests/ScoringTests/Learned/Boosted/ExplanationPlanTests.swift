import Foundation
import Testing

@testable import Scoring

/// ``ExplanationPlan`` against the reference ``TreeSHAP`` (Algorithm 2) on random trees with
/// repeated features, categorical splits and missing values, and the batch ``BoostedModel/explain(_:)``
/// against the single one.
struct ExplanationPlanTests {
    /// Four numeric columns (bins 0–5, missing 6) and two categorical ones (bins 0–4, missing 5).
    static let binner = FeatureBinner(
        columns: (0..<4).map { FeatureBinner.Column(name: "n\($0)", kind: .numeric, thresholds: [-2, -1, 0, 1, 2]) }
            + (0..<2).map {
                FeatureBinner.Column(name: "c\($0)", kind: .categorical, categories: ["a", "b", "c", "d"])
            })

    /// A random tree of `leaves` leaves grown by splitting random leaves (or always the last one,
    /// for a deep chain) on random columns; covers add up from random leaf covers.
    static func randomTree(
        leaves: Int, binner: FeatureBinner, chain: Bool = false, random: inout LearnedFixtures.Generator
    ) -> BoostedTree {
        var tree = BoostedTree(leaf: 0, cover: 0)
        func pick(_ count: Int) -> Int { min(count - 1, Int(random.next() * Double(count))) }
        while tree.leafCount < leaves {
            let candidates = tree.feature.indices.filter { tree.feature[$0] < 0 }
            let node = chain ? candidates.last! : candidates[pick(candidates.count)]
            let column = chain ? tree.feature.count / 2 % binner.columns.count : pick(binner.columns.count)
            let info = binner.columns[column]
            tree.feature[node] = column
            if info.kind == .categorical {
                var set = (0...info.missingBin).filter { _ in random.next() < 0.5 }
                if set.isEmpty { set = [pick(info.missingBin + 1)] }
                tree.categorySets.append(set)
                tree.threshold[node] = -tree.categorySets.count
            } else {
                tree.threshold[node] = pick(info.missingBin - 1)
                tree.missingGoesLeft[node] = random.next() < 0.5
            }
            tree.left[node] = tree.feature.count
            tree.right[node] = tree.feature.count + 1
            for _ in 0..<2 {
                tree.feature.append(-1)
                tree.threshold.append(0)
                tree.missingGoesLeft.append(false)
                tree.left.append(-1)
                tree.right.append(-1)
                tree.value.append(random.next() * 2 - 1)
                tree.cover.append(0)
            }
        }
        for node in tree.feature.indices.reversed() {
            tree.cover[node] =
                tree.feature[node] < 0
                ? (1 + (random.next() * 50).rounded(.down)) : tree.cover[tree.left[node]] + tree.cover[tree.right[node]]
        }
        #expect(tree.problem(columns: binner.columns) == nil)
        return tree
    }

    static func model(_ trees: [BoostedTree], binner: FeatureBinner) -> BoostedModel {
        BoostedModel(
            name: "random", version: 1, createdAt: LearnedFixtures.createdAt, binner: binner, baseline: -0.5,
            trees: trees,
            training: .init(
                rows: 1, converted: 0, validationRows: 0, options: BoostedOptions(), iterations: trees.count,
                stoppedEarly: false, trainingLogLoss: 0, validationLogLoss: nil))
    }

    /// Expects the plan's contributions for `bins` to agree with Algorithm 2's to 1e-9 and,
    /// with `checksTotal`, to sum with the expected value to the raw score.
    static func expectAgreement(
        _ model: BoostedModel, plan: ExplanationPlan, bins: [UInt8], checksTotal: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var fast = [Double](repeating: 0, count: model.binner.columns.count)
        var reference = fast
        model.contributions(bins: bins, plan: plan, into: &fast)
        TreeSHAP.accumulate(model, bins: bins, into: &reference)
        for column in fast.indices {
            #expect(
                abs(fast[column] - reference[column]) < 1e-9, "\(bins) column \(column)", sourceLocation: sourceLocation
            )
        }
        guard checksTotal else { return }
        #expect(
            abs(fast.reduce(model.expectedValue, +) - model.rawScore(bins: bins)) < 1e-9, sourceLocation: sourceLocation
        )
    }

    static func randomBins(_ binner: FeatureBinner, random: inout LearnedFixtures.Generator) -> [UInt8] {
        binner.columns.map { UInt8(min($0.missingBin, Int(random.next() * Double($0.missingBin + 1)))) }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func agreesWithAlgorithmTwoOnRandomTrees(seed: UInt64) {
        var random = LearnedFixtures.Generator(state: seed)
        let trees = (0..<20).map { index in
            Self.randomTree(leaves: 2 + index * 2, binner: Self.binner, chain: index % 5 == 4, random: &random)
        }
        let model = Self.model(trees, binner: Self.binner)
        let plan = ExplanationPlan(model)
        #expect(plan.otherTrees.isEmpty)
        for _ in 0..<40 {
            let bins = Self.randomBins(Self.binner, random: &random)
            Self.expectAgreement(model, plan: plan, bins: bins)
        }
    }

    /// Trees with more splits or more distinct features on a path than the plan holds are left
    /// to the reference, next to planned trees.
    @Test func leavesLargeTreesToTheReference() {
        let columns = ExplanationPlan.maximumSplits + 10
        let binner = FeatureBinner(
            columns: (0..<columns).map { FeatureBinner.Column(name: "x\($0)", kind: .numeric, thresholds: [0]) })
        var random = LearnedFixtures.Generator(state: 42)
        let trees = [
            Self.randomTree(leaves: 12, binner: binner, random: &random),
            Self.randomTree(leaves: 20, binner: binner, chain: true, random: &random),
            Self.randomTree(leaves: ExplanationPlan.maximumSplits + 2, binner: binner, random: &random),
        ]
        let model = Self.model(trees, binner: binner)
        let plan = ExplanationPlan(model)
        #expect(plan.otherTrees == [1, 2])
        for _ in 0..<5 {
            let bins = Self.randomBins(binner, random: &random)
            Self.expectAgreement(model, plan: plan, bins: bins, checksTotal: false)
        }
    }

    /// Paths of up to ``ExplanationPlan/maximumPathFeatures`` distinct features use every rule
    /// (2, 4 and 8 quadrature nodes), with numeric and categorical splits and missing values.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func agreesWithAlgorithmTwoOnLongPaths(seed: UInt64) {
        let binner = FeatureBinner(
            columns: (0..<14).map {
                FeatureBinner.Column(name: "n\($0)", kind: .numeric, thresholds: [-1, 0, 1])
            } + (0..<4).map { FeatureBinner.Column(name: "c\($0)", kind: .categorical, categories: ["a", "b", "c"]) })
        var random = LearnedFixtures.Generator(state: seed)
        // Chains of 17 leaves over 18 columns put 16 distinct features on their deepest paths.
        let trees = [
            Self.randomTree(leaves: 17, binner: binner, chain: true, random: &random),
            Self.randomTree(leaves: 31, binner: binner, random: &random),
            Self.randomTree(leaves: 5, binner: binner, random: &random),
            Self.randomTree(leaves: 17, binner: binner, chain: true, random: &random),
        ]
        let paths = trees.flatMap { Self.pathFeatureCounts($0) }
        #expect(paths.max() == ExplanationPlan.maximumPathFeatures)
        #expect(Set(paths.map { ExplanationPlan.rule(features: $0) }) == [0, 1, 2])
        let model = Self.model(trees, binner: binner)
        let plan = ExplanationPlan(model)
        #expect(plan.otherTrees.isEmpty)
        for _ in 0..<60 {
            let bins = Self.randomBins(binner, random: &random)
            Self.expectAgreement(model, plan: plan, bins: bins)
        }
    }

    /// Sibling leaves explained as pairs agree with the reference: on a hand-made tree whose
    /// pairs split on a categorical and a numeric feature that also split higher up, with missing
    /// values going either way, leaves of opposite signs and a parent of cover 0, on a stump (a
    /// pair with no other feature), and on random trees, for every bin of the split features.
    @Test func pairsOfSiblingLeavesAgreeWithAlgorithmTwo() {
        let binner = Self.binner
        // n0 ≤ 2 (missing right) ─ c0 ∈ {1, missing} ─ c0 ∈ {1}: leaves 7, 8
        //                       │                    └ n0 ≤ 0 (missing right): leaves 9, 10
        //                       └ c1 ∈ {0, 3}, cover 0: leaves 5, 6
        let tree = BoostedTree(
            feature: [0, 4, 5, 4, 0] + Array(repeating: -1, count: 6),
            threshold: [2, -1, -2, -3, 0, 0, 0, 0, 0, 0, 0], missingGoesLeft: Array(repeating: false, count: 11),
            left: [1, 3, 5, 7, 9] + Array(repeating: -1, count: 6),
            right: [2, 4, 6, 8, 10] + Array(repeating: -1, count: 6),
            value: [0, 0, 0, 0, 0, 0.6, -0.3, -0.7, 0.4, 0.2, -0.1],
            cover: [50, 50, 0, 20, 30, 0, 0, 12, 8, 25, 5], categorySets: [[1, 5], [0, 3], [1]])
        var missingLeft = tree
        missingLeft.missingGoesLeft[0] = true
        let stump = BoostedTree(
            feature: [5, -1, -1], threshold: [-1, 0, 0], missingGoesLeft: [false, false, false], left: [1, -1, -1],
            right: [2, -1, -1], value: [0, 0.25, -0.5], cover: [30, 10, 20], categorySets: [[0, 3, 5]])
        for tree in [tree, missingLeft, stump] { #expect(tree.problem(columns: binner.columns) == nil) }
        var random = LearnedFixtures.Generator(state: 31)
        let trees =
            [tree, missingLeft, stump]
            + (0..<8).map { Self.randomTree(leaves: 3 + $0 * 4, binner: binner, random: &random) }
        let model = Self.model(trees, binner: binner)
        let plan = ExplanationPlan(model)
        #expect(plan.otherTrees.isEmpty)
        #expect(ExplanationPlan(Self.model([tree, missingLeft, stump], binner: binner)).pairCount == 7)
        #expect(plan.pairCount > 10)
        for n0 in 0...binner.columns[0].missingBin {
            for c0 in 0...binner.columns[4].missingBin {
                var bins = Self.randomBins(binner, random: &random)
                bins[0] = UInt8(n0)
                bins[4] = UInt8(c0)
                bins[5] = UInt8((n0 + c0) % (binner.columns[5].missingBin + 1))
                Self.expectAgreement(model, plan: plan, bins: bins)
            }
        }
    }

    /// Rows explained in one block get exactly (bit for bit) what each gets alone, also with
    /// trees left to the reference.
    @Test func blocksOfRowsMatchRowsAlone() {
        let columns = ExplanationPlan.maximumSplits + 10
        let binner = FeatureBinner(
            columns: (0..<columns).map { FeatureBinner.Column(name: "x\($0)", kind: .numeric, thresholds: [0, 1]) })
        var random = LearnedFixtures.Generator(state: 7)
        let trees = [
            Self.randomTree(leaves: 20, binner: binner, random: &random),
            Self.randomTree(leaves: ExplanationPlan.maximumSplits + 2, binner: binner, random: &random),
            Self.randomTree(leaves: 9, binner: binner, chain: true, random: &random),
        ]
        let model = Self.model(trees, binner: binner)
        let plan = ExplanationPlan(model)
        #expect(plan.otherTrees == [1])
        let rows = (0..<5).map { _ in Self.randomBins(binner, random: &random) }
        var block = [Double](repeating: 0, count: rows.count * columns)
        model.contributions(rows: rows.count, bins: rows.flatMap { $0 }, plan: plan, into: &block)
        for (index, bins) in rows.enumerated() {
            var alone = [Double](repeating: 0, count: columns)
            model.contributions(bins: bins, plan: plan, into: &alone)
            #expect(Array(block[(index * columns)..<((index + 1) * columns)]) == alone)
        }
    }

    /// The numbers of distinct features on the paths to a tree's leaves.
    static func pathFeatureCounts(_ tree: BoostedTree) -> [Int] {
        var counts: [Int] = []
        var stack: [(node: Int, columns: Set<Int>)] = [(0, [])]
        while let (node, columns) = stack.popLast() {
            let column = tree.feature[node]
            if column < 0 {
                counts.append(columns.count)
            } else {
                stack.append((tree.left[node], columns.union([column])))
                stack.append((tree.right[node], columns.union([column])))
            }
        }
        return counts
    }

    @Test func batchExplanationsMatchSingleOnes() throws {
        let set = BoostedFixtures.mixed(count: 2_000, seed: 4)
        let model = try BoostedModel.train(
            set, createdAt: LearnedFixtures.createdAt, options: BoostedOptions(maxIterations: 30))
        let names = set.columns.map(\.name)
        var leads = set.rows.prefix(150).map { Dictionary(uniqueKeysWithValues: zip(names, $0.values)) }
        leads.append(["source": .category("tv"), "score": .number(1e9)])
        leads.append([:])
        let batch = model.explain(leads)
        #expect(batch.count == leads.count)
        #expect(model.explain([]).isEmpty)
        for (lead, explanation) in zip(leads, batch) {
            let single = model.explain(lead)
            #expect(abs(explanation.rawScore - single.rawScore) < 1e-9)
            #expect(explanation.expectedValue == single.expectedValue)
            let expected = Dictionary(uniqueKeysWithValues: single.contributions.map { ($0.column, $0) })
            for item in explanation.contributions {
                #expect(abs(item.contribution - (expected[item.column]?.contribution ?? 0)) < 1e-9)
                #expect(item.rawValue == expected[item.column]?.rawValue ?? item.rawValue)
            }
            let sum = explanation.contributions.reduce(explanation.expectedValue) { $0 + $1.contribution }
            #expect(abs(sum - model.rawScore(of: lead)) < 1e-9)
        }
    }

    @Test func gaussLegendreRulesIntegratePolynomialsExactly() {
        let rules = GaussLegendre.rules
        for points in [1, 2, 3, 8, 16, 32, GaussLegendre.maximumPoints] {
            let offset = GaussLegendre.offset(points)
            for degree in 0..<(2 * points) {
                var sum = 0.0
                for k in 0..<points {
                    sum += rules.weights[offset + k] * pow(rules.nodes[offset + k], Double(degree))
                }
                #expect(abs(sum - 1 / Double(degree + 1)) < 1e-12, "\(points) points, degree \(degree)")
            }
        }
    }
}
