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
/// degree `d − 1`, which Gauss–Legendre quadrature of `n` nodes integrates exactly for
/// `d ≤ 2n`; a leaf uses 2 nodes for `d ≤ 4`, 4 for `d ≤ 8` and 8 for `d ≤ 16`.
///
/// With `u` features the row does not follow, the product is `P = c (1 − t)^u Q(t)`, where
/// `c = v Πⱼ zⱼ` over those and `Q = Πⱼ fⱼ` over the followed ones, so only the followed
/// features cost a multiplication at every node. Then:
/// - a feature the row does not follow gets `−zᵢ ∫ P / (zᵢ (1 − t)) = −c ∫ (1 − t)^(u − 1) Q`,
///   the same for all of them (and 0 when a `z` is 0, as it should);
/// - a feature it follows gets `(1 − zᵢ) ∫ P / fᵢ = c ∫ (1 − t)^u Q (1 − zᵢ) / fᵢ`, with `fᵢ` and
///   `(1 − zᵢ) / fᵢ` at the nodes stored in the plan (`fᵢ ≥ t > 0` there), and the weights
///   times `(1 − t)^m` at the nodes in a table.
/// Every term of a leaf's sums has the sign of `v`, so nothing cancels. A pair of sibling leaves
/// of opposite signs may cancel in its `G(t)`, which costs no more than rounding relative to
/// `|v_left| + |v_right|`.
///
/// The layout, for every tree of at most ``maximumSplits`` splits whose leaves have at most
/// ``maximumPathFeatures`` distinct features on their paths:
/// - each split is a 256-bit set of the bins that go left (numeric thresholds, missing values
///   and category sets alike), so a row's directions at every split of a tree are one 64-bit
///   word;
/// - each leaf lists its distinct path features with `z` and two masks over the tree's splits,
///   the splits on that feature and the directions the path takes there: the row follows the
///   feature when its directions agree on the mask;
/// - each (leaf, feature) keeps `fᵢ` and `(1 − zᵢ) / fᵢ` at the leaf's nodes for `oᵢ = 1`;
/// - two leaves that are the children of one split are laid out as one pair, which costs about
///   as much as one leaf (see ``Layout/addPairs(_:rows:powers:into:stride:as:)``);
/// - a tree's leaves and pairs are grouped by their number of nodes.
///
/// Rows are explained in blocks (``accumulate(rows:bins:into:stride:)``): each tree's layout is
/// read once for the block, while it is in the cache, instead of once per row.
///
/// Other trees are left to ``TreeSHAP``. The plan is built per use (the model is a plain value
/// and holds no caches): `BoostedModel.explain(_:)` builds one for each batch of leads.
struct ExplanationPlan: Sendable {
    /// The most splits of a planned tree: one bit of a direction word each.
    static let maximumSplits = 64
    /// The most distinct features on a planned leaf's path (8 quadrature nodes).
    static let maximumPathFeatures = 16
    /// The quadrature rules' numbers of nodes; a leaf of `d` path features uses the first that
    /// is at least `d / 2`.
    static let ruleSizes = [2, 4, 8]

    /// The trees the plan does not hold, for ``TreeSHAP``'s walk.
    private(set) var otherTrees: [Int] = []
    /// Each planned tree's splits and leaves.
    private var trees: [TreeRecord] = []
    /// Five words per split: the column, then four words of the bins that go left.
    private var splits: [UInt64] = []
    private var leaves: [LeafRecord] = []
    private var pairs: [PairRecord] = []
    private var features: [FeatureRecord] = []
    /// Eight ones (what a feature the row does not follow multiplies `Q` by), then, per
    /// (leaf, feature), `f(t)` at the leaf's `n` nodes and `(1 − z) / f(t)` at them.
    private var values: [Double] = Array(repeating: 1, count: 8)
    /// Per rule, zeros (for the power −1), then the weights times `(1 − t)^m` at its nodes for `m`
    /// in `0...maximumPathFeatures`, rule after rule.
    private var powers: [Double] = []

    /// Where a tree's splits are, its leaves of each rule (`leafEnds[k]` ends the leaves of
    /// rule `k`, which start where those of rule `k − 1` end) and its pairs of sibling leaves
    /// likewise.
    private struct TreeRecord {
        var splitStart: Int
        var splitEnd: Int
        var leafStart: Int
        var leafEnds: (Int, Int, Int)
        var pairStart: Int
        var pairEnds: (Int, Int, Int)
    }

    /// A leaf: its value, and where its features and their values are.
    private struct LeafRecord {
        var value: Double
        var featureStart: Int32
        var featureEnd: Int32
        var valueStart: Int
    }

    /// Two leaves that are the children of one split, explained together (see
    /// ``Layout/addPairs(_:rows:powers:into:stride:as:)``): the distinct features of their
    /// parent's path other than the split's, and the split's feature over both paths.
    private struct PairRecord {
        var featureStart: Int32
        var featureEnd: Int32
        /// Where the other features' values start; after them come `G(t)` at the nodes for a row
        /// that follows neither leaf's splits on the split's feature, the left's, the right's,
        /// then `B` for each (0, `v_left`, `v_right`).
        var valueStart: Int
        /// The splits on the split's feature along the path, the split itself included.
        var mask: UInt64
        /// The directions the left leaf's path takes there.
        var wantLeft: UInt64
        /// The directions the right leaf's path takes there.
        var wantRight: UInt64
        /// `A = v_left z_left + v_right z_right`.
        var base: Double
        var column: Int
    }

    /// One distinct feature of a leaf's path.
    private struct FeatureRecord {
        /// The splits on it along the path, as bits of the tree's split numbers.
        var mask: UInt64
        /// The directions (1 for left) the path takes there.
        var want: UInt64
        var zero: Double
        /// 1, right after ``zero``: what `c` is multiplied by when the row follows the feature.
        var one: Double = 1
        var column: Int
    }

    init(_ model: BoostedModel) {
        assert(MemoryLayout<FeatureRecord>.offset(of: \.one) == MemoryLayout<FeatureRecord>.offset(of: \.zero)! + 8)
        let rules = GaussLegendre.rules
        for size in Self.ruleSizes {
            let start = GaussLegendre.offset(size)
            powers += Array(repeating: 0, count: size)
            var row = Array(rules.weights[start..<(start + size)])
            for _ in 0...Self.maximumPathFeatures {
                powers += row
                for node in 0..<size { row[node] *= rules.complements[start + node] }
            }
        }
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
        // Leaves with their paths, and pairs of sibling leaves with their parent's, depth first.
        var leaves: [(value: Double, path: [PathFeature])] = []
        var pairs: [(rest: [PathFeature], split: PathFeature, bit: UInt64, values: [Double], zeros: [Double])] = []
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
            func zero(_ child: Int) -> Double { cover > 0 ? tree.cover[child] / cover : 0.5 }
            let children = [tree.left[node], tree.right[node]]
            if children.allSatisfy({ tree.feature[$0] < 0 }) {
                var rest = path
                var split = PathFeature(column: column, zero: 1, mask: bit, want: bit)
                if let position = rest.firstIndex(where: { $0.column == column }) {
                    let earlier = rest.remove(at: position)
                    split = PathFeature(
                        column: column, zero: earlier.zero, mask: earlier.mask | bit, want: earlier.want | bit)
                }
                pairs.append(
                    (rest, split, bit, children.map { tree.value[$0] }, children.map { split.zero * zero($0) }))
                if rest.count + 1 > Self.maximumPathFeatures { tooDeep = true }
                return
            }
            for (child, left) in [(tree.left[node], true), (tree.right[node], false)] {
                let zero = zero(child)
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
        let rules = GaussLegendre.rules
        let leafStart = self.leaves.count
        var leafEnds: [Int] = []
        for (rule, size) in Self.ruleSizes.enumerated() {
            for (value, path) in leaves where Self.rule(features: path.count) == rule {
                let start = features.count
                let valueStart = values.count
                append(path, size: size)
                self.leaves.append(
                    LeafRecord(
                        value: value, featureStart: Int32(start), featureEnd: Int32(features.count),
                        valueStart: valueStart))
            }
            leafEnds.append(self.leaves.count)
        }
        let pairStart = self.pairs.count
        var pairEnds: [Int] = []
        for (rule, size) in Self.ruleSizes.enumerated() {
            let nodes = GaussLegendre.offset(size)..<(GaussLegendre.offset(size) + size)
            for pair in pairs where Self.rule(features: pair.rest.count + 1) == rule {
                let start = features.count
                let valueStart = values.count
                append(pair.rest, size: size)
                // G(t) = A (1 − t) + B t, with B = 0, v_left or v_right.
                let base = pair.values[0] * pair.zeros[0] + pair.values[1] * pair.zeros[1]
                for gain in [0] + pair.values {
                    values += nodes.map { base * rules.complements[$0] + gain * rules.nodes[$0] }
                }
                values += [0] + pair.values
                self.pairs.append(
                    PairRecord(
                        featureStart: Int32(start), featureEnd: Int32(features.count), valueStart: valueStart,
                        mask: pair.split.mask, wantLeft: pair.split.want, wantRight: pair.split.want & ~pair.bit,
                        base: base, column: pair.split.column))
            }
            pairEnds.append(self.pairs.count)
        }
        trees.append(
            TreeRecord(
                splitStart: splitStart, splitEnd: splits.count / 5, leafStart: leafStart,
                leafEnds: (leafEnds[0], leafEnds[1], leafEnds[2]), pairStart: pairStart,
                pairEnds: (pairEnds[0], pairEnds[1], pairEnds[2])))
        return true
    }

    /// Appends the records of a path's distinct features and their values at the `size` nodes of
    /// a rule: `f(t)` and `(1 − z) / f(t)` for a row that follows the feature.
    private mutating func append(_ path: [PathFeature], size: Int) {
        let rules = GaussLegendre.rules
        let offset = GaussLegendre.offset(size)
        for feature in path {
            features.append(
                FeatureRecord(mask: feature.mask, want: feature.want, zero: feature.zero, column: feature.column))
            let followed = (offset..<(offset + size)).map {
                feature.zero * rules.complements[$0] + rules.nodes[$0]
            }
            values += followed
            values += followed.map { (1 - feature.zero) / $0 }
        }
    }

    /// The number of pairs of sibling leaves the plan explains together (for the tests).
    var pairCount: Int { pairs.count }

    /// The rule (an index of ``ruleSizes``) for a leaf of `count` distinct path features.
    static func rule(features count: Int) -> Int {
        ruleSizes.firstIndex { 2 * $0 >= count } ?? ruleSizes.count - 1
    }

    /// Adds the planned trees' contributions for `rows` binned rows to `phi`: row `r`'s bins start
    /// at `bins + r × stride` and its contributions at `phi + r × stride`.
    func accumulate(rows: Int, bins: UnsafePointer<UInt8>, into phi: UnsafeMutablePointer<Double>, stride: Int) {
        splits.withUnsafeBufferPointer { splits in
            leaves.withUnsafeBufferPointer { leaves in
                pairs.withUnsafeBufferPointer { pairs in
                    features.withUnsafeBufferPointer { features in
                        values.withUnsafeBufferPointer { values in
                            powers.withUnsafeBufferPointer { powers in
                                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: rows) { directions in
                                    let layout = Layout(
                                        leaves: leaves.baseAddress!, pairs: pairs.baseAddress!,
                                        features: features.baseAddress!, values: values.baseAddress!)
                                    let powers2 = powers.baseAddress!
                                    let powers4 = powers2 + 2 * (Self.maximumPathFeatures + 2)
                                    let powers8 = powers4 + 4 * (Self.maximumPathFeatures + 2)
                                    for tree in trees {
                                        for row in 0..<rows {
                                            directions[row] = Self.directions(
                                                splits: splits.baseAddress!, tree.splitStart..<tree.splitEnd,
                                                bins: bins + row * stride)
                                        }
                                        let rows = UnsafeBufferPointer(start: directions.baseAddress!, count: rows)
                                        let (end2, end4, end8) = tree.leafEnds
                                        layout.add(
                                            tree.leafStart..<end2, rows: rows, powers: powers2, into: phi,
                                            stride: stride,
                                            as: SIMD2<Double>.self)
                                        layout.add(
                                            end2..<end4, rows: rows, powers: powers4, into: phi, stride: stride,
                                            as: SIMD4<Double>.self)
                                        layout.add(
                                            end4..<end8, rows: rows, powers: powers8, into: phi, stride: stride,
                                            as: SIMD8<Double>.self)
                                        let (pairs2, pairs4, pairs8) = tree.pairEnds
                                        layout.addPairs(
                                            tree.pairStart..<pairs2, rows: rows, powers: powers2, into: phi,
                                            stride: stride, as: SIMD2<Double>.self)
                                        layout.addPairs(
                                            pairs2..<pairs4, rows: rows, powers: powers4, into: phi, stride: stride,
                                            as: SIMD4<Double>.self)
                                        layout.addPairs(
                                            pairs4..<pairs8, rows: rows, powers: powers8, into: phi, stride: stride,
                                            as: SIMD8<Double>.self)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A row's directions at a tree's splits: bit `k` is 1 when it goes left at split `k`.
    @inline(__always)
    private static func directions(splits: UnsafePointer<UInt64>, _ range: Range<Int>, bins: UnsafePointer<UInt8>)
        -> UInt64
    {
        var directions: UInt64 = 0
        for split in range {
            let words = splits + 5 * split
            let bin = Int(bins[Int(words[0])])
            let word = words[1 + bin &>> 6]
            directions |= ((word &>> UInt64(bin & 63)) & 1) &<< UInt64(split - range.lowerBound)
        }
        return directions
    }

    /// 1 when a row of these directions follows `feature`, else 0, without a branch (which the
    /// processor would mispredict half the time).
    @inline(__always)
    private static func follows(_ directions: UInt64, _ feature: FeatureRecord) -> Int {
        follows(directions, mask: feature.mask, want: feature.want)
    }

    /// `up` when bit `index` of `bits` is 1, else `down`, by masks rather than a branch: the
    /// compiler turns a select on a loaded feature's mask into a branch, which the processor
    /// mispredicts about as often as rows follow the feature.
    @inline(__always)
    private static func select(_ bits: UInt64, _ index: Int, _ up: Double, _ down: Double) -> Double {
        let keep = 0 &- ((bits &>> UInt64(truncatingIfNeeded: index)) & 1)
        return Double(bitPattern: (up.bitPattern & keep) | (down.bitPattern & ~keep))
    }

    /// 1 when a row of these directions takes `want` at the splits of `mask`, else 0.
    @inline(__always)
    private static func follows(_ directions: UInt64, mask: UInt64, want: UInt64) -> Int {
        let differences = (directions ^ want) & mask
        return Int(truncatingIfNeeded: ((differences | (0 &- differences)) &>> 63) ^ 1)
    }

    /// The plan's arrays, while they are pinned for ``accumulate(rows:bins:into:stride:)``.
    private struct Layout {
        let leaves: UnsafePointer<LeafRecord>
        let pairs: UnsafePointer<PairRecord>
        let features: UnsafePointer<FeatureRecord>
        let values: UnsafePointer<Double>

        /// Adds the share of each leaf in `range` (all of one rule, of `V.scalarCount` nodes)
        /// for rows of these directions (row `r`'s contributions at `phi + r × stride`):
        /// `c ∫ (1 − t)^(u − 1) Q` taken from every feature the row does not follow,
        /// `c ∫ (1 − t)^u Q (1 − zᵢ) / fᵢ` added to every feature `i` it follows (see
        /// ``ExplanationPlan``). `powers` holds the rule's weighted powers of `1 − t`, from the
        /// power −1 (zeros) up.
        ///
        /// Each leaf is read once for all rows, and the rows' work has no branches that depend on
        /// the row.
        @inline(__always)
        func add<V: SIMD>(
            _ range: Range<Int>, rows: UnsafeBufferPointer<UInt64>, powers: UnsafePointer<Double>,
            into phi: UnsafeMutablePointer<Double>, stride: Int, as _: V.Type
        ) where V.Scalar == Double {
            let size = V.scalarCount
            let ones = UnsafeRawPointer(values)
            let zeroOffset = MemoryLayout<FeatureRecord>.offset(of: \.zero)!
            let powers = UnsafeRawPointer(powers + size)
            for leaf in range {
                let leaf = leaves[leaf]
                let start = Int(leaf.featureStart)
                let count = Int(leaf.featureEnd) - start
                let features = features + start
                let values = UnsafeRawPointer(values + leaf.valueStart)
                for (row, directions) in rows.enumerated() {
                    var product = V(repeating: 1)
                    var scale = leaf.value
                    var followed = 0
                    var followedBits: UInt64 = 0
                    for index in 0..<count {
                        let follows = ExplanationPlan.follows(directions, features[index])
                        followed &+= follows
                        followedBits |= UInt64(truncatingIfNeeded: follows) &<< UInt64(index)
                        // A feature not followed multiplies Q by ones and c by its z, one it follows
                        // Q by f and c by the 1 stored after z.
                        let factor = ones + follows &* ones.distance(to: values + 2 &* size &* index &* 8)
                        product *= factor.loadUnaligned(as: V.self)
                        scale *= UnsafeRawPointer(features + index).load(
                            fromByteOffset: zeroOffset &+ 8 &* follows, as: Double.self)
                    }
                    let unfollowed = count &- followed
                    // The power −1 is a row of zeros: with every feature followed, `down` is 0.
                    let downPowers = powers.loadUnaligned(fromByteOffset: 8 * size * (unfollowed - 1), as: V.self)
                    let down = scale * (product * downPowers).sum()
                    let weighted =
                        scale * product * powers.loadUnaligned(fromByteOffset: 8 * size * unfollowed, as: V.self)
                    let phi = phi + row * stride
                    for index in 0..<count {
                        let ratios = (values + (2 * index + 1) * size * 8).loadUnaligned(as: V.self)
                        let up = (weighted * ratios).sum()
                        phi[features[index].column] += ExplanationPlan.select(
                            followedBits, index, up, -down)
                    }
                }
            }
        }

        /// Adds the shares of the pairs of sibling leaves in `range` (all of one rule) for rows of
        /// these directions, as ``add(_:rows:powers:into:stride:as:)`` does for single leaves.
        ///
        /// The two leaves' paths have the same features with the same `z` and `o`, but for the
        /// split's feature `s`, whose factors `f_left` and `f_right` differ. With `R = Πⱼ≠ₛ fⱼ`
        /// (as `c (1 − t)^u Q`), the leaves add together
        /// - to `s`: `(v_left (o_left − z_left) + v_right (o_right − z_right)) ∫ R = (B − A) ∫ R`;
        /// - to any other `i`: `(oᵢ − zᵢ) ∫ R G / fᵢ`, with `G = v_left f_left + v_right f_right =
        ///   A (1 − t) + B t`, `A = v_left z_left + v_right z_right` and `B = v_left o_left +
        ///   v_right o_right` (at most one of the two `o` is 1);
        ///
        /// so `G` stands in for the leaf value, at the cost of one leaf for two. `R G` has the
        /// degree of either leaf's product, so the rule is the same.
        @inline(__always)
        func addPairs<V: SIMD>(
            _ range: Range<Int>, rows: UnsafeBufferPointer<UInt64>, powers: UnsafePointer<Double>,
            into phi: UnsafeMutablePointer<Double>, stride: Int, as _: V.Type
        ) where V.Scalar == Double {
            let size = V.scalarCount
            let ones = UnsafeRawPointer(values)
            let zeroOffset = MemoryLayout<FeatureRecord>.offset(of: \.zero)!
            let powers = UnsafeRawPointer(powers + size)
            for pair in range {
                let pair = pairs[pair]
                let start = Int(pair.featureStart)
                let count = Int(pair.featureEnd) - start
                let features = features + start
                let values = UnsafeRawPointer(values + pair.valueStart)
                let sides = values + 2 &* size &* count &* 8
                for (row, directions) in rows.enumerated() {
                    var product = V(repeating: 1)
                    var scale = 1.0
                    var followed = 0
                    var followedBits: UInt64 = 0
                    for index in 0..<count {
                        let follows = ExplanationPlan.follows(directions, features[index])
                        followed &+= follows
                        followedBits |= UInt64(truncatingIfNeeded: follows) &<< UInt64(index)
                        let factor = ones + follows &* ones.distance(to: values + 2 &* size &* index &* 8)
                        product *= factor.loadUnaligned(as: V.self)
                        scale *= UnsafeRawPointer(features + index).load(
                            fromByteOffset: zeroOffset &+ 8 &* follows, as: Double.self)
                    }
                    let left = ExplanationPlan.follows(directions, mask: pair.mask, want: pair.wantLeft)
                    let right = ExplanationPlan.follows(directions, mask: pair.mask, want: pair.wantRight)
                    let unfollowed = count &- followed
                    let restPowers = powers.loadUnaligned(fromByteOffset: 8 * size * unfollowed, as: V.self)
                    // B: 0, v_left or v_right, stored after the three G.
                    let gain = (sides + 3 &* size &* 8).load(
                        fromByteOffset: 8 &* (left &+ 2 &* right), as: Double.self)
                    let split = (gain - pair.base) * (scale * (product * restPowers).sum())
                    product *= (sides + (left &+ 2 &* right) &* size &* 8).loadUnaligned(as: V.self)
                    let downPowers = powers.loadUnaligned(fromByteOffset: 8 * size * (unfollowed - 1), as: V.self)
                    let down = scale * (product * downPowers).sum()
                    let weighted = scale * product * restPowers
                    let phi = phi + row * stride
                    for index in 0..<count {
                        let ratios = (values + (2 * index + 1) * size * 8).loadUnaligned(as: V.self)
                        let up = (weighted * ratios).sum()
                        phi[features[index].column] += ExplanationPlan.select(
                            followedBits, index, up, -down)
                    }
                    phi[pair.column] += split
                }
            }
        }
    }
}
