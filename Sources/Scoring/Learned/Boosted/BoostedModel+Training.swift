import Foundation

extension BoostedModel {
    /// Trains a model on every row of `set` by gradient boosting of histogram trees on the log
    /// loss.
    ///
    /// Training starts from the log-odds of the training rows' conversion rate, then adds up to
    /// ``BoostedOptions/maxIterations`` trees, each fitted to the gradients and hessians of the
    /// log loss and grown best split first (see ``BoostedOptions``). With early stopping on, a
    /// stratified share of the rows is held out first (binning is learned from the rest), and
    /// training stops when the held-out log loss has not improved for
    /// ``BoostedOptions/nIterNoChange`` iterations; the trees grown until then are kept.
    ///
    /// Deterministic: the same set and options (seed included) give a bit-identical model.
    ///
    /// ```swift
    /// let model = try BoostedModel.train(set, name: "inbound", createdAt: now, options: .init(maxLeaves: 15))
    /// print(model.training.iterations, model.training.stoppedEarly)
    /// ```
    ///
    /// - Parameters:
    ///   - set: the training rows; at least one.
    ///   - name: the model's name.
    ///   - version: the model's version.
    ///   - createdAt: the time to record (inject it: training reads no clock).
    ///   - options: the boosting, tree, binning, subsampling and early-stopping options.
    /// - Returns: the model.
    /// - Throws: ``LearnedModelError`` `notEnoughData` for an empty set, `invalidOption` listing
    ///   every problem of invalid options.
    public static func train(
        _ set: TrainingSet, name: String = "model", version: Int = 1, createdAt: Date,
        options: BoostedOptions = .init()
    ) throws(LearnedModelError) -> BoostedModel {
        try train(
            ColumnarSet(set), rows: Array(set.rows.indices), name: name, version: version, createdAt: createdAt,
            options: options)
    }

    /// Trains on the rows at `rows` of columnar data (a cross-validation fold's training part).
    static func train(
        _ data: ColumnarSet, rows: [Int], name: String, version: Int, createdAt: Date, options: BoostedOptions
    ) throws(LearnedModelError) -> BoostedModel {
        let problems = options.problems()
        guard problems.isEmpty else {
            throw LearnedModelError(.invalidOption, problems.joined(separator: "; "))
        }
        guard !rows.isEmpty else {
            throw LearnedModelError(.notEnoughData, "there are no rows to train on")
        }
        var random = SplitMix64(seed: options.seed)
        var trainingRows = rows
        var validationRows: [Int] = []
        if options.usesEarlyStopping(rows: rows.count) {
            (trainingRows, validationRows) = validationSplit(
                rows, outcomes: data.outcomes, fraction: options.validationFraction, random: &random)
        }
        let binner = FeatureBinner.fit(data, rows: trainingRows, options: options)
        let matrix = BinnedMatrix(data, rows: trainingRows, binner: binner)
        let targets = trainingRows.map { data.outcomes[$0] ? 1.0 : 0.0 }
        let validationMatrix = BinnedMatrix(data, rows: validationRows, binner: binner)
        let validationTargets = validationRows.map { data.outcomes[$0] }
        let count = trainingRows.count
        let positives = targets.reduce(0, +)
        let epsilon = Double.ulpOfOne
        let rate = min(max(positives / Double(count), epsilon), 1 - epsilon)
        let baseline = log(rate / (1 - rate))

        let grower = TreeGrower(matrix, binner: binner, options: options)
        let missingBins = binner.columns.map(\.missingBin)
        var raw = [Double](repeating: baseline, count: count)
        var validationRaw = [Double](repeating: baseline, count: validationRows.count)
        var gradients = [Double](repeating: 0, count: count)
        var hessians = [Double](repeating: 0, count: count)
        var losses = validationRows.isEmpty ? [] : [logLoss(raw: validationRaw, outcomes: validationTargets)]
        var trees: [BoostedTree] = []
        var stoppedEarly = false
        let columnCount = binner.columns.count
        let sampledColumns = max(1, Int((options.featureSubsample * Double(columnCount)).rounded()))
        let sampledRows = max(1, Int(options.rowSubsample * Double(count)))
        for _ in 0..<options.maxIterations {
            gradientsAndHessians(raw: raw, targets: targets, gradients: &gradients, hessians: &hessians)
            let features =
                sampledColumns < columnCount
                ? sample(sampledColumns, of: columnCount, random: &random) : Array(0..<columnCount)
            let sample: [Int32]? =
                sampledRows < count ? sample(sampledRows, of: count, random: &random).map { Int32($0) } : nil
            let tree = gradients.withUnsafeBufferPointer { gradients in
                hessians.withUnsafeBufferPointer { hessians in
                    grower.grow(
                        gradients: gradients.baseAddress!, hessians: hessians.baseAddress!, sample: sample,
                        features: features)
                }
            }
            if sample == nil {
                for (node, start, end) in grower.leafSlices {
                    let value = tree.value[node]
                    for index in start..<end { raw[Int(grower.partition[index])] += value }
                }
            } else {
                tree.add(to: &raw, matrix: matrix, missingBins: missingBins)
            }
            trees.append(tree)
            if !validationRows.isEmpty {
                tree.add(to: &validationRaw, matrix: validationMatrix, missingBins: missingBins)
                losses.append(logLoss(raw: validationRaw, outcomes: validationTargets))
                if shouldStop(losses, patience: options.nIterNoChange, tolerance: options.tol) {
                    stoppedEarly = true
                    break
                }
            }
        }
        return BoostedModel(
            name: name, version: version, createdAt: createdAt, binner: binner, baseline: baseline, trees: trees,
            training: TrainingSummary(
                rows: rows.count, converted: rows.reduce(0) { $0 + (data.outcomes[$1] ? 1 : 0) },
                validationRows: validationRows.count, options: options, iterations: trees.count,
                stoppedEarly: stoppedEarly, trainingLogLoss: logLoss(raw: raw, outcomes: targets.map { $0 > 0 }),
                validationLogLoss: losses.last))
    }

    /// Each row's gradient and hessian of the log loss at its raw score, in parallel over parts of
    /// the rows (each row on its own, so the result does not depend on it).
    static func gradientsAndHessians(
        raw: [Double], targets: [Double], gradients: inout [Double], hessians: inout [Double]
    ) {
        let count = raw.count
        let parts = count >= 65_536 ? 4 : 1
        raw.withUnsafeBufferPointer { raw in
            targets.withUnsafeBufferPointer { targets in
                gradients.withUnsafeMutableBufferPointer { gradients in
                    hessians.withUnsafeMutableBufferPointer { hessians in
                        // Each part writes its own rows; `concurrentPerform` returns when all are done.
                        nonisolated(unsafe) let (raw, targets) = (raw.baseAddress!, targets.baseAddress!)
                        nonisolated(unsafe) let (gradients, hessians) = (gradients.baseAddress!, hessians.baseAddress!)
                        let work: @Sendable (Int) -> Void = { part in
                            for row in (part * count / parts)..<((part + 1) * count / parts) {
                                let probability = sigmoid(raw[row])
                                gradients[row] = probability - targets[row]
                                hessians[row] = probability * (1 - probability)
                            }
                        }
                        if parts > 1 {
                            DispatchQueue.concurrentPerform(iterations: parts, execute: work)
                        } else {
                            work(0)
                        }
                    }
                }
            }
        }
    }

    /// Splits rows into training and validation rows, `fraction` of each outcome's rows
    /// (rounded up, at least one row left for training) held out at random.
    static func validationSplit(
        _ rows: [Int], outcomes: [Bool], fraction: Double, random: inout SplitMix64
    ) -> (training: [Int], validation: [Int]) {
        var training: [Int] = []
        var validation: [Int] = []
        for wanted in [true, false] {
            var members = rows.filter { outcomes[$0] == wanted }
            if members.count > 1 {
                for index in stride(from: members.count - 1, to: 0, by: -1) {
                    members.swapAt(index, Int(random.next() % UInt64(index + 1)))
                }
            }
            let held = min(Int((fraction * Double(members.count)).rounded(.up)), max(0, members.count - 1))
            validation += members.prefix(held)
            training += members.dropFirst(held)
        }
        return (training.sorted(), validation.sorted())
    }

    /// `count` distinct numbers of `0..<total`, ascending, drawn at random.
    static func sample(_ count: Int, of total: Int, random: inout SplitMix64) -> [Int] {
        var pool = Array(0..<total)
        for index in 0..<count {
            pool.swapAt(index, index + Int(random.next() % UInt64(total - index)))
        }
        return pool.prefix(count).sorted()
    }

    /// Whether none of the last `patience` losses beat the one before them by more than
    /// `tolerance` (scikit-learn's rule; `losses` starts with the baseline's loss).
    static func shouldStop(_ losses: [Double], patience: Int, tolerance: Double) -> Bool {
        guard losses.count > patience else { return false }
        let reference = losses[losses.count - patience - 1] - tolerance
        return !losses.suffix(patience).contains { $0 < reference }
    }

    /// The mean log loss of raw scores.
    static func logLoss(raw: [Double], outcomes: [Bool]) -> Double {
        guard !raw.isEmpty else { return 0 }
        var sum = 0.0
        for (score, outcome) in zip(raw, outcomes) { sum += softplus(outcome ? -score : score) }
        return sum / Double(raw.count)
    }
}
