import Dispatch

/// The gradient, hessian and row count of the rows in one bin of one column.
struct HistogramBin {
    var gradient = 0.0
    var hessian = 0.0
    var count = 0
}

/// Builds the histogram of one node's rows, up to four columns per pass over the rows.
///
/// Each bin adds its rows in row order whatever the grouping, so the sums do not depend on it;
/// the columns of a pass update independent bins, which keeps the processor busy while one
/// column's bin is still being written.
struct HistogramJob {
    let target: UnsafeMutablePointer<HistogramBin>
    let bins: UnsafeMutablePointer<UInt8>
    let rows: Int
    let rowsOfNode: UnsafeMutablePointer<Int32>
    let count: Int
    let gradients: UnsafeMutablePointer<Double>
    let hessians: UnsafeMutablePointer<Double>

    /// The number of columns one pass fills.
    static let width = 4

    /// Fills the bins of `features[first..<first + width]` (fewer at the end).
    @inline(__always)
    func run(
        features: UnsafePointer<Int>, first: Int, end: Int, offsets: UnsafePointer<Int>, binCounts: UnsafePointer<Int>
    ) {
        let last = min(end, first + Self.width)
        for position in first..<last {
            (target + offsets[features[position]]).update(
                repeating: HistogramBin(), count: binCounts[features[position]])
        }
        guard last - first == Self.width else {
            for position in first..<last { run(feature: features[position], offset: offsets[features[position]]) }
            return
        }
        let (f0, f1, f2, f3) = (features[first], features[first + 1], features[first + 2], features[first + 3])
        let (c0, c1, c2, c3) = (bins + f0 * rows, bins + f1 * rows, bins + f2 * rows, bins + f3 * rows)
        let (o0, o1, o2, o3) = (target + offsets[f0], target + offsets[f1], target + offsets[f2], target + offsets[f3])
        for index in 0..<count {
            let row = Int(rowsOfNode[index])
            let gradient = gradients[index]
            let hessian = hessians[index]
            let b0 = Int(c0[row])
            let b1 = Int(c1[row])
            let b2 = Int(c2[row])
            let b3 = Int(c3[row])
            o0[b0].gradient += gradient
            o0[b0].hessian += hessian
            o0[b0].count &+= 1
            o1[b1].gradient += gradient
            o1[b1].hessian += hessian
            o1[b1].count &+= 1
            o2[b2].gradient += gradient
            o2[b2].hessian += hessian
            o2[b2].count &+= 1
            o3[b3].gradient += gradient
            o3[b3].hessian += hessian
            o3[b3].count &+= 1
        }
    }

    /// Fills the bins of `feature`, which start at `offset` in the histogram (already zero).
    @inline(__always)
    func run(feature: Int, offset: Int) {
        let output = target + offset
        let column = bins + feature * rows
        for index in 0..<count {
            let bin = Int(column[Int(rowsOfNode[index])])
            output[bin].gradient += gradients[index]
            output[bin].hessian += hessians[index]
            output[bin].count &+= 1
        }
    }
}

/// A set of bins (0–255), for categorical splits.
struct BinSet: Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static func == (lhs: BinSet, rhs: BinSet) -> Bool { lhs.words == rhs.words }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    @inline(__always)
    func contains(_ bin: Int) -> Bool {
        let mask = UInt64(1) << UInt64(bin & 63)
        switch bin >> 6 {
        case 0: return words.0 & mask != 0
        case 1: return words.1 & mask != 0
        case 2: return words.2 & mask != 0
        default: return words.3 & mask != 0
        }
    }

    mutating func insert(_ bin: Int) {
        let mask = UInt64(1) << UInt64(bin & 63)
        switch bin >> 6 {
        case 0: words.0 |= mask
        case 1: words.1 |= mask
        case 2: words.2 |= mask
        default: words.3 |= mask
        }
    }

    /// The members, ascending.
    var members: [Int] { (0..<256).filter(contains) }
}

/// The best split found for a node.
struct SplitCandidate {
    var gain = 0.0
    var feature = -1
    /// Numeric splits: the highest bin that goes left.
    var threshold = 0
    var missingGoesLeft = false
    var categorical = false
    var leftBins = BinSet()
    var leftGradient = 0.0
    var leftHessian = 0.0
    var leftCount = 0

    @inline(__always)
    func goesLeft(_ bin: Int, missingBin: Int) -> Bool {
        if categorical { return leftBins.contains(bin) }
        if bin == missingBin { return missingGoesLeft }
        return bin <= threshold
    }
}

/// Grows the regression trees of gradient boosting on binned rows, leaf-wise (best split
/// first), from per-bin gradient/hessian histograms.
///
/// A node's rows are a contiguous slice of ``partition``; splitting a node partitions its slice
/// stably in place. Only the smaller child's histogram is built from its rows: the larger one's is
/// the parent's minus the smaller's. Histograms of different columns are built in parallel, each
/// by one thread in row order, so the result does not depend on scheduling.
///
/// The grower owns raw buffers (allocated once, reused for every tree) and is used by one
/// training call on one thread at a time.
final class TreeGrower {
    /// The least hessian sum a child may have, as scikit-learn's `min_hessian_to_split`.
    static let minimumHessian = 1e-3
    /// Categories with a smaller hessian sum are not ordered in a categorical split (they go
    /// right); also the smoothing of their gradient/hessian ratio (scikit-learn's
    /// `MIN_CAT_SUPPORT`).
    static let categorySupport = 10.0
    /// The most categories on the scanned side of a categorical split (`MAX_CAT_THRESHOLD`).
    static let maximumScannedCategories = 32

    let rows: Int
    let columns: Int
    let bins: UnsafeMutablePointer<UInt8>
    let binCounts: [Int]
    let missingBins: [Int]
    let offsets: [Int]
    let categorical: [Bool]
    let totalBins: Int
    let options: BoostedOptions

    /// The rows of the tree being grown; each node owns a slice.
    let partition: UnsafeMutablePointer<Int32>
    private let scratch: UnsafeMutablePointer<Int32>
    private let orderedGradients: UnsafeMutablePointer<Double>
    private let orderedHessians: UnsafeMutablePointer<Double>
    private var histograms: [UnsafeMutablePointer<HistogramBin>] = []
    private var freeHistograms: [Int] = []

    /// The slice of ``partition`` of every leaf of the last tree grown.
    private(set) var leafSlices: [(node: Int, start: Int, end: Int)] = []
    /// The number of sampled rows of the last tree grown.
    private(set) var sampledRows = 0

    init(_ matrix: BinnedMatrix, binner: FeatureBinner, options: BoostedOptions) {
        rows = matrix.rows
        columns = matrix.columns
        bins = .allocate(capacity: max(1, matrix.bins.count))
        _ = UnsafeMutableBufferPointer(start: bins, count: matrix.bins.count).initialize(from: matrix.bins)
        binCounts = binner.columns.map { $0.missingBin + 1 }
        missingBins = binner.columns.map(\.missingBin)
        categorical = binner.columns.map { $0.kind == .categorical }
        var offsets: [Int] = []
        var total = 0
        for count in binCounts {
            offsets.append(total)
            total += count
        }
        self.offsets = offsets
        totalBins = max(1, total)
        self.options = options
        partition = .allocate(capacity: max(1, rows))
        scratch = .allocate(capacity: max(1, rows))
        orderedGradients = .allocate(capacity: max(1, rows))
        orderedHessians = .allocate(capacity: max(1, rows))
    }

    deinit {
        bins.deallocate()
        partition.deallocate()
        scratch.deallocate()
        orderedGradients.deallocate()
        orderedHessians.deallocate()
        for histogram in histograms { histogram.deallocate() }
    }

    private func takeHistogram() -> Int {
        if let index = freeHistograms.popLast() { return index }
        histograms.append(.allocate(capacity: totalBins))
        return histograms.count - 1
    }

    private func release(_ index: Int) {
        if index >= 0 { freeHistograms.append(index) }
    }

    /// A node being grown.
    private struct Growing {
        var node: Int
        var start: Int
        var end: Int
        var depth: Int
        var gradient: Double
        var hessian: Double
        var histogram: Int
        var split = SplitCandidate()
        var count: Int { end - start }
    }

    /// Grows one tree.
    ///
    /// - Parameters:
    ///   - gradients: each row's gradient of the loss.
    ///   - hessians: each row's second derivative.
    ///   - sample: the rows to grow from, ascending; every row when `nil`.
    ///   - features: the columns the tree may split on, ascending.
    /// - Returns: the tree; ``leafSlices`` then says which rows reached each leaf.
    func grow(
        gradients: UnsafePointer<Double>, hessians: UnsafePointer<Double>, sample: [Int32]?, features: [Int]
    ) -> BoostedTree {
        let count: Int
        if let sample {
            count = sample.count
            for (index, row) in sample.enumerated() { partition[index] = row }
        } else {
            count = rows
            for row in 0..<rows { partition[row] = Int32(row) }
        }
        sampledRows = count
        var gradient = 0.0
        var hessian = 0.0
        for index in 0..<count {
            let row = Int(partition[index])
            gradient += gradients[row]
            hessian += hessians[row]
        }
        let lambda = options.l2Regularisation
        let rate = options.learningRate
        var tree = BoostedTree(leaf: -rate * gradient / (hessian + lambda + 1e-15), cover: Double(count))
        var open: [Growing] = []
        var leaves = 1
        let minimumRows = 2 * options.minSamplesLeaf
        func splittable(depth: Int, rows: Int) -> Bool {
            leaves < options.maxLeaves && rows >= minimumRows && (options.maxDepth.map { depth < $0 } ?? true)
        }
        var finished: [Growing] = []
        let root = Growing(node: 0, start: 0, end: count, depth: 0, gradient: gradient, hessian: hessian, histogram: -1)
        if splittable(depth: 0, rows: count) {
            var node = root
            node.histogram = takeHistogram()
            build(node.histogram, start: 0, end: count, features: features, gradients: gradients, hessians: hessians)
            node.split = bestSplit(
                node.histogram, gradient: gradient, hessian: hessian, count: count, features: features)
            if node.split.gain > 0 {
                open.append(node)
            } else {
                release(node.histogram)
                finished.append(node)
            }
        } else {
            finished.append(root)
        }
        while leaves < options.maxLeaves, !open.isEmpty {
            var bestIndex = 0
            for index in open.indices.dropFirst() where open[index].split.gain > open[bestIndex].split.gain {
                bestIndex = index
            }
            let parent = open.remove(at: bestIndex)
            let split = parent.split
            let middle = partitionRows(parent, split: split)
            precondition(middle - parent.start == split.leftCount, "the histogram and the partition disagree")
            leaves += 1
            let leftNode = tree.feature.count
            let rightGradient = parent.gradient - split.leftGradient
            let rightHessian = parent.hessian - split.leftHessian
            tree.feature[parent.node] = split.feature
            tree.missingGoesLeft[parent.node] = split.missingGoesLeft
            if split.categorical {
                tree.categorySets.append(split.leftBins.members)
                tree.threshold[parent.node] = -tree.categorySets.count
            } else {
                tree.threshold[parent.node] = split.threshold
            }
            tree.left[parent.node] = leftNode
            tree.right[parent.node] = leftNode + 1
            for (childGradient, childHessian, childCount) in [
                (split.leftGradient, split.leftHessian, split.leftCount),
                (rightGradient, rightHessian, parent.count - split.leftCount),
            ] {
                tree.feature.append(-1)
                tree.threshold.append(0)
                tree.missingGoesLeft.append(false)
                tree.left.append(-1)
                tree.right.append(-1)
                tree.value.append(-rate * childGradient / (childHessian + lambda + 1e-15))
                tree.cover.append(Double(childCount))
            }
            var left = Growing(
                node: leftNode, start: parent.start, end: middle, depth: parent.depth + 1,
                gradient: split.leftGradient, hessian: split.leftHessian, histogram: -1)
            var right = Growing(
                node: leftNode + 1, start: middle, end: parent.end, depth: parent.depth + 1, gradient: rightGradient,
                hessian: rightHessian, histogram: -1)
            let splitLeft = splittable(depth: left.depth, rows: left.count)
            let splitRight = splittable(depth: right.depth, rows: right.count)
            if splitLeft || splitRight {
                let smallerIsLeft = left.count <= right.count
                let small = takeHistogram()
                let (smallStart, smallEnd) = smallerIsLeft ? (left.start, left.end) : (right.start, right.end)
                build(
                    small, start: smallStart, end: smallEnd, features: features, gradients: gradients,
                    hessians: hessians)
                subtract(small, from: parent.histogram, features: features)
                if smallerIsLeft {
                    left.histogram = small
                    right.histogram = parent.histogram
                } else {
                    right.histogram = small
                    left.histogram = parent.histogram
                }
            } else {
                release(parent.histogram)
            }
            for (child, canSplit) in [(left, splitLeft), (right, splitRight)] {
                var child = child
                guard canSplit else {
                    release(child.histogram)
                    child.histogram = -1
                    finished.append(child)
                    continue
                }
                child.split = bestSplit(
                    child.histogram, gradient: child.gradient, hessian: child.hessian, count: child.count,
                    features: features)
                if child.split.gain > 0 {
                    open.append(child)
                } else {
                    release(child.histogram)
                    child.histogram = -1
                    finished.append(child)
                }
            }
        }
        for node in open { release(node.histogram) }
        finished.append(contentsOf: open)
        leafSlices = finished.map { ($0.node, $0.start, $0.end) }.sorted { $0.node < $1.node }
        return tree
    }

    /// Partitions a node's rows stably: those going left first. Returns where the right ones start.
    private func partitionRows(_ node: Growing, split: SplitCandidate) -> Int {
        let column = bins + split.feature * rows
        let missingBin = missingBins[split.feature]
        var left = node.start
        var right = 0
        for index in node.start..<node.end {
            let row = partition[index]
            if split.goesLeft(Int(column[Int(row)]), missingBin: missingBin) {
                partition[left] = row
                left += 1
            } else {
                scratch[right] = row
                right += 1
            }
        }
        (partition + left).update(from: scratch, count: right)
        return left
    }

    /// Builds the histogram of the rows `partition[start..<end]` for `features`.
    private func build(
        _ histogram: Int, start: Int, end: Int, features: [Int], gradients: UnsafePointer<Double>,
        hessians: UnsafePointer<Double>
    ) {
        let count = end - start
        nonisolated(unsafe) let rowsOfNode = partition + start
        nonisolated(unsafe) let (orderedGradients, orderedHessians) = (orderedGradients, orderedHessians)
        nonisolated(unsafe) let (gradients, hessians) = (gradients, hessians)
        // Each part writes its own slice of the ordered buffers.
        let parts = count >= 65_536 ? 4 : 1
        let gather: @Sendable (Int) -> Void = { part in
            for index in (part * count / parts)..<((part + 1) * count / parts) {
                let row = Int(rowsOfNode[index])
                orderedGradients[index] = gradients[row]
                orderedHessians[index] = hessians[row]
            }
        }
        if parts > 1 {
            DispatchQueue.concurrentPerform(iterations: parts, execute: gather)
        } else {
            gather(0)
        }
        // Each iteration writes the bins of its own columns only and reads buffers nobody writes
        // meanwhile; `concurrentPerform` returns when every iteration is done.
        nonisolated(unsafe) let job = HistogramJob(
            target: histograms[histogram], bins: bins, rows: rows, rowsOfNode: rowsOfNode, count: count,
            gradients: orderedGradients, hessians: orderedHessians)
        let columns = features.count
        let groups = (columns + HistogramJob.width - 1) / HistogramJob.width
        features.withUnsafeBufferPointer { features in
            offsets.withUnsafeBufferPointer { offsets in
                binCounts.withUnsafeBufferPointer { binCounts in
                    nonisolated(unsafe) let features = features.baseAddress!
                    nonisolated(unsafe) let offsets = offsets.baseAddress!
                    nonisolated(unsafe) let binCounts = binCounts.baseAddress!
                    let work: @Sendable (Int) -> Void = { group in
                        job.run(
                            features: features, first: group * HistogramJob.width, end: columns, offsets: offsets,
                            binCounts: binCounts)
                    }
                    if count * columns >= 100_000, groups > 1 {
                        DispatchQueue.concurrentPerform(iterations: groups, execute: work)
                    } else {
                        for group in 0..<groups { work(group) }
                    }
                }
            }
        }
    }

    /// `parent −= small`, bin by bin: the larger child's histogram, in the parent's buffer.
    private func subtract(_ small: Int, from parent: Int, features: [Int]) {
        let small = histograms[small]
        let parent = histograms[parent]
        for feature in features {
            let offset = offsets[feature]
            for bin in offset..<(offset + binCounts[feature]) {
                parent[bin].gradient -= small[bin].gradient
                parent[bin].hessian -= small[bin].hessian
                parent[bin].count -= small[bin].count
            }
        }
    }

    /// The split of the largest gain over `features`; gain 0 when no split is allowed. Columns
    /// are searched in parallel; the first column of the largest gain wins, as in a serial scan.
    private func bestSplit(_ histogram: Int, gradient: Double, hessian: Double, count: Int, features: [Int])
        -> SplitCandidate
    {
        let search = SplitSearch(
            gradient: gradient, hessian: hessian, count: count, lambda: options.l2Regularisation,
            minimumRows: options.minSamplesLeaf)
        var results = [SplitCandidate](repeating: SplitCandidate(), count: features.count)
        let offsets = offsets
        let missingBins = missingBins
        let categorical = categorical
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own result and reads the histogram nobody writes meanwhile.
            nonisolated(unsafe) let output = buffer.baseAddress!
            nonisolated(unsafe) let base = UnsafePointer(histograms[histogram])
            let work: @Sendable (Int) -> Void = { position in
                let feature = features[position]
                output[position] = search.best(
                    feature, bins: base + offsets[feature], missingBin: missingBins[feature],
                    categorical: categorical[feature])
            }
            if features.count >= 8 {
                DispatchQueue.concurrentPerform(iterations: features.count, execute: work)
            } else {
                for position in features.indices { work(position) }
            }
        }
        var best = SplitCandidate()
        for candidate in results where candidate.gain > best.gain { best = candidate }
        return best
    }
}

/// The search for the best split of one node on one column, from the column's histogram.
///
/// The gain of a split is `G_L² / (H_L + λ) + G_R² / (H_R + λ) − G² / (H + λ)`; a split needs
/// ``BoostedOptions/minSamplesLeaf`` rows and a hessian sum of ``TreeGrower/minimumHessian`` on
/// each side, and a gain above 0.
struct SplitSearch: Sendable {
    let gradient: Double
    let hessian: Double
    let count: Int
    let lambda: Double
    let minimumRows: Int

    /// The best split on `feature`; gain 0 when none is allowed.
    ///
    /// - Numeric columns: with missing values going right, every threshold over the value bins
    ///   (and, when the node has missing values, all values left and missing right); then, when
    ///   it has missing values, every threshold with them going left. Without missing values in
    ///   the node, they go to the side with more rows.
    /// - Categorical columns: the categories (the `other` and missing bins included) with a hessian
    ///   sum of at least ``TreeGrower/categorySupport`` are sorted by
    ///   `G / (H + categorySupport)`; the left side is a prefix of that order from either end, of
    ///   at most ``TreeGrower/maximumScannedCategories`` and half of the categories. Categories
    ///   with less support go right.
    func best(_ feature: Int, bins: UnsafePointer<HistogramBin>, missingBin: Int, categorical: Bool)
        -> SplitCandidate
    {
        let parentScore = gradient * gradient / (hessian + lambda)
        let minimumHessian = TreeGrower.minimumHessian
        var best = SplitCandidate()
        best.feature = feature
        @inline(__always)
        func gain(_ leftGradient: Double, _ leftHessian: Double, _ leftCount: Int) -> Double? {
            let rightHessian = hessian - leftHessian
            guard leftCount >= minimumRows, count - leftCount >= minimumRows, leftHessian >= minimumHessian,
                rightHessian >= minimumHessian
            else { return nil }
            let rightGradient = gradient - leftGradient
            let gain =
                leftGradient * leftGradient / (leftHessian + lambda) + rightGradient * rightGradient
                / (rightHessian + lambda) - parentScore
            return gain > best.gain ? gain : nil
        }
        if categorical {
            var order: [(value: Double, bin: Int)] = []
            order.reserveCapacity(missingBin + 1)
            for bin in 0...missingBin where bins[bin].hessian >= TreeGrower.categorySupport {
                order.append((bins[bin].gradient / (bins[bin].hessian + TreeGrower.categorySupport), bin))
            }
            guard order.count > 1 else { return best }
            order.sort { $0.value != $1.value ? $0.value < $1.value : $0.bin < $1.bin }
            let used = order.count
            let scanned = min(TreeGrower.maximumScannedCategories, (used + 1) / 2)
            for forward in [true, false] {
                var leftGradient = 0.0
                var leftHessian = 0.0
                var leftCount = 0
                for step in 0..<scanned {
                    let bin = order[forward ? step : used - 1 - step].bin
                    leftGradient += bins[bin].gradient
                    leftHessian += bins[bin].hessian
                    leftCount += bins[bin].count
                    if count - leftCount < minimumRows { break }
                    guard let gain = gain(leftGradient, leftHessian, leftCount) else { continue }
                    var set = BinSet()
                    for index in 0...step { set.insert(order[forward ? index : used - 1 - index].bin) }
                    best = SplitCandidate(
                        gain: gain, feature: feature, threshold: 0, missingGoesLeft: set.contains(missingBin),
                        categorical: true, leftBins: set, leftGradient: leftGradient, leftHessian: leftHessian,
                        leftCount: leftCount)
                }
            }
            return best
        }
        let hasMissing = bins[missingBin].count > 0
        var leftGradient = 0.0
        var leftHessian = 0.0
        var leftCount = 0
        let last = hasMissing ? missingBin - 1 : missingBin - 2
        if last >= 0 {
            for bin in 0...last {
                // An empty bin splits the rows as the threshold before it did.
                guard bins[bin].count > 0 else { continue }
                leftGradient += bins[bin].gradient
                leftHessian += bins[bin].hessian
                leftCount += bins[bin].count
                if count - leftCount < minimumRows { break }
                guard let gain = gain(leftGradient, leftHessian, leftCount) else { continue }
                best = SplitCandidate(
                    gain: gain, feature: feature, threshold: bin,
                    missingGoesLeft: !hasMissing && leftCount > count - leftCount, categorical: false,
                    leftGradient: leftGradient, leftHessian: leftHessian, leftCount: leftCount)
            }
        }
        guard hasMissing, missingBin >= 2 else { return best }
        var rightGradient = 0.0
        var rightHessian = 0.0
        var rightCount = 0
        for bin in stride(from: missingBin - 1, to: 0, by: -1) {
            guard bins[bin].count > 0 else { continue }
            rightGradient += bins[bin].gradient
            rightHessian += bins[bin].hessian
            rightCount += bins[bin].count
            if count - rightCount < minimumRows { break }
            guard let gain = gain(gradient - rightGradient, hessian - rightHessian, count - rightCount) else {
                continue
            }
            best = SplitCandidate(
                gain: gain, feature: feature, threshold: bin - 1, missingGoesLeft: true, categorical: false,
                leftGradient: gradient - rightGradient, leftHessian: hessian - rightHessian,
                leftCount: count - rightCount)
        }
        return best
    }
}
