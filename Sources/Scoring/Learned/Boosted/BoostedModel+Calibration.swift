import Foundation

extension BoostedModel {
    /// What calibrating a model found: the out-of-fold predictions' calibration before and after.
    public struct CalibrationCheck: Hashable, Sendable, Codable {
        /// The out-of-fold probabilities, raw, by decile.
        public var before: CalibrationTable
        /// The same predictions through the fitted curve.
        public var after: CalibrationTable
    }

    /// This model with a Platt ``calibration`` fitted on out-of-fold raw scores: `folds`
    /// stratified folds of `set` (the set this model was trained on), a model of this one's
    /// options trained on the other folds scoring each.
    ///
    /// ```swift
    /// let (model, check) = try BoostedModel.train(set, createdAt: now).calibrated(on: set)
    /// print(check.after.expectedCalibrationError)
    /// ```
    ///
    /// - Parameters:
    ///   - set: the training rows.
    ///   - folds: how many folds, 2 or more; 3 by default (training costs `folds − 1` more models
    ///     of about this one's size).
    /// - Returns: the calibrated model, and the calibration tables of the out-of-fold predictions
    ///   before and after.
    /// - Throws: ``LearnedModelError`` `notEnoughData` for fewer rows than folds, `invalidOption`
    ///   for fewer than 2 folds.
    public func calibrated(on set: TrainingSet, folds: Int = 3) throws(LearnedModelError) -> (
        model: BoostedModel, check: CalibrationCheck
    ) {
        guard folds >= 2 else {
            throw LearnedModelError(.invalidOption, "calibration needs at least 2 folds, got \(folds)")
        }
        guard set.rows.count >= folds else {
            throw LearnedModelError(
                .notEnoughData, "calibration needs at least \(folds) rows; there are \(set.rows.count)")
        }
        let assignment = StratifiedFolds.assign(set.outcomes, folds: folds, seed: training.options.seed)
        let data = ColumnarSet(set)
        var scores = [Double](repeating: 0, count: set.rows.count)
        for fold in 0..<folds {
            let held = assignment.indices.filter { assignment[$0] == fold }
            let rest = assignment.indices.filter { assignment[$0] != fold }
            guard !held.isEmpty, !rest.isEmpty else { continue }
            let model = try BoostedModel.train(
                data, rows: rest, name: name, version: version, createdAt: createdAt, options: training.options)
            let foldScores = model.rawScores(BinnedMatrix(data, rows: held, binner: model.binner))
            for (offset, row) in held.enumerated() { scores[row] = foldScores[offset] }
        }
        let outcomes = set.outcomes
        let platt = PlattScaling.fit(scores: scores, outcomes: outcomes)
        var model = self
        model.calibration = platt
        return (
            model,
            CalibrationCheck(
                before: CalibrationTable(predictions: scores.map(sigmoid), outcomes: outcomes),
                after: CalibrationTable(predictions: scores.map { sigmoid(platt.logOdds($0)) }, outcomes: outcomes))
        )
    }
}
