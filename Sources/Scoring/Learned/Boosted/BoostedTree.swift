/// One regression tree of a ``BoostedModel``, as flat node arrays: node `i`'s split is
/// `feature[i]`, `threshold[i]`, … and its children are `left[i]` and `right[i]`. Node 0 is the
/// root.
///
/// Splits compare **bins** (see ``FeatureBinner``), so a tree and its model's binner belong
/// together:
/// - a **numeric** split sends a row left when its bin is at most `threshold[i]`, and a missing
///   value left when `missingGoesLeft[i]` (the direction learned in training; when training had
///   no missing values there, the side that had more rows);
/// - a **categorical** split (`threshold[i] < 0`) sends a row left when its bin is in
///   `categorySets[-threshold[i] - 1]`; every other bin, the missing one included, goes right
///   unless listed.
///
/// ```swift
/// let tree = model.trees[0]
/// print(tree.nodeCount, tree.leafCount, tree.value[0])
/// ```
public struct BoostedTree: Hashable, Sendable, Codable {
    /// The column each node splits on; -1 for a leaf.
    public var feature: [Int]
    /// Numeric splits: the highest bin that goes left. Categorical splits: `-(k + 1)` for
    /// ``categorySets```[k]`. Leaves: 0.
    public var threshold: [Int]
    /// Whether a missing value goes left (numeric splits; categorical splits list the missing bin
    /// in their set instead).
    public var missingGoesLeft: [Bool]
    /// The left child of each node; -1 for a leaf.
    public var left: [Int]
    /// The right child of each node; -1 for a leaf.
    public var right: [Int]
    /// The value each node would predict as a leaf, already multiplied by the learning rate; the
    /// raw score adds the leaf values of every tree to the model's baseline.
    public var value: [Double]
    /// The number of training rows that reached each node (the node's cover in TreeSHAP).
    public var cover: [Double]
    /// The bins that go left at each categorical split, ascending.
    public var categorySets: [[Int]]

    /// Makes a tree from its node arrays (as decoded from a model file).
    public init(
        feature: [Int], threshold: [Int], missingGoesLeft: [Bool], left: [Int], right: [Int], value: [Double],
        cover: [Double], categorySets: [[Int]] = []
    ) {
        self.feature = feature
        self.threshold = threshold
        self.missingGoesLeft = missingGoesLeft
        self.left = left
        self.right = right
        self.value = value
        self.cover = cover
        self.categorySets = categorySets
    }

    /// A tree of one leaf.
    init(leaf value: Double, cover: Double) {
        self.init(
            feature: [-1], threshold: [0], missingGoesLeft: [false], left: [-1], right: [-1], value: [value],
            cover: [cover])
    }

    /// The number of nodes.
    public var nodeCount: Int { feature.count }

    /// The number of leaves.
    public var leafCount: Int { feature.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    /// The depth of the deepest leaf (0 for a single leaf).
    public var depth: Int {
        var deepest = 0
        var stack = [(0, 0)]
        while let (node, depth) = stack.popLast() {
            if feature[node] < 0 {
                deepest = max(deepest, depth)
            } else {
                stack.append((left[node], depth + 1))
                stack.append((right[node], depth + 1))
            }
        }
        return deepest
    }

    /// Whether a row whose bin at this node's column is `bin` goes left at internal node `node`.
    @inline(__always)
    func goesLeft(_ node: Int, bin: Int, missingBin: Int) -> Bool {
        let threshold = threshold[node]
        if threshold < 0 { return categorySets[-threshold - 1].contains(bin) }
        if bin == missingBin { return missingGoesLeft[node] }
        return bin <= threshold
    }

    /// The leaf value for a row given by `bin(column)`.
    @inline(__always)
    func leafValue(missingBins: [Int], bin: (Int) -> Int) -> Double {
        var node = 0
        while feature[node] >= 0 {
            let column = feature[node]
            node = goesLeft(node, bin: bin(column), missingBin: missingBins[column]) ? left[node] : right[node]
        }
        return value[node]
    }

    /// The first inconsistency of a decoded tree with `columns` columns, or `nil`.
    func problem(columns: [FeatureBinner.Column]) -> String? {
        let count = feature.count
        guard count > 0 else { return "has no nodes" }
        for (name, length) in [
            ("threshold", threshold.count), ("missingGoesLeft", missingGoesLeft.count), ("left", left.count),
            ("right", right.count), ("value", value.count), ("cover", cover.count),
        ] where length != count {
            return "has \(length) \(name) entries for \(count) nodes"
        }
        var reached = [Bool](repeating: false, count: count)
        reached[0] = true
        for node in 0..<count {
            guard value[node].isFinite, cover[node].isFinite, cover[node] >= 0 else {
                return "node \(node) has a value or cover that is not a finite number"
            }
            let column = feature[node]
            if column < 0 {
                if left[node] != -1 || right[node] != -1 { return "leaf \(node) has children" }
                continue
            }
            guard column < columns.count else { return "node \(node) splits on column \(column), which is not there" }
            for child in [left[node], right[node]] {
                // Children come after their parent, so the arrays hold a tree and no cycle.
                guard child > node, child < count, !reached[child] else {
                    return "node \(node) has an invalid child \(child)"
                }
                reached[child] = true
            }
            let bins = columns[column].missingBin + 1
            if threshold[node] < 0 {
                let set = -threshold[node] - 1
                guard columns[column].kind == .categorical, set < categorySets.count else {
                    return "node \(node) refers to a category set that is not there"
                }
                if categorySets[set].contains(where: { $0 < 0 || $0 >= bins }) {
                    return "category set \(set) holds a bin outside 0..<\(bins)"
                }
            } else if columns[column].kind != .numeric || threshold[node] >= bins - 1 {
                return "node \(node) has threshold \(threshold[node]) outside the bins of column \(column)"
            }
        }
        if let lost = reached.firstIndex(of: false) { return "node \(lost) is not reachable from the root" }
        return nil
    }
}
