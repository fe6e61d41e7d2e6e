import Foundation

/// Compares a model's predicted conversion with what actually happened in a cohort of leads the
/// model was not trained on, decile by decile.
///
/// A decile drifts when its actual rate differs from its mean prediction by more than both the
/// tolerance and three standard errors of a binomial rate at the predicted probability,
/// `3 √(p̄ (1 − p̄) / rows)`: small deciles do not drift by noise alone.
public struct DriftReport: Hashable, Sendable, Codable {
    /// One decile of the cohort, by predicted probability (1 is lowest).
    public struct Decile: Hashable, Sendable, Codable {
        public var index: Int
        public var rows: Int
        public var meanPrediction: Double
        public var actualRate: Double
        /// `actualRate − meanPrediction`.
        public var gap: Double
        /// The largest gap that is not drift: `max(tolerance, 3 √(p̄ (1 − p̄) / rows))`.
        public var allowedGap: Double
        public var drifted: Bool
    }

    /// The rows of the cohort checked.
    public var cohortRows: Int
    /// The rows the model was trained on.
    public var trainedRows: Int
    public var tolerance: Double
    public var deciles: [Decile]
    /// Whether any decile drifted.
    public var drifted: Bool { deciles.contains(where: \.drifted) }
    /// The cohort's mean prediction and actual rate overall.
    public var meanPrediction: Double
    public var actualRate: Double

    /// Checks a model against a cohort.
    ///
    /// - Parameters:
    ///   - model: the model.
    ///   - cohort: recent rows with known outcomes (columns matched by name).
    ///   - tolerance: gaps up to this are never drift (0.05 = five percentage points).
    ///   - bins: the number of groups (10 for deciles).
    public init(model: LearnedModel, cohort: TrainingSet, tolerance: Double = 0.05, bins: Int = 10) {
        self.init(
            predictions: model.probabilities(for: cohort), outcomes: cohort.outcomes, trainedRows: model.training.rows,
            tolerance: tolerance, bins: bins)
    }

    /// Checks predictions made for a cohort by a model trained on `trainedRows` rows.
    init(predictions: [Double], outcomes: [Bool], trainedRows: Int, tolerance: Double, bins: Int) {
        let calibration = CalibrationTable(predictions: predictions, outcomes: outcomes, bins: bins)
        cohortRows = outcomes.count
        self.trainedRows = trainedRows
        self.tolerance = tolerance
        deciles = calibration.bins.map { bin in
            let p = bin.meanPrediction
            let allowed = max(tolerance, 3 * (p * (1 - p) / Double(bin.rows)).squareRoot())
            let gap = bin.actualRate - p
            return Decile(
                index: bin.index, rows: bin.rows, meanPrediction: p, actualRate: bin.actualRate, gap: gap,
                allowedGap: allowed, drifted: abs(gap) > allowed)
        }
        meanPrediction = predictions.isEmpty ? 0 : predictions.reduce(0, +) / Double(predictions.count)
        actualRate =
            outcomes.isEmpty ? 0 : Double(outcomes.reduce(0) { $0 + ($1 ? 1 : 0) }) / Double(outcomes.count)
    }

    /// Splits `set` by time — the most recent `recentFraction` of rows by ``TrainingRow/observedAt``
    /// (rows without a time count as oldest; ties keep row order) form the cohort — trains on the
    /// older rows and checks the cohort.
    ///
    /// - Parameters:
    ///   - set: rows with outcomes.
    ///   - recentFraction: the share of rows in the recent cohort, in (0, 1).
    ///   - tolerance: see ``init(model:cohort:tolerance:bins:)``.
    ///   - options: training options.
    /// - Throws: ``LearnedModelError`` `notEnoughData` when either part would be empty.
    public static func recentCohort(
        of set: TrainingSet, recentFraction: Double = 0.2, tolerance: Double = 0.05, options: TrainingOptions = .init()
    ) throws(LearnedModelError) -> DriftReport {
        try recentCohort(of: set, recentFraction: recentFraction) { older, cohort throws(LearnedModelError) in
            let model = try LearnedModel.train(
                set, rows: older, name: "drift", version: 1, createdAt: Date(timeIntervalSince1970: 0), options: options
            )
            return DriftReport(model: model, cohort: cohort, tolerance: tolerance)
        }
    }

    /// ``recentCohort(of:recentFraction:tolerance:options:)`` for a ``BoostedModel``: the same
    /// split, the older rows training a boosted model.
    ///
    /// - Throws: ``LearnedModelError`` `notEnoughData` when either part would be empty,
    ///   `invalidOption` for invalid options.
    public static func recentCohort(
        of set: TrainingSet, recentFraction: Double = 0.2, tolerance: Double = 0.05, boosted: BoostedOptions
    ) throws(LearnedModelError) -> DriftReport {
        try recentCohort(of: set, recentFraction: recentFraction) { older, cohort throws(LearnedModelError) in
            let model = try BoostedModel.train(
                set.subset(older), name: "drift", version: 1, createdAt: Date(timeIntervalSince1970: 0),
                options: boosted)
            return DriftReport(
                predictions: cohort.rows.map { model.probability(ofRow: $0.values) }, outcomes: cohort.outcomes,
                trainedRows: model.training.rows, tolerance: tolerance, bins: 10)
        }
    }

    /// Splits `set` by time and checks what `check` makes of the older rows (by index) against
    /// the recent cohort.
    private static func recentCohort(
        of set: TrainingSet, recentFraction: Double,
        check: ([Int], TrainingSet) throws(LearnedModelError) -> DriftReport
    ) throws(LearnedModelError) -> DriftReport {
        let order = set.rows.indices.sorted {
            let left = set.rows[$0].observedAt ?? .distantPast
            let right = set.rows[$1].observedAt ?? .distantPast
            return left != right ? left < right : $0 < $1
        }
        let recent = Int((Double(order.count) * recentFraction).rounded())
        guard recent > 0, recent < order.count else {
            throw LearnedModelError(
                .notEnoughData, "the drift check needs rows both before and in the recent cohort; \(order.count) rows")
        }
        return try check(Array(order[..<(order.count - recent)]), set.subset(order[(order.count - recent)...]))
    }
}
