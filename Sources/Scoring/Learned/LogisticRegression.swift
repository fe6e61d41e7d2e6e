import Dispatch
import Foundation

/// The fitted parameters of a logistic regression and how the fit went.
struct LogisticFit: Sendable {
    var coefficients: [Double]
    var intercept: Double
    var iterations: Int
    var converged: Bool
    /// The objective at the solution: the weighted mean log loss plus the penalty share.
    var objective: Double
    /// The largest absolute component of the objective's gradient at the solution.
    var gradientNorm: Double
}

/// L2-regularised logistic regression fitted by L-BFGS.
///
/// Minimises, over coefficients `w` and intercept `b`,
///
///     F(w, b) = [ Σᵢ sᵢ ℓ(yᵢ, xᵢ·w + b) + α ℓ̄(p₀, b) + ‖w‖² / (2C) ] / (Σᵢ sᵢ + α)
///
/// where `ℓ(y, z) = log(1 + eᶻ) − y z` is the log loss, `sᵢ` the class weight of row `i`, and
/// `α ℓ̄(p₀, b) = α (log(1 + eᵇ) − p₀ b)` the prior's pseudo-rows at the mean of every feature
/// (they pull the intercept towards `logit p₀`). With `α = 0` this is exactly scikit-learn's
/// objective for `LogisticRegression(C=C)` divided by the total weight. The objective is
/// strictly convex, so the minimum is unique and L-BFGS finds it.
///
/// Deterministic: the rows are split into a fixed number of blocks whatever the machine's cores,
/// each block's partial sums are added in block order, and the search has no randomness — so
/// the same data gives bit-identical parameters on any run.
enum LogisticRegression {
    /// Rows per block of the parallel loss and gradient evaluation.
    static let blockRows = 4_096
    /// How many past steps L-BFGS remembers.
    static let memory = 10

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - matrix: the encoded rows and targets; parameters are in its internal order, and the
    ///     returned coefficients in the encoding's order.
    ///   - weights: one weight per row.
    ///   - inverseRegularisation: `C`.
    ///   - priorWeight: `α`, the pseudo-rows' weight.
    ///   - priorRate: `p₀`, strictly between 0 and 1.
    ///   - tolerance: stop when the largest gradient component is below this.
    ///   - maximumIterations: stop after this many iterations.
    static func fit(
        _ matrix: EncodedMatrix, weights: [Double], inverseRegularisation: Double, priorWeight: Double,
        priorRate: Double, tolerance: Double, maximumIterations: Int
    ) -> LogisticFit {
        let width = matrix.width
        let parameterCount = width + 1
        let totalWeight = weights.reduce(0, +) + priorWeight
        let scale = totalWeight > 0 ? 1 / totalWeight : 1
        let penalty = 1 / inverseRegularisation
        let blocks = max(1, (matrix.rowCount + blockRows - 1) / blockRows)
        var partialGradients = [Double](repeating: 0, count: blocks * parameterCount)
        var partialLosses = [Double](repeating: 0, count: blocks)

        /// The objective at `theta`, its gradient written to `gradient`.
        func evaluate(_ theta: [Double], _ gradient: inout [Double]) -> Double {
            let rowCount = matrix.rowCount
            let denseWidth = matrix.denseWidth
            let slotCount = matrix.slotCount
            theta.withUnsafeBufferPointer { thetaBuffer in
                matrix.dense.withUnsafeBufferPointer { denseBuffer in
                    matrix.slots.withUnsafeBufferPointer { slotsBuffer in
                        matrix.targets.withUnsafeBufferPointer { targetsBuffer in
                            weights.withUnsafeBufferPointer { weightsBuffer in
                                partialGradients.withUnsafeMutableBufferPointer { gradientsBuffer in
                                    partialLosses.withUnsafeMutableBufferPointer { lossesBuffer in
                                        let pointers = BlockPointers(
                                            theta: thetaBuffer.baseAddress!, dense: denseBuffer.baseAddress!,
                                            slots: slotsBuffer.baseAddress!, targets: targetsBuffer.baseAddress!,
                                            weights: weightsBuffer.baseAddress!,
                                            gradients: gradientsBuffer.baseAddress!,
                                            losses: lossesBuffer.baseAddress!)
                                        DispatchQueue.concurrentPerform(iterations: blocks) { block in
                                            let start = block * blockRows
                                            let end = min(rowCount, start + blockRows)
                                            let partial = pointers.gradients + block * parameterCount
                                            for index in 0..<parameterCount { partial[index] = 0 }
                                            var loss = 0.0
                                            for row in start..<end {
                                                let z = matrix.linearPredictor(
                                                    row: row, dense: pointers.dense, slots: pointers.slots,
                                                    theta: pointers.theta)
                                                let weight = pointers.weights[row]
                                                let target = pointers.targets[row]
                                                loss += weight * (softplus(z) - target * z)
                                                let residual = weight * (sigmoid(z) - target)
                                                let x = pointers.dense + row * denseWidth
                                                for column in 0..<denseWidth { partial[column] += residual * x[column] }
                                                let rowSlots = pointers.slots + row * slotCount
                                                for slot in 0..<slotCount {
                                                    let index = rowSlots[slot]
                                                    if index >= 0 { partial[Int(index)] += residual }
                                                }
                                                partial[width] += residual
                                            }
                                            pointers.losses[block] = loss
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            var loss = 0.0
            for index in 0..<parameterCount { gradient[index] = 0 }
            for block in 0..<blocks {
                loss += partialLosses[block]
                let offset = block * parameterCount
                for index in 0..<parameterCount { gradient[index] += partialGradients[offset + index] }
            }
            let intercept = theta[width]
            loss += priorWeight * (softplus(intercept) - priorRate * intercept)
            gradient[width] += priorWeight * (sigmoid(intercept) - priorRate)
            var squares = 0.0
            for column in 0..<width {
                squares += theta[column] * theta[column]
                gradient[column] += penalty * theta[column]
            }
            loss += 0.5 * penalty * squares
            for index in 0..<parameterCount { gradient[index] *= scale }
            return loss * scale
        }

        // Start at w = 0 and the intercept of the weighted, smoothed base rate.
        var weightedPositives = 0.0
        for row in 0..<matrix.rowCount { weightedPositives += weights[row] * matrix.targets[row] }
        let startRate = (weightedPositives + priorWeight * priorRate + 0.5) / (totalWeight + 1)
        var theta = [Double](repeating: 0, count: parameterCount)
        theta[width] = log(startRate / (1 - startRate))
        var gradient = [Double](repeating: 0, count: parameterCount)
        var value = evaluate(theta, &gradient)

        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var curvatures: [Double] = []
        var iterations = 0
        var converged = maximum(gradient) <= tolerance
        var trial = [Double](repeating: 0, count: parameterCount)
        var trialGradient = [Double](repeating: 0, count: parameterCount)
        while !converged, iterations < maximumIterations {
            iterations += 1
            var direction = twoLoop(gradient, steps: steps, changes: changes, curvatures: curvatures)
            var slope = inner(direction, gradient)
            if !(slope < 0) {
                steps.removeAll()
                changes.removeAll()
                curvatures.removeAll()
                direction = gradient.map { -$0 }
                slope = inner(direction, gradient)
            }
            var step = steps.isEmpty ? min(1, 1 / max(maximum(gradient), 1e-12)) : 1
            var accepted = false
            var trialValue = value
            for _ in 0..<60 {
                for index in 0..<parameterCount { trial[index] = theta[index] + step * direction[index] }
                trialValue = evaluate(trial, &trialGradient)
                if trialValue <= value + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else { break }
            var displacement = [Double](repeating: 0, count: parameterCount)
            var change = [Double](repeating: 0, count: parameterCount)
            for index in 0..<parameterCount {
                displacement[index] = trial[index] - theta[index]
                change[index] = trialGradient[index] - gradient[index]
            }
            let curvature = inner(displacement, change)
            if curvature > 1e-12 * inner(change, change) {
                if steps.count == memory {
                    steps.removeFirst()
                    changes.removeFirst()
                    curvatures.removeFirst()
                }
                steps.append(displacement)
                changes.append(change)
                curvatures.append(1 / curvature)
            }
            let previous = value
            swap(&theta, &trial)
            swap(&gradient, &trialGradient)
            value = trialValue
            if maximum(gradient) <= tolerance {
                converged = true
            } else if previous - value <= 1e-16 * max(1, abs(value)) {
                // No representable progress is left: the minimum is reached to machine precision.
                converged = true
            }
        }
        return LogisticFit(
            coefficients: matrix.externalOrder(Array(theta[0..<width])), intercept: theta[width],
            iterations: iterations,
            converged: converged, objective: value, gradientNorm: maximum(gradient))
    }

    /// The L-BFGS two-loop recursion: the quasi-Newton direction `−H·g`.
    private static func twoLoop(
        _ gradient: [Double], steps: [[Double]], changes: [[Double]], curvatures: [Double]
    ) -> [Double] {
        var q = gradient
        var alphas = [Double](repeating: 0, count: steps.count)
        for index in stride(from: steps.count - 1, through: 0, by: -1) {
            let alpha = curvatures[index] * inner(steps[index], q)
            alphas[index] = alpha
            for k in q.indices { q[k] -= alpha * changes[index][k] }
        }
        if let lastStep = steps.last, let lastChange = changes.last {
            let gamma = inner(lastStep, lastChange) / inner(lastChange, lastChange)
            for k in q.indices { q[k] *= gamma }
        }
        for index in steps.indices {
            let beta = curvatures[index] * inner(changes[index], q)
            for k in q.indices { q[k] += steps[index][k] * (alphas[index] - beta) }
        }
        return q.map { -$0 }
    }

    private static func inner(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in a.indices { sum += a[index] * b[index] }
        return sum
    }

    private static func maximum(_ values: [Double]) -> Double {
        values.reduce(0) { max($0, abs($1)) }
    }
}

/// The buffers one evaluation of the loss reads and writes, handed to the parallel blocks.
///
/// `@unchecked Sendable` is safe here: the pointers are valid for the whole
/// `concurrentPerform` call that uses them (they come from enclosing `withUnsafe…` scopes),
/// every block only reads `theta`, `dense`, `slots`, `targets` and `weights`, and each block writes only
/// its own slice of `gradients` and its own slot of `losses`.
private struct BlockPointers: @unchecked Sendable {
    let theta: UnsafePointer<Double>
    let dense: UnsafePointer<Double>
    let slots: UnsafePointer<Int32>
    let targets: UnsafePointer<Double>
    let weights: UnsafePointer<Double>
    let gradients: UnsafeMutablePointer<Double>
    let losses: UnsafeMutablePointer<Double>
}

/// `x · w` over `count` values, with four accumulators added in a fixed order.
@inline(__always)
func dot(_ x: UnsafePointer<Double>, _ w: UnsafePointer<Double>, _ count: Int) -> Double {
    var s0 = 0.0
    var s1 = 0.0
    var s2 = 0.0
    var s3 = 0.0
    var index = 0
    while index + 4 <= count {
        s0 += x[index] * w[index]
        s1 += x[index + 1] * w[index + 1]
        s2 += x[index + 2] * w[index + 2]
        s3 += x[index + 3] * w[index + 3]
        index += 4
    }
    while index < count {
        s0 += x[index] * w[index]
        index += 1
    }
    return (s0 + s1) + (s2 + s3)
}

/// The logistic function, without overflow for large |z|.
@inline(__always)
func sigmoid(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
}

/// `log(1 + eᶻ)`, without overflow for large z.
@inline(__always)
func softplus(_ z: Double) -> Double {
    max(z, 0) + log1p(exp(-abs(z)))
}
