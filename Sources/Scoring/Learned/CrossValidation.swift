import Foundation

/// What k-fold cross-validation measured: every row is predicted by a model that did not see it.
public struct CrossValidationReport: Hashable, Sendable, Codable {
    public var folds: Int
    public var rows: Int
    public var converted: Int
    /// Each fold's ROC AUC (`nil` when the fold lacks a class).
    public var foldAUCs: [Double?]
    /// The mean of the defined fold AUCs.
    public var meanAUC: Double?
    /// The AUC of all out-of-fold predictions together.
    public var pooledAUC: Double?
    /// The mean log loss of the out-of-fold predictions.
    public var logLoss: Double
    /// The log loss of always predicting the overall rate: a model should beat it.
    public var baselineLogLoss: Double
    public var calibration: CalibrationTable
    public var lift: LiftTable
    /// Iterations per fold: L-BFGS iterations for ``LearnedModel``, boosting iterations (trees)
    /// for ``BoostedModel``.
    public var iterations: [Int]
    /// Whether every fold's training converged (for ``BoostedModel``: early stopping ended it, or
    /// early stopping was off).
    public var converged: Bool
}

/// Stratified k-fold cross-validation of ``LearnedModel`` training.
///
/// ```swift
/// let report = try CrossValidation.run(set, folds: 5)
/// print(report.meanAUC ?? .nan, report.logLoss)
/// ```
///
/// Each fold learns its own ``FeatureEncoding`` from its training rows only, so nothing of the
/// held-out rows leaks into the model that predicts them.
public enum CrossValidation {
    /// Runs k-fold cross-validation with ``StratifiedFolds``.
    ///
    /// - Parameters:
    ///   - set: the rows.
    ///   - folds: `k`, from 2 to the number of rows.
    ///   - seed: the fold shuffle's seed.
    ///   - options: training options.
    /// - Throws: ``LearnedModelError`` `invalidOption` for fewer than 2 folds, `notEnoughData`
    ///   for fewer rows than folds.
    public static func run(
        _ set: TrainingSet, folds: Int, seed: UInt64 = 0x5EED, options: TrainingOptions = .init()
    ) throws(LearnedModelError) -> CrossValidationReport {
        guard folds >= 2 else {
            throw LearnedModelError(.invalidOption, "cross-validation needs at least 2 folds, got \(folds)")
        }
        guard set.rows.count >= folds else {
            throw LearnedModelError(
                .notEnoughData, "\(folds) folds need at least \(folds) rows; there are \(set.rows.count)")
        }
        return try run(
            set, assignment: StratifiedFolds.assign(set.outcomes, folds: folds, seed: seed), options: options)
    }

    /// Runs cross-validation with a given fold per row (to share folds with another tool).
    ///
    /// - Parameters:
    ///   - set: the rows.
    ///   - assignment: each row's fold, `0..<k`.
    ///   - options: training options.
    /// - Throws: ``LearnedModelError`` `invalidOption` when the assignment does not match the
    ///   rows or has fewer than 2 non-empty folds.
    public static func run(
        _ set: TrainingSet, assignment: [Int], options: TrainingOptions = .init()
    ) throws(LearnedModelError) -> CrossValidationReport {
        try run(set, assignment: assignment) { data, training, held, fold throws(LearnedModelError) in
            let model = try LearnedModel.train(
                data, rows: training, name: "fold-\(fold + 1)", version: 1, createdAt: Date(timeIntervalSince1970: 0),
                options: options)
            let predictions = model.probabilities(EncodedMatrix(data, rows: held, encoding: model.encoding))
            return (predictions, model.training.iterations, model.training.converged)
        }
    }

    /// Runs cross-validation of any trainer over the folds of `assignment`.
    ///
    /// - Parameter fit: trains on the `training` rows of the data for fold `fold` and returns the
    ///   probabilities of the `held` rows, the iterations used and whether training converged.
    static func run(
        _ set: TrainingSet, assignment: [Int],
        fit: (ColumnarSet, _ training: [Int], _ held: [Int], _ fold: Int) throws(LearnedModelError) -> (
            predictions: [Double], iterations: Int, converged: Bool
        )
    ) throws(LearnedModelError) -> CrossValidationReport {
        guard assignment.count == set.rows.count, let last = assignment.max(), assignment.min() ?? 0 >= 0 else {
            throw LearnedModelError(.invalidOption, "the fold assignment needs one fold number (0 or more) per row")
        }
        let folds = last + 1
        var members = [[Int]](repeating: [], count: folds)
        for (row, fold) in assignment.enumerated() { members[fold].append(row) }
        guard members.filter({ !$0.isEmpty }).count >= 2 else {
            throw LearnedModelError(.invalidOption, "cross-validation needs at least 2 non-empty folds")
        }
        var predictions = [Double](repeating: 0, count: set.rows.count)
        var foldAUCs: [Double?] = []
        var iterations: [Int] = []
        var converged = true
        let outcomes = set.outcomes
        let data = ColumnarSet(set)
        for fold in 0..<folds where !members[fold].isEmpty {
            let held = members[fold]
            let training = assignment.indices.filter { assignment[$0] != fold }
            let result = try fit(data, training, held, fold)
            for (offset, row) in held.enumerated() { predictions[row] = result.predictions[offset] }
            foldAUCs.append(
                ClassificationMetrics.areaUnderROC(predictions: result.predictions, outcomes: held.map { outcomes[$0] })
            )
            iterations.append(result.iterations)
            converged = converged && result.converged
        }
        let defined = foldAUCs.compactMap { $0 }
        let converted = outcomes.reduce(0) { $0 + ($1 ? 1 : 0) }
        let rate = Double(converted) / Double(outcomes.count)
        return CrossValidationReport(
            folds: foldAUCs.count, rows: set.rows.count, converted: converted, foldAUCs: foldAUCs,
            meanAUC: defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count),
            pooledAUC: ClassificationMetrics.areaUnderROC(predictions: predictions, outcomes: outcomes),
            logLoss: ClassificationMetrics.logLoss(predictions: predictions, outcomes: outcomes),
            baselineLogLoss: ClassificationMetrics.logLoss(
                predictions: [Double](repeating: rate, count: outcomes.count), outcomes: outcomes),
            calibration: CalibrationTable(predictions: predictions, outcomes: outcomes),
            lift: LiftTable(predictions: predictions, outcomes: outcomes), iterations: iterations,
            converged: converged)
    }
}
