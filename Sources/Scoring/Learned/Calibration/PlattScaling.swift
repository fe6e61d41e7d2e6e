import Foundation

/// Platt scaling: a logistic curve that maps a model's raw log-odds to honest probabilities,
/// `p = σ(slope × raw + intercept)`, fitted on predictions for rows the model did not see.
///
/// Boosted trees rank well but their probabilities run too confident; a slope below 1 pulls them
/// in. The fit minimises the log loss with Platt's smoothed targets (`(P + 1) / (P + 2)` for
/// converted rows, `1 / (N + 2)` for the others) by Newton's method, so a small or one-sided set
/// cannot push the curve to infinity.
///
/// ```swift
/// let platt = PlattScaling.fit(scores: outOfFoldRawScores, outcomes: outcomes)
/// let probability = sigmoid(platt.logOdds(raw))
/// ```
public struct PlattScaling: Hashable, Sendable, Codable {
    /// The factor on the raw log-odds.
    public var slope: Double
    /// The shift after scaling.
    public var intercept: Double

    /// Makes a curve.
    public init(slope: Double, intercept: Double) {
        self.slope = slope
        self.intercept = intercept
    }

    /// The calibrated log-odds of a raw score.
    public func logOdds(_ raw: Double) -> Double { slope * raw + intercept }

    /// Fits the curve to raw scores and what happened.
    ///
    /// - Parameters:
    ///   - scores: raw log-odds, each from a model that did not see its row.
    ///   - outcomes: whether each row converted.
    /// - Returns: the curve; slope 1 and intercept 0 (no change) for no rows.
    public static func fit(scores: [Double], outcomes: [Bool]) -> PlattScaling {
        precondition(scores.count == outcomes.count, "one outcome per score")
        guard !scores.isEmpty else { return PlattScaling(slope: 1, intercept: 0) }
        let positives = Double(outcomes.filter { $0 }.count)
        let negatives = Double(outcomes.count) - positives
        let high = (positives + 1) / (positives + 2)
        let low = 1 / (negatives + 2)
        let targets = outcomes.map { $0 ? high : low }
        func loss(_ slope: Double, _ intercept: Double) -> Double {
            var total = 0.0
            for (score, target) in zip(scores, targets) {
                // log(1 + e^z) − t z, written to stay finite for large |z|.
                let z = slope * score + intercept
                total += (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - target * z
            }
            return total
        }
        // Lin, Lin and Weng's Newton method with backtracking, from the flat curve at the base rate.
        var slope = 0.0
        var intercept = log((positives + 1) / (negatives + 1))
        var current = loss(slope, intercept)
        for _ in 0..<100 {
            var gSlope = 0.0
            var gIntercept = 0.0
            var hSS = 1e-12
            var hSI = 0.0
            var hII = 1e-12
            for (score, target) in zip(scores, targets) {
                let p = sigmoid(slope * score + intercept)
                let residual = p - target
                let weight = p * (1 - p)
                gSlope += residual * score
                gIntercept += residual
                hSS += weight * score * score
                hSI += weight * score
                hII += weight
            }
            if abs(gSlope) < 1e-9 * Double(scores.count) && abs(gIntercept) < 1e-9 * Double(scores.count) { break }
            let determinant = hSS * hII - hSI * hSI
            guard determinant > 0 else { break }
            let stepSlope = (hII * gSlope - hSI * gIntercept) / determinant
            let stepIntercept = (hSS * gIntercept - hSI * gSlope) / determinant
            var size = 1.0
            var improved = false
            while size >= 1e-10 {
                let candidate = loss(slope - size * stepSlope, intercept - size * stepIntercept)
                if candidate < current + 1e-4 * size * -(gSlope * stepSlope + gIntercept * stepIntercept) {
                    slope -= size * stepSlope
                    intercept -= size * stepIntercept
                    current = candidate
                    improved = true
                    break
                }
                size /= 2
            }
            if !improved { break }
        }
        return PlattScaling(slope: slope, intercept: intercept)
    }
}
