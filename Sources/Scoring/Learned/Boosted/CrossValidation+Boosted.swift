import Foundation

extension CrossValidation {
    /// Runs stratified k-fold cross-validation of ``BoostedModel`` training with
    /// ``StratifiedFolds``: the same folds ``run(_:folds:seed:options:)`` uses for the logistic
    /// model with the same seed, so the two reports compare like with like.
    ///
    /// ```swift
    /// let boosted = try CrossValidation.run(set, folds: 5, boosted: BoostedOptions())
    /// let logistic = try CrossValidation.run(set, folds: 5)
    /// print(boosted.meanAUC ?? .nan, logistic.meanAUC ?? .nan)
    /// ```
    ///
    /// Each fold learns its own binning (and holds out its own early-stopping rows) from its
    /// training rows only. The report's ``CrossValidationReport/iterations`` are the boosting
    /// iterations of each fold; ``CrossValidationReport/converged`` says whether every fold
    /// either stopped early or ran with early stopping off.
    ///
    /// - Parameters:
    ///   - set: the rows.
    ///   - folds: `k`, from 2 to the number of rows.
    ///   - seed: the fold shuffle's seed.
    ///   - boosted: the boosted model's training options.
    /// - Returns: the report.
    /// - Throws: ``LearnedModelError`` `invalidOption` for fewer than 2 folds or invalid options,
    ///   `notEnoughData` for fewer rows than folds.
    public static func run(
        _ set: TrainingSet, folds: Int, seed: UInt64 = 0x5EED, boosted: BoostedOptions
    ) throws(LearnedModelError) -> CrossValidationReport {
        guard folds >= 2 else {
            throw LearnedModelError(.invalidOption, "cross-validation needs at least 2 folds, got \(folds)")
        }
        guard set.rows.count >= folds else {
            throw LearnedModelError(
                .notEnoughData, "\(folds) folds need at least \(folds) rows; there are \(set.rows.count)")
        }
        return try run(
            set, assignment: StratifiedFolds.assign(set.outcomes, folds: folds, seed: seed), boosted: boosted)
    }

    /// Runs cross-validation of ``BoostedModel`` training with a given fold per row (to share
    /// folds with another tool or with the logistic model).
    ///
    /// ```swift
    /// let report = try CrossValidation.run(set, assignment: folds, boosted: BoostedOptions(maxLeaves: 15))
    /// ```
    ///
    /// - Parameters:
    ///   - set: the rows.
    ///   - assignment: each row's fold, `0..<k`.
    ///   - boosted: the boosted model's training options.
    /// - Returns: the report.
    /// - Throws: ``LearnedModelError`` `invalidOption` when the assignment does not match the
    ///   rows, has fewer than 2 non-empty folds, or the options are invalid.
    public static func run(
        _ set: TrainingSet, assignment: [Int], boosted: BoostedOptions
    ) throws(LearnedModelError) -> CrossValidationReport {
        let problems = boosted.problems()
        guard problems.isEmpty else {
            throw LearnedModelError(.invalidOption, problems.joined(separator: "; "))
        }
        return try run(set, assignment: assignment) { data, training, held, fold throws(LearnedModelError) in
            let model = try BoostedModel.train(
                data, rows: training, name: "fold-\(fold + 1)", version: 1, createdAt: Date(timeIntervalSince1970: 0),
                options: boosted)
            let scores = model.rawScores(BinnedMatrix(data, rows: held, binner: model.binner))
            let finished = model.training.stoppedEarly || !boosted.usesEarlyStopping(rows: training.count)
            return (scores.map(sigmoid), model.training.iterations, finished)
        }
    }
}
