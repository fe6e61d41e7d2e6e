import Foundation

/// Gauss–Legendre quadrature on [0, 1]: `n` points and weights that integrate every polynomial
/// of degree up to `2n − 1` exactly (up to rounding).
///
/// The rules for 1 to ``maximumPoints`` points are computed once (Newton's method on the
/// Legendre polynomials) and stored side by side: the rule of `n` points starts at
/// ``offset(_:)`` in ``nodes`` and ``weights``. Every node lies strictly inside (0, 1) and every
/// weight is positive.
struct GaussLegendre: Sendable {
    /// The most points of a stored rule.
    static let maximumPoints = 64
    /// The rules of 1 to ``maximumPoints`` points, computed on first use.
    static let rules = GaussLegendre(maximumPoints: maximumPoints)

    /// The nodes of every rule, rule after rule.
    let nodes: [Double]
    /// The weights of every rule, rule after rule; each rule's weights sum to 1.
    let weights: [Double]
    /// `1 − node` for every node, so that callers need not subtract.
    let complements: [Double]

    /// Where the rule of `points` points starts in ``nodes`` and ``weights``.
    @inline(__always)
    static func offset(_ points: Int) -> Int { points * (points - 1) / 2 }

    init(maximumPoints: Int) {
        var nodes: [Double] = []
        var weights: [Double] = []
        for points in 1...maximumPoints {
            var rule: [(node: Double, weight: Double)] = []
            for index in 0..<points {
                // Newton's method from the usual first guess of the index-th root of P_points.
                var x = cos(Double.pi * (Double(index) + 0.75) / (Double(points) + 0.5))
                var derivative = 1.0
                for _ in 0..<100 {
                    var previous = 1.0
                    var current = x
                    if points >= 2 {
                        for order in 2...points {
                            let next =
                                (Double(2 * order - 1) * x * current - Double(order - 1) * previous) / Double(order)
                            previous = current
                            current = next
                        }
                    }
                    derivative = Double(points) * (x * current - previous) / (x * x - 1)
                    let step = current / derivative
                    x -= step
                    if abs(step) < 1e-16 { break }
                }
                // Map [−1, 1] to [0, 1]: node (1 + x) / 2, weight halved.
                rule.append(((1 + x) / 2, 1 / ((1 - x * x) * derivative * derivative)))
            }
            rule.sort { $0.node < $1.node }
            nodes += rule.map(\.node)
            weights += rule.map(\.weight)
        }
        self.nodes = nodes
        self.weights = weights
        self.complements = nodes.map { 1 - $0 }
    }
}
