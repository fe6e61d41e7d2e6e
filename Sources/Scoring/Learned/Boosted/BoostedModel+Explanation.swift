/// Why a ``BoostedModel`` gives a lead its score: each raw column's exact Shapley value.
public struct BoostedExplanation: Hashable, Sendable, Codable {
    /// The raw score of an average training row: what the contributions start from.
    public var expectedValue: Double
    /// The lead's raw score (log-odds): ``expectedValue`` plus every contribution.
    public var rawScore: Double
    /// The columns that moved the score, largest magnitude first; columns contributing exactly
    /// 0 are left out.
    public var contributions: [ColumnContribution]
}

/// One raw column's share of a prediction's raw score (log-odds).
public struct ColumnContribution: Hashable, Sendable, Codable {
    /// The raw column (`time_on_site`, `industry`).
    public var column: String
    /// The lead's value of it, as text (`1240`, `fintech`, `missing`).
    public var rawValue: String
    /// The column's Shapley value, in log-odds.
    public var contribution: Double
}

extension BoostedModel {
    /// The raw score of an average training row: every tree's leaf values weighted by the share
    /// of training rows that reached them, plus the ``baseline``. Contributions explain the
    /// difference between a row's raw score and this.
    public var expectedValue: Double {
        trees.reduce(baseline) { $0 + $1.expectedValue }
    }

    /// Explains the score of raw values looked up by column name: each column's exact Shapley
    /// value (TreeSHAP).
    ///
    /// ```swift
    /// let why = model.explain(["time_on_site": .number(1_240), "industry": .category("fintech")])
    /// for item in why.contributions.prefix(3) { print("\(item.column) \(item.rawValue): \(item.contribution)") }
    /// ```
    ///
    /// - Parameter values: raw values by column name; a column not given is missing.
    /// - Returns: the contributions, which sum to `rawScore − expectedValue`.
    public func explain(_ values: [String: FeatureValue]) -> BoostedExplanation {
        let row = row(values)
        let bins = binner.bins(ofRow: row)
        let phi = contributions(bins: bins)
        let expected = expectedValue
        let total = phi.reduce(expected, +)
        var items: [ColumnContribution] = []
        for (position, column) in binner.columns.enumerated() where phi[position] != 0 {
            items.append(
                ColumnContribution(column: column.name, rawValue: row[position].text, contribution: phi[position]))
        }
        items.sort {
            abs($0.contribution) != abs($1.contribution)
                ? abs($0.contribution) > abs($1.contribution) : $0.column < $1.column
        }
        return BoostedExplanation(expectedValue: expected, rawScore: total, contributions: items)
    }

    /// Each column's exact Shapley value for raw values in the order of the training set's
    /// columns (TreeSHAP, Lundberg et al. 2018, Algorithm 2).
    ///
    /// The value of a set of columns is the expected raw score given them, where a split on an
    /// unknown column follows both children weighted by the number of training rows that reached
    /// each (the tree's ``BoostedTree/cover``). The result is exact and sums to
    /// `rawScore(ofRow:) − expectedValue` up to rounding.
    ///
    /// - Parameter values: one raw value per column.
    /// - Returns: one contribution per column, in column order.
    public func contributions(ofRow values: [FeatureValue]) -> [Double] {
        contributions(bins: binner.bins(ofRow: values))
    }

    /// Contributions of a binned row.
    func contributions(bins: [UInt8]) -> [Double] {
        var workspace = TreeSHAP.Workspace(model: self)
        var phi = [Double](repeating: 0, count: binner.columns.count)
        workspace.accumulate(self, bins: bins, into: &phi)
        return phi
    }
}

extension BoostedTree {
    /// The tree's value for an average training row: leaf values weighted by cover.
    var expectedValue: Double {
        guard cover[0] > 0 else { return value[0] }
        var sum = 0.0
        for node in feature.indices where feature[node] < 0 { sum += value[node] * cover[node] }
        return sum / cover[0]
    }
}

/// TreeSHAP: exact Shapley values of tree ensembles in polynomial time (Lundberg, Erion and Lee,
/// 2018, "Consistent Individualized Feature Attribution for Tree Ensembles", Algorithm 2).
///
/// The recursion walks every node once, keeping the path of unique features from the root with,
/// for each, the share of covers that follow the path when the feature is unknown (`zero`), 1 or
/// 0 when it is known (`one`), and the permutation weights of the subsets of the path. `extend`
/// adds a feature to the path, `unwind` takes one out (when a feature repeats lower in the tree,
/// its two splits act as one), and at a leaf each feature's weight sum times `(one − zero)` times
/// the leaf value is its contribution.
enum TreeSHAP {
    struct PathElement {
        var feature: Int
        var zero: Double
        var one: Double
        var weight: Double
    }

    /// Reusable buffers for explaining many rows with one model.
    struct Workspace {
        var path: [PathElement]
        var missingBins: [Int]

        init(model: BoostedModel) {
            let depth = model.trees.map(\.depth).max() ?? 0
            path = Array(
                repeating: PathElement(feature: -1, zero: 0, one: 0, weight: 0), count: (depth + 3) * (depth + 4) / 2)
            missingBins = model.binner.columns.map(\.missingBin)
        }

        /// Adds every tree's contributions for a binned row to `phi`.
        mutating func accumulate(_ model: BoostedModel, bins: [UInt8], into phi: inout [Double]) {
            let missingBins = missingBins
            path.withUnsafeMutableBufferPointer { path in
                bins.withUnsafeBufferPointer { bins in
                    phi.withUnsafeMutableBufferPointer { phi in
                        for tree in model.trees where tree.feature[0] >= 0 {
                            var walk = Walk(tree: tree, bins: bins, missingBins: missingBins, phi: phi)
                            walk.recurse(0, parent: path.baseAddress!, depth: 0, zero: 1, one: 1, feature: -1)
                        }
                    }
                }
            }
        }
    }

    /// One tree's recursion for one row.
    struct Walk {
        let tree: BoostedTree
        let bins: UnsafeBufferPointer<UInt8>
        let missingBins: [Int]
        let phi: UnsafeMutableBufferPointer<Double>

        mutating func recurse(
            _ node: Int, parent: UnsafeMutablePointer<PathElement>, depth: Int, zero: Double, one: Double, feature: Int
        ) {
            let path = parent + (depth + 1)
            path.update(from: parent, count: depth + 1)
            TreeSHAP.extend(path, depth, zero, one, feature)
            let split = tree.feature[node]
            if split < 0 {
                let value = tree.value[node]
                if depth > 0 {
                    for index in 1...depth {
                        let weight = TreeSHAP.unwoundSum(path, depth, index)
                        let element = path[index]
                        phi[element.feature] += weight * (element.one - element.zero) * value
                    }
                }
                return
            }
            let left = tree.left[node]
            let right = tree.right[node]
            let goesLeft = tree.goesLeft(node, bin: Int(bins[split]), missingBin: missingBins[split])
            let (hot, cold) = goesLeft ? (left, right) : (right, left)
            let cover = tree.cover[node]
            let hotZero = cover > 0 ? tree.cover[hot] / cover : 0.5
            let coldZero = cover > 0 ? tree.cover[cold] / cover : 0.5
            var incomingZero = 1.0
            var incomingOne = 1.0
            var depth = depth
            var index = 0
            while index <= depth, path[index].feature != split { index += 1 }
            if index <= depth {
                incomingZero = path[index].zero
                incomingOne = path[index].one
                TreeSHAP.unwind(path, depth, index)
                depth -= 1
            }
            recurse(hot, parent: path, depth: depth + 1, zero: hotZero * incomingZero, one: incomingOne, feature: split)
            recurse(cold, parent: path, depth: depth + 1, zero: coldZero * incomingZero, one: 0, feature: split)
        }
    }

    /// EXTEND: adds a feature with fractions `zero` and `one` at position `depth` of the path.
    @inline(__always)
    static func extend(
        _ path: UnsafeMutablePointer<PathElement>, _ depth: Int, _ zero: Double, _ one: Double, _ feature: Int
    ) {
        path[depth] = PathElement(feature: feature, zero: zero, one: one, weight: depth == 0 ? 1 : 0)
        let scale = 1 / Double(depth + 1)
        var index = depth - 1
        while index >= 0 {
            path[index + 1].weight += one * path[index].weight * Double(index + 1) * scale
            path[index].weight = zero * path[index].weight * Double(depth - index) * scale
            index -= 1
        }
    }

    /// UNWIND: removes the feature at `index` from a path of length `depth + 1`.
    @inline(__always)
    static func unwind(_ path: UnsafeMutablePointer<PathElement>, _ depth: Int, _ index: Int) {
        let one = path[index].one
        let zero = path[index].zero
        var next = path[depth].weight
        var position = depth - 1
        while position >= 0 {
            if one != 0 {
                let saved = path[position].weight
                path[position].weight = next * Double(depth + 1) / (Double(position + 1) * one)
                next = saved - path[position].weight * zero * Double(depth - position) / Double(depth + 1)
            } else {
                path[position].weight = path[position].weight * Double(depth + 1) / (zero * Double(depth - position))
            }
            position -= 1
        }
        var moving = index
        while moving < depth {
            path[moving].feature = path[moving + 1].feature
            path[moving].zero = path[moving + 1].zero
            path[moving].one = path[moving + 1].one
            moving += 1
        }
    }

    /// The total permutation weight of the path with the feature at `index` unwound (without
    /// changing the path).
    @inline(__always)
    static func unwoundSum(_ path: UnsafeMutablePointer<PathElement>, _ depth: Int, _ index: Int) -> Double {
        let one = path[index].one
        let zero = path[index].zero
        var next = path[depth].weight
        var total = 0.0
        var position = depth - 1
        while position >= 0 {
            if one != 0 {
                let share = next * Double(depth + 1) / (Double(position + 1) * one)
                total += share
                next = path[position].weight - share * zero * Double(depth - position) / Double(depth + 1)
            } else if zero != 0 {
                total += path[position].weight / zero / (Double(depth - position) / Double(depth + 1))
            }
            position -= 1
        }
        return total
    }
}
