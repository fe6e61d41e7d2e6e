/// Exact path-dependent TreeSHAP by polynomial quadrature over a ``BoostedModel``'s trees laid
/// out once: the same Shapley values as ``TreeSHAP`` (Lundberg et al.'s Algorithm 2) in a
/// fraction of its time per row, for explaining many rows.
///
/// For a leaf of value `v` whose path splits on the distinct features `F` (`d` of them), let
/// `zᵢ` be the share of covers that follow the path's splits on feature `i` and `oᵢ` 1 when the
/// row follows all of them, else 0. The Shapley weight `|S|! (d − |S| − 1)! / d!` is the Beta
/// integral `∫₀¹ t^|S| (1 − t)^(d − |S| − 1) dt`, so the leaf adds to feature `i`
///
///     φᵢ += v (oᵢ − zᵢ) ∫₀¹ Πⱼ≠ᵢ fⱼ(t) dt,   fⱼ(t) = zⱼ (1 − t) + oⱼ t
///
/// (the observation behind Linear TreeSHAP, Yu et al. 2022). The integrand is a polynomial of
/// degree `d − 1`, which Gauss–Legendre quadrature of 4 nodes integrates exactly for `d ≤ 8`
/// and of 8 nodes for `d ≤ 16`. With `P = v Πⱼ fⱼ` at the nodes:
/// - a feature the row does not follow gets `−zᵢ ∫ P / (zᵢ (1 − t)) = −∫ P / (1 − t)`, the same
///   for all of them (and 0 when a `z` is 0, as it should);
/// - a feature it follows gets `(1 − zᵢ) ∫ P / fᵢ`, with `1 / fᵢ` at the nodes stored in the
///   plan (`fᵢ ≥ t > 0` there).
/// Every term of a sum has the sign of `v`, so nothing cancels.
///
/// The layout, for every tree of at most ``maximumSplits`` splits whose leaves have at most
/// ``maximumPathFeatures`` distinct features on their paths:
/// - each split is a 256-bit set of the bins that go left (numeric thresholds, missing values
///   and category sets alike), so a row's directions at every split of a tree are one 64-bit
///   word;
/// - each leaf lists its distinct path features with `z` and two masks over the tree's splits,
///   the splits on that feature and the directions the path takes there: the row follows the
///   feature when its directions agree on the mask;
/// - each (leaf, feature) keeps `1 / fᵢ` at the nodes for `oᵢ = 1`.
///
/// Other trees are left to ``TreeSHAP``. The plan is built per use (the model is a plain value
/// and holds no caches): `BoostedModel.explain(_:)` builds one for each batch of leads.
struct ExplanationPlan: Sendable {
    /// The most splits of a planned tree: one bit of a direction word each.
    static let maximumSplits = 64
    /// The most distinct features on a planned leaf's path (8 quadrature nodes).
    static let maximumPathFeatures = 16

    /// The trees the plan does not hold, for ``QuadratureTreeSHAP``'s walk.
    private(set) var otherTrees: [Int] = []
    /// Each planned tree's splits and leaves.
    private var trees: [TreeRecord] = []
    /// Five words per split: the column, then four words of the bins that go left.
    private var splits: [UInt64] = []
    private var leaves: [LeafRecord] = []
    private var features: [FeatureRecord] = []
    /// `1 / (z (1 − t) + t)` per (leaf, feature) and group of 4 nodes.
    private var reciprocals: [SIMD4<Double>] = []
    /// The 4-node rule (group 0) and the 8-node rule (groups 1 and 2): nodes, `1 − node`,
    /// `1 / (1 − node)` and weights.
    private let nodes: [SIMD4<Double>]
    private let complements: [SIMD4<Double>]
    private let inverseComplements: [SIMD4<Double>]
    private let weights: [SIMD4<Double>]

    /// Where a tree's splits and leaves are.
    private struct TreeRecord {
        var splitStart: Int
        var splitEnd: Int
        var leafStart: Int
        var leafEnd: Int
    }

    /// A leaf: its value, its features and reciprocals, and whether it needs the 8-node rule.
    private struct LeafRecord {
        var value: Double
        var featureStart: Int32
        var featureEnd: Int32
        var reciprocalStart: Int32
        var wide: Bool
    }

    /// One distinct feature of a leaf's path.
    private struct FeatureRecord {
        var column: Int
        var zero: Double
        /// The splits on it along the path, as bits of the tree's split numbers.
        var mask: UInt64
        /// The directions (1 for left) the path takes there.
        var want: UInt64
    }

    init(_ model: BoostedModel) {
        let rules = GaussLegendre.rules
        func group(_ values: [Double], points: Int, from: Int) -> SIMD4<Double> {
            let start = GaussLegendre.offset(points) + from
            return SIMD4(values[start], values[start + 1], values[start + 2], values[start + 3])
        }
        let groups = [(4, 0), (8, 0), (8, 4)]
        nodes = groups.map { group(rules.nodes, points: $0.0, from: $0.1) }
        complements = groups.map { group(rules.complements, points: $0.0, from: $0.1) }
        inverseComplements = complements.map { 1 / $0 }
        weights = groups.map { group(rules.weights, points: $0.0, from: $0.1) }
        let missingBins = model.binner.columns.map(\.missingBin)
        for (index, tree) in model.trees.enumerated() where tree.feature[0] >= 0 {
            if !add(tree, missingBins: missingBins) { otherTrees.append(index) }
        }
    }

    /// One distinct feature of a path being walked.
    private struct PathFeature {
        var column: Int
        var zero: Double
        var mask: UInt64
        var want: UInt64
    }

    /// Adds a tree; false (and nothing added) when it is too large for the plan.
    private mutating func add(_ tree: BoostedTree, missingBins: [Int]) -> Bool {
        var number = [Int](repeating: -1, count: tree.nodeCount)
        var splitCount = 0
        for node in 0..<tree.nodeCount where tree.feature[node] >= 0 {
            number[node] = splitCount
            splitCount += 1
        }
        guard splitCount <= Self.maximumSplits else { return false }
        // Leaves with their paths, depth first.
        var leaves: [(value: Double, path: [PathFeature])] = []
        var tooDeep = false
        func walk(_ node: Int, _ path: [PathFeature]) {
            let column = tree.feature[node]
            if column < 0 {
                leaves.append((tree.value[node], path))
                if path.count > Self.maximumPathFeatures { tooDeep = true }
                return
            }
            let cover = tree.cover[node]
            let bit = UInt64(1) << UInt64(number[node])
            for (child, left) in [(tree.left[node], true), (tree.right[node], false)] {
                let zero = cover > 0 ? tree.cover[child] / cover : 0.5
                var path = path
                if let position = path.firstIndex(where: { $0.column == column }) {
                    path[position].zero *= zero
                    path[position].mask |= bit
                    if left { path[position].want |= bit }
                } else {
                    path.append(PathFeature(column: column, zero: zero, mask: bit, want: left ? bit : 0))
                }
                walk(child, path)
            }
        }
        walk(0, [])
        guard !tooDeep else { return false }
        let splitStart = splits.count / 5
        for node in 0..<tree.nodeCount where tree.feature[node] >= 0 {
            let column = tree.feature[node]
            var words: [UInt64] = [UInt64(column), 0, 0, 0, 0]
            for bin in 0...missingBins[column] where tree.goesLeft(node, bin: bin, missingBin: missingBins[column]) {
                words[1 + bin >> 6] |= UInt64(1) << UInt64(bin & 63)
            }
            splits += words
        }
        let leafStart = self.leaves.count
        for (value, path) in leaves {
            let wide = path.count > 8
            let start = features.count
            let reciprocalStart = reciprocals.count
            for feature in path {
                features.append(
                    FeatureRecord(column: feature.column, zero: feature.zero, mask: feature.mask, want: feature.want))
                for group in wide ? [1, 2] : [0] {
                    reciprocals.append(1 / (feature.zero * complements[group] + nodes[group]))
                }
            }
            self.leaves.append(
                LeafRecord(
                    value: value, featureStart: Int32(start), featureEnd: Int32(features.count),
                    reciprocalStart: Int32(reciprocalStart), wide: wide))
        }
        trees.append(
            TreeRecord(
                splitStart: splitStart, splitEnd: splits.count / 5, leafStart: leafStart, leafEnd: self.leaves.count))
        return true
    }

    /// Adds the planned trees' contributions for a binned row to `phi`.
    func accumulate(bins: UnsafePointer<UInt8>, into phi: UnsafeMutablePointer<Double>) {
        let (node0, node1, node2) = (nodes[0], nodes[1], nodes[2])
        let (complement0, complement1, complement2) = (complements[0], complements[1], complements[2])
        let (inverse0, inverse1, inverse2) = (inverseComplements[0], inverseComplements[1], inverseComplements[2])
        let (weight0, weight1, weight2) = (weights[0], weights[1], weights[2])
        splits.withUnsafeBufferPointer { splits in
            leaves.withUnsafeBufferPointer { leaves in
                features.withUnsafeBufferPointer { features in
                    reciprocals.withUnsafeBufferPointer { reciprocals in
                        let splits = splits.baseAddress!
                        let features = features.baseAddress!
                        let reciprocals = reciprocals.baseAddress!
                        for tree in trees {
                            var directions: UInt64 = 0
                            for split in tree.splitStart..<tree.splitEnd {
                                let words = splits + 5 * split
                                let bin = Int(bins[Int(words[0])])
                                let word = words[1 + bin &>> 6]
                                directions |= ((word &>> UInt64(bin & 63)) & 1) &<< UInt64(split - tree.splitStart)
                            }
                            for leaf in leaves[tree.leafStart..<tree.leafEnd] {
                                if leaf.wide {
                                    addLeaf(
                                        leaf, directions: directions, features: features, reciprocals: reciprocals,
                                        rule: (node1, complement1, inverse1, weight1),
                                        second: (node2, complement2, inverse2, weight2), into: phi)
                                } else {
                                    addLeaf(
                                        leaf, directions: directions, features: features, reciprocals: reciprocals,
                                        rule: (node0, complement0, inverse0, weight0), second: nil, into: phi)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds one leaf's share: `v (oᵢ − zᵢ) ∫ Πⱼ≠ᵢ fⱼ` for every feature `i` of its path, with
    /// `fⱼ(t) = zⱼ (1 − t) + oⱼ t` (see ``QuadratureTreeSHAP``), at four nodes of a rule, and
    /// four more for a wide leaf.
    @inline(__always)
    private func addLeaf(
        _ leaf: LeafRecord, directions: UInt64, features: UnsafePointer<FeatureRecord>,
        reciprocals: UnsafePointer<SIMD4<Double>>,
        rule: (node: SIMD4<Double>, complement: SIMD4<Double>, inverse: SIMD4<Double>, weight: SIMD4<Double>),
        second: (node: SIMD4<Double>, complement: SIMD4<Double>, inverse: SIMD4<Double>, weight: SIMD4<Double>)?,
        into phi: UnsafeMutablePointer<Double>
    ) {
        let start = Int(leaf.featureStart)
        let count = Int(leaf.featureEnd) - start
        let features = features + start
        // The leaf's product at each node, weighted: v w_k Πⱼ fⱼ(t_k).
        var product = leaf.value * rule.weight
        var product2 = second.map { leaf.value * $0.weight } ?? .zero
        var followed: UInt32 = 0
        for index in 0..<count {
            let feature = features[index]
            let follows = (directions ^ feature.want) & feature.mask == 0
            followed |= (follows ? 1 : 0) &<< UInt32(index)
            product *= feature.zero * rule.complement + (follows ? rule.node : .zero)
            if let second { product2 *= feature.zero * second.complement + (follows ? second.node : .zero) }
        }
        let all: UInt32 = (1 &<< UInt32(count)) &- 1
        if followed != all {
            // Every feature the row does not follow: −z ∫ Π/(z (1 − t)) = −∫ Π/(1 − t).
            var shared = product * rule.inverse
            if let second { shared += product2 * second.inverse }
            let sum = (shared[0] + shared[1]) + (shared[2] + shared[3])
            var rest = all & ~followed
            while rest != 0 {
                let index = rest.trailingZeroBitCount
                phi[features[index].column] -= sum
                rest &= rest &- 1
            }
        }
        let wide = second != nil
        let reciprocals = reciprocals + Int(leaf.reciprocalStart)
        var rest = followed
        while rest != 0 {
            let index = rest.trailingZeroBitCount
            var share: SIMD4<Double>
            if wide {
                share = product * reciprocals[2 * index] + product2 * reciprocals[2 * index + 1]
            } else {
                share = product * reciprocals[index]
            }
            phi[features[index].column] += (1 - features[index].zero) * ((share[0] + share[1]) + (share[2] + share[3]))
            rest &= rest &- 1
        }
    }
}
