import Foundation

/// Ranking and probability metrics of predictions against outcomes.
public enum ClassificationMetrics {
    /// The area under the ROC curve: the probability that a random converted row is ranked above
    /// a random other row, ties counting one half.
    ///
    /// Computed from ranks (Mann–Whitney): sort the predictions, give tied predictions the
    /// average of their ranks (1-based), and
    ///
    ///     AUC = (Σ ranks of converted rows − P(P + 1)/2) / (P · N)
    ///
    /// with `P` converted and `N` other rows.
    ///
    /// - Returns: the AUC, or `nil` when either class is absent (it is undefined then).
    public static func areaUnderROC(predictions: [Double], outcomes: [Bool]) -> Double? {
        precondition(predictions.count == outcomes.count, "one prediction per outcome")
        let positives = outcomes.reduce(0) { $0 + ($1 ? 1 : 0) }
        let negatives = outcomes.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let order = predictions.indices.sorted { predictions[$0] < predictions[$1] }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, predictions[order[end]] == predictions[order[start]] { end += 1 }
            // Ranks start + 1 ... end share their average.
            let averageRank = Double(start + 1 + end) / 2
            for position in start..<end where outcomes[order[position]] { rankSum += averageRank }
            start = end
        }
        let p = Double(positives)
        return (rankSum - p * (p + 1) / 2) / (p * Double(negatives))
    }

    /// The mean log loss: `−(1/n) Σ [y log p + (1 − y) log(1 − p)]`, probabilities clipped to
    /// `[1e-15, 1 − 1e-15]` as scikit-learn does.
    ///
    /// - Returns: the loss; 0 for no rows.
    public static func logLoss(predictions: [Double], outcomes: [Bool]) -> Double {
        precondition(predictions.count == outcomes.count, "one prediction per outcome")
        guard !predictions.isEmpty else { return 0 }
        var sum = 0.0
        for (prediction, outcome) in zip(predictions, outcomes) {
            let p = min(max(prediction, 1e-15), 1 - 1e-15)
            sum -= outcome ? log(p) : log(1 - p)
        }
        return sum / Double(predictions.count)
    }
}
