/// Predicted against actual conversion, by decile of predicted probability.
///
/// Rows are sorted by predicted probability (ascending; ties keep their order) and cut into
/// `bins` groups of equal size (the first groups get one more row when the count does not
/// divide). For a calibrated model each bin's mean prediction is close to its actual rate.
public struct CalibrationTable: Hashable, Sendable, Codable {
    /// One group of rows.
    public struct Bin: Hashable, Sendable, Codable {
        /// 1 for the lowest predictions.
        public var index: Int
        public var rows: Int
        public var converted: Int
        public var minimumPrediction: Double
        public var maximumPrediction: Double
        /// The mean predicted probability.
        public var meanPrediction: Double
        /// `converted / rows`.
        public var actualRate: Double
    }

    public var bins: [Bin]

    /// The row-weighted mean of |mean prediction − actual rate| (expected calibration error).
    public var expectedCalibrationError: Double {
        let total = bins.reduce(0) { $0 + $1.rows }
        guard total > 0 else { return 0 }
        return bins.reduce(0) { $0 + Double($1.rows) * abs($1.meanPrediction - $1.actualRate) } / Double(total)
    }

    /// Makes the table.
    ///
    /// - Parameters:
    ///   - predictions: predicted probabilities.
    ///   - outcomes: the outcomes, one per prediction.
    ///   - bins: the number of groups (10 for deciles); fewer when there are fewer rows.
    public init(predictions: [Double], outcomes: [Bool], bins: Int = 10) {
        let order = predictions.indices.sorted { predictions[$0] < predictions[$1] }
        self.bins = Self.groups(order.count, bins).enumerated().map { number, range in
            let members = order[range]
            let converted = members.reduce(0) { $0 + (outcomes[$1] ? 1 : 0) }
            let sum = members.reduce(0.0) { $0 + predictions[$1] }
            return Bin(
                index: number + 1, rows: members.count, converted: converted,
                minimumPrediction: predictions[members.first!], maximumPrediction: predictions[members.last!],
                meanPrediction: sum / Double(members.count), actualRate: Double(converted) / Double(members.count))
        }
    }

    /// `count` positions cut into at most `bins` non-empty consecutive ranges of near-equal size.
    static func groups(_ count: Int, _ bins: Int) -> [Range<Int>] {
        let bins = max(1, min(bins, count))
        guard count > 0 else { return [] }
        var ranges: [Range<Int>] = []
        var start = 0
        for bin in 0..<bins {
            let size = count / bins + (bin < count % bins ? 1 : 0)
            ranges.append(start..<(start + size))
            start += size
        }
        return ranges
    }
}
