import Dispatch

/// How raw feature values become the small integer bins a ``BoostedModel`` splits on: learned
/// from the training rows and stored in the model, so prediction bins exactly as training did.
///
/// - A **numeric** column gets at most ``BoostedOptions/maxBins`` bins. With no more distinct
///   values than that, the thresholds are the midpoints between consecutive distinct values;
///   otherwise they are the training values' quantiles at `k / maxBins` (the midpoint of the
///   two nearest order statistics, as scikit-learn does), duplicates removed. A value `x` goes
///   to bin `b`, the first with `x ≤ thresholds[b]` (the last bin holds everything above the
///   last threshold). Missing and non-finite values go to the bin after the value bins.
/// - A **categorical** column gives each category seen at least
///   ``BoostedOptions/rareCategoryCount`` times its own bin, most frequent first (at most
///   ``BoostedOptions/maxBins`` − 1 of them). Rarer categories, the ones beyond the cap and
///   categories **never seen in training share one `other` bin**; missing values get the bin
///   after it. Categories are compared trimmed and lowercased, as ``FeatureEncoding`` does.
///
/// ```swift
/// let binner = model.binner
/// let bins = binner.bins(ofRow: [.number(3.5), .category("fintech")])
/// ```
public struct FeatureBinner: Hashable, Sendable, Codable {
    /// The bins of one raw column.
    public struct Column: Hashable, Sendable, Codable {
        /// The raw column's name.
        public var name: String
        /// Whether the column's values are numbers or categories.
        public var kind: FeatureKind
        /// Numeric columns: the ascending upper bounds of every value bin but the last.
        public var thresholds: [Double]?
        /// Categorical columns: the categories with a bin of their own, by bin.
        public var categories: [String]?

        /// Makes a column from its parts (as decoded from a model file).
        public init(name: String, kind: FeatureKind, thresholds: [Double]? = nil, categories: [String]? = nil) {
            self.name = name
            self.kind = kind
            self.thresholds = thresholds
            self.categories = categories
        }

        /// The number of bins for values: numeric bins, or categories plus the `other` bin.
        public var valueBins: Int {
            switch kind {
            case .numeric: return (thresholds?.count ?? 0) + 1
            case .categorical: return (categories?.count ?? 0) + 1
            }
        }

        /// The bin of missing values: the one after the value bins.
        public var missingBin: Int { valueBins }

        /// Categorical columns: the `other` bin of rare and unseen categories.
        public var otherBin: Int { valueBins - 1 }
    }

    /// The raw columns, in the order of the training set.
    public var columns: [Column]

    /// Makes a binner from its columns (as decoded from a model file).
    public init(columns: [Column]) {
        self.columns = columns
    }

    /// The bin of each raw value, in column order.
    ///
    /// - Parameter values: one raw value per column.
    /// - Returns: one bin per column.
    public func bins(ofRow values: [FeatureValue]) -> [UInt8] {
        columns.indices.map { bin(values[$0], column: $0) }
    }

    /// The bin of one raw value of column `position`.
    func bin(_ value: FeatureValue, column position: Int) -> UInt8 {
        let column = columns[position]
        switch column.kind {
        case .numeric:
            guard case .number(let number) = value, number.isFinite else { return UInt8(column.missingBin) }
            return UInt8(Self.numericBin(number, thresholds: column.thresholds ?? []))
        case .categorical:
            let key: String
            switch value {
            case .category(let text): key = FeatureEncoding.key(text)
            case .number(let number): key = FeatureEncoding.key(FeatureValue.number(number).text)
            case .missing: return UInt8(column.missingBin)
            }
            if key.isEmpty { return UInt8(column.missingBin) }
            return UInt8(column.categories?.firstIndex(of: key) ?? column.otherBin)
        }
    }

    /// The first bin whose threshold is at least `value` (binary search).
    static func numericBin(_ value: Double, thresholds: [Double]) -> Int {
        var low = 0
        var high = thresholds.count
        while low < high {
            let middle = (low + high) / 2
            if value <= thresholds[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Learns the bins from the training rows `rows` of columnar data.
    ///
    /// Columns are learned in parallel, each on its own; the result does not depend on it.
    static func fit(_ data: ColumnarSet, rows: [Int], options: BoostedOptions) -> FeatureBinner {
        var columns = [Column?](repeating: nil, count: data.names.count)
        columns.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own slot; `concurrentPerform` returns when all are done.
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: data.names.count) { position in
                output[position] = column(data, position, rows: rows, options: options)
            }
        }
        return FeatureBinner(columns: columns.map { $0! })
    }

    /// Learns the bins of column `position` from the training rows `rows`.
    static func column(_ data: ColumnarSet, _ position: Int, rows: [Int], options: BoostedOptions) -> Column {
        let name = data.names[position]
        switch data.kinds[position] {
        case .numeric:
            let values = data.numbers[position]
            var present: [Double] = []
            present.reserveCapacity(rows.count)
            for row in rows where !values[row].isNaN { present.append(values[row]) }
            present.sort()
            return Column(name: name, kind: .numeric, thresholds: thresholds(sorted: present, maxBins: options.maxBins))
        case .categorical:
            let keys = data.keys[position]
            let codes = data.codes[position]
            var counts = [Int](repeating: 0, count: keys.count)
            for row in rows where codes[row] >= 0 { counts[Int(codes[row])] += 1 }
            let kept = keys.indices.filter { counts[$0] >= options.rareCategoryCount }
                .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : keys[$0] < keys[$1] }
                .prefix(options.maxBins - 1)
            return Column(name: name, kind: .categorical, categories: kept.map { keys[$0] })
        }
    }

    /// The thresholds of sorted, finite values.
    static func thresholds(sorted values: [Double], maxBins: Int) -> [Double] {
        var distinct: [Double] = []
        for value in values where distinct.last != value { distinct.append(value) }
        var thresholds: [Double] = []
        if distinct.count <= maxBins {
            for index in 0..<max(0, distinct.count - 1) {
                thresholds.append(distinct[index] + (distinct[index + 1] - distinct[index]) / 2)
            }
            return thresholds
        }
        let last = Double(values.count - 1)
        for step in 1..<maxBins {
            let position = Double(step) / Double(maxBins) * last
            let lower = values[Int(position.rounded(.down))]
            let upper = values[Int(position.rounded(.up))]
            let threshold = lower + (upper - lower) / 2
            if thresholds.last != threshold { thresholds.append(threshold) }
        }
        return thresholds
    }
}

/// Rows binned by a ``FeatureBinner``, column-major: the bin of row `r` in column `c` is
/// `bins[c * rows + r]`.
struct BinnedMatrix: Sendable {
    var bins: [UInt8]
    var rows: Int
    var columns: Int

    /// Bins the rows `indices` of columnar data.
    init(_ data: ColumnarSet, rows indices: [Int], binner: FeatureBinner) {
        let rows = indices.count
        let columns = binner.columns.count
        var bins = [UInt8](repeating: 0, count: rows * columns)
        bins.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own column; `concurrentPerform` returns when all are done.
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: rows == 0 ? 0 : columns) { position in
                let column = binner.columns[position]
                let base = position * indices.count
                switch column.kind {
                case .numeric:
                    let thresholds = column.thresholds ?? []
                    let missing = UInt8(column.missingBin)
                    let values = data.numbers[position]
                    for (offset, row) in indices.enumerated() {
                        let value = values[row]
                        output[base + offset] =
                            value.isNaN ? missing : UInt8(FeatureBinner.numericBin(value, thresholds: thresholds))
                    }
                case .categorical:
                    let keys = data.keys[position]
                    let table = Dictionary(
                        uniqueKeysWithValues: (column.categories ?? []).enumerated().map { ($1, $0) })
                    let byCode = keys.map { UInt8(table[$0] ?? column.otherBin) }
                    let missing = UInt8(column.missingBin)
                    let codes = data.codes[position]
                    for (offset, row) in indices.enumerated() {
                        let code = codes[row]
                        output[base + offset] = code < 0 ? missing : byCode[Int(code)]
                    }
                }
            }
        }
        self.bins = bins
        self.rows = rows
        self.columns = columns
    }
}
