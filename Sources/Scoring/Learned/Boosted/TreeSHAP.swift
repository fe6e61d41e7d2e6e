/// TreeSHAP: exact Shapley values of tree ensembles in polynomial time (Lundberg, Erion and Lee,
/// 2018, "Consistent Individualized Feature Attribution for Tree Ensembles", Algorithm 2).
///
/// Explains single rows, and the trees an ``ExplanationPlan`` does not hold; the tests compare
/// the plan with it.
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

    /// Adds every tree's contributions for a binned row to `phi`.
    static func accumulate(_ model: BoostedModel, bins: [UInt8], into phi: inout [Double]) {
        accumulate(model, trees: Array(model.trees.indices), bins: bins, into: &phi)
    }

    /// Adds the contributions of the trees at `trees` for a binned row to `phi`.
    static func accumulate(_ model: BoostedModel, trees: [Int], bins: [UInt8], into phi: inout [Double]) {
        // A tree of n nodes is at most (n − 1) / 2 deep; the recursion needs one path of each
        // length up to the depth + 2.
        let depth = trees.reduce(0) { max($0, (model.trees[$1].nodeCount - 1) / 2) }
        let missingBins = model.binner.columns.map(\.missingBin)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: depth + 3) { reciprocals in
            reciprocals[0] = 0
            for index in 1..<reciprocals.count { reciprocals[index] = 1 / Double(index) }
            withUnsafeTemporaryAllocation(of: PathElement.self, capacity: (depth + 3) * (depth + 4) / 2) { path in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * (depth + 3)) { scratch in
                    bins.withUnsafeBufferPointer { bins in
                        phi.withUnsafeMutableBufferPointer { phi in
                            for tree in trees.map({ model.trees[$0] }) where tree.feature[0] >= 0 {
                                var walk = Walk(
                                    tree: tree, bins: bins, missingBins: missingBins, phi: phi,
                                    reciprocals: UnsafePointer(reciprocals.baseAddress!), scratch: scratch.baseAddress!)
                                walk.recurse(0, parent: path.baseAddress!, depth: 0, zero: 1, one: 1, feature: -1)
                            }
                        }
                    }
                }
            }
        }
    }

    /// One tree's recursion for one row.
    ///
    /// A path element's `one` is always exactly 0 or 1 (the row follows the path's splits on
    /// that feature or not), so the divisions by it of the published algorithm are left out, and
    /// the others are multiplications by ``reciprocals`` (`1 / k`).
    struct Walk {
        let tree: BoostedTree
        let bins: UnsafeBufferPointer<UInt8>
        let missingBins: [Int]
        let phi: UnsafeMutableBufferPointer<Double>
        let reciprocals: UnsafePointer<Double>
        /// Room for three numbers per path element, for ``addLeaf(_:_:_:)``.
        let scratch: UnsafeMutablePointer<Double>

        /// Adds a leaf's share to the contribution of every feature on its path: each
        /// element's unwound weight sum (UNWOUNDSUM) times `(one − zero)` times the leaf value.
        ///
        /// The sums are those of the published algorithm, computed for all elements at once:
        /// for elements with `one` = 0 the sum is `(depth + 1) / zero × Σ weight[p] / (depth − p)`,
        /// the same sum for all of them; elements with `one` = 1 run their recurrences side by
        /// side, so they do not wait on each other.
        @inline(__always)
        func addLeaf(_ value: Double, _ path: UnsafeMutablePointer<PathElement>, _ depth: Int) {
            let count = Double(depth + 1)
            var shared = 0.0
            for position in 0..<depth { shared += path[position].weight * reciprocals[depth - position] }
            let next = scratch
            let total = scratch + (depth + 1)
            let shrink = scratch + 2 * (depth + 1)
            var followed = 0
            for index in 1...depth {
                let element = path[index]
                if element.one != 0 {
                    next[followed] = path[depth].weight
                    total[followed] = 0
                    shrink[followed] = element.zero * reciprocals[depth + 1]
                    followed += 1
                } else if element.zero != 0 {
                    phi[element.feature] -= count * shared * value
                }
            }
            guard followed > 0 else { return }
            var position = depth - 1
            while position >= 0 {
                let factor = count * reciprocals[position + 1]
                let weight = path[position].weight
                let steps = Double(depth - position)
                for slot in 0..<followed {
                    let share = next[slot] * factor
                    total[slot] += share
                    next[slot] = weight - share * shrink[slot] * steps
                }
                position -= 1
            }
            var slot = 0
            for index in 1...depth where path[index].one != 0 {
                phi[path[index].feature] += total[slot] * (1 - path[index].zero) * value
                slot += 1
            }
        }

        mutating func recurse(
            _ node: Int, parent: UnsafeMutablePointer<PathElement>, depth: Int, zero: Double, one: Double, feature: Int
        ) {
            let path = parent + (depth + 1)
            path.update(from: parent, count: depth + 1)
            extend(path, depth, zero, one, feature)
            let split = tree.feature[node]
            if split < 0 {
                if depth > 0 { addLeaf(tree.value[node], path, depth) }
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
                unwind(path, depth, index)
                depth -= 1
            }
            recurse(hot, parent: path, depth: depth + 1, zero: hotZero * incomingZero, one: incomingOne, feature: split)
            recurse(cold, parent: path, depth: depth + 1, zero: coldZero * incomingZero, one: 0, feature: split)
        }

        /// EXTEND: adds a feature with fractions `zero` and `one` at position `depth` of the path.
        @inline(__always)
        func extend(
            _ path: UnsafeMutablePointer<PathElement>, _ depth: Int, _ zero: Double, _ one: Double, _ feature: Int
        ) {
            path[depth] = PathElement(feature: feature, zero: zero, one: one, weight: depth == 0 ? 1 : 0)
            let scale = reciprocals[depth + 1]
            var index = depth - 1
            while index >= 0 {
                let weight = path[index].weight * scale
                path[index + 1].weight += one * weight * Double(index + 1)
                path[index].weight = zero * weight * Double(depth - index)
                index -= 1
            }
        }

        /// UNWIND: removes the feature at `index` from a path of length `depth + 1`.
        @inline(__always)
        func unwind(_ path: UnsafeMutablePointer<PathElement>, _ depth: Int, _ index: Int) {
            let one = path[index].one
            let zero = path[index].zero
            let count = Double(depth + 1)
            var next = path[depth].weight
            var position = depth - 1
            if one != 0 {
                let shrink = zero * reciprocals[depth + 1]
                while position >= 0 {
                    let saved = path[position].weight
                    let weight = next * count * reciprocals[position + 1]
                    path[position].weight = weight
                    next = saved - weight * shrink * Double(depth - position)
                    position -= 1
                }
            } else {
                let grow = count / zero
                while position >= 0 {
                    path[position].weight *= grow * reciprocals[depth - position]
                    position -= 1
                }
            }
            var moving = index
            while moving < depth {
                path[moving].feature = path[moving + 1].feature
                path[moving].zero = path[moving + 1].zero
                path[moving].one = path[moving + 1].one
                moving += 1
            }
        }
    }
}
