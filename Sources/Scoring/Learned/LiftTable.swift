/// How much better than random the model ranks leads, by decile.
///
/// Rows are sorted by predicted probability, highest first (ties keep their order), and cut into
/// `bins` groups of equal size. Decile 1 is the top 10%. For each decile:
///
/// - `rate` = converted / rows in the decile;
/// - `lift` = rate / the overall conversion rate (1 means no better than random);
/// - `cumulativeCapture` = the share of all converted rows found in deciles 1 … this one.
public struct LiftTable: Hashable, Sendable, Codable {
    /// One decile.
    public struct Decile: Hashable, Sendable, Codable {
        /// 1 for the highest predictions.
        public var index: Int
        public var rows: Int
        public var converted: Int
        public var rate: Double
        public var lift: Double
        public var cumulativeCapture: Double
    }

    public var deciles: [Decile]
    /// The overall conversion rate.
    public var baseRate: Double

    /// Makes the table.
    ///
    /// - Parameters:
    ///   - predictions: predicted probabilities.
    ///   - outcomes: the outcomes, one per prediction.
    ///   - bins: the number of groups (10 for deciles).
    public init(predictions: [Double], outcomes: [Bool], bins: Int = 10) {
        let order = predictions.indices.sorted { predictions[$0] > predictions[$1] }
        let totalConverted = outcomes.reduce(0) { $0 + ($1 ? 1 : 0) }
        baseRate = outcomes.isEmpty ? 0 : Double(totalConverted) / Double(outcomes.count)
        var captured = 0
        var deciles: [Decile] = []
        for (number, range) in CalibrationTable.groups(order.count, bins).enumerated() {
            let converted = order[range].reduce(0) { $0 + (outcomes[$1] ? 1 : 0) }
            captured += converted
            let rate = Double(converted) / Double(range.count)
            deciles.append(
                Decile(
                    index: number + 1, rows: range.count, converted: converted, rate: rate,
                    lift: baseRate > 0 ? rate / baseRate : 0,
                    cumulativeCapture: totalConverted > 0 ? Double(captured) / Double(totalConverted) : 0))
        }
        self.deciles = deciles
    }
}
