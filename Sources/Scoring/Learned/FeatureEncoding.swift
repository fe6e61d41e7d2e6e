import Foundation

/// How raw feature values become the numbers a ``LearnedModel`` multiplies: learned from the
/// training rows and stored in the model, so scoring encodes exactly as training did.
///
/// - A **numeric** column is standardised: `(x − mean) / standardDeviation`, both taken over the
///   training rows that have a value (population standard deviation, as scikit-learn's
///   `StandardScaler`; a constant column keeps scale 1). A missing value is put at the mean
///   (encoded 0) and, when the training rows had missing values, an indicator column
///   `name=missing` is 1.
/// - A **categorical** column is one-hot: one column `name=value` per value seen at least
///   ``TrainingOptions/rareCategoryCount`` times (at most ``TrainingOptions/maximumCategories``,
///   the most frequent first). Rarer values, and values never seen in training, go to
///   `name=other`; missing values to `name=missing`. Values are compared trimmed and lowercased.
///
/// One-hot columns are not standardised: their coefficient is the change in log-odds of having
/// that value.
public struct FeatureEncoding: Hashable, Sendable, Codable {
    /// The encoding of one raw column.
    public struct Column: Hashable, Sendable, Codable {
        /// The raw column's name.
        public var name: String
        public var kind: FeatureKind
        /// Numeric columns: the training mean.
        public var mean: Double?
        /// Numeric columns: the training standard deviation (1 when it was 0).
        public var scale: Double?
        /// Categorical columns: the values with their own column, most frequent first.
        public var levels: [String]?
        /// Categorical columns: whether rare or unseen values have an `other` column.
        public var hasOther: Bool
        /// Whether missing values have an indicator column.
        public var hasMissing: Bool

        /// The number of encoded columns this raw column makes.
        public var width: Int {
            switch kind {
            case .numeric: return 1 + (hasMissing ? 1 : 0)
            case .categorical: return (levels?.count ?? 0) + (hasOther ? 1 : 0) + (hasMissing ? 1 : 0)
            }
        }

        /// The encoded columns' names, in order.
        public var featureNames: [String] {
            switch kind {
            case .numeric:
                return [name] + (hasMissing ? ["\(name)=missing"] : [])
            case .categorical:
                return (levels ?? []).map { "\(name)=\($0)" } + (hasOther ? ["\(name)=other"] : [])
                    + (hasMissing ? ["\(name)=missing"] : [])
            }
        }
    }

    /// The raw columns, in the order of the training set.
    public var columns: [Column]

    /// Makes an encoding from its columns (as decoded from a model file).
    public init(columns: [Column]) {
        self.columns = columns
    }

    /// The number of encoded features.
    public var width: Int { columns.reduce(0) { $0 + $1.width } }

    /// Every encoded feature's name, in order.
    public var featureNames: [String] { columns.flatMap(\.featureNames) }

    /// The key a category is compared by: trimmed and lowercased.
    static func key(_ text: String) -> String {
        // Most categories have nothing to trim, and checking both ends is far cheaper than
        // Foundation's trimming (which explaining a batch of leads paid for every category).
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        let whitespace = CharacterSet.whitespacesAndNewlines
        guard whitespace.contains(first) || whitespace.contains(last) else { return text.lowercased() }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Learns the encoding from training rows.
    ///
    /// - Parameters:
    ///   - set: the training set.
    ///   - rows: the indices of the rows to learn from (a cross-validation fold's training part);
    ///     all rows when `nil`.
    ///   - options: the rare-value threshold and category cap.
    /// - Returns: the encoding.
    public static func fit(_ set: TrainingSet, rows: [Int]? = nil, options: TrainingOptions = .init())
        -> FeatureEncoding
    {
        fit(ColumnarSet(set), rows: rows ?? Array(set.rows.indices), options: options)
    }

    /// Learns the encoding from columnar data.
    static func fit(_ data: ColumnarSet, rows indices: [Int], options: TrainingOptions) -> FeatureEncoding {
        var columns: [Column] = []
        columns.reserveCapacity(data.numbers.count)
        for position in data.numbers.indices {
            if data.kinds[position] == .numeric {
                let values = data.numbers[position]
                var count = 0.0
                var mean = 0.0
                var squares = 0.0
                var missing = false
                for index in indices {
                    let value = values[index]
                    if value.isNaN {
                        missing = true
                        continue
                    }
                    // Welford's update: stable for large means.
                    count += 1
                    let delta = value - mean
                    mean += delta / count
                    squares += delta * (value - mean)
                }
                let deviation = count > 0 ? (squares / count).squareRoot() : 0
                columns.append(
                    Column(
                        name: data.names[position], kind: .numeric, mean: mean,
                        scale: deviation > 1e-12 ? deviation : 1,
                        levels: nil, hasOther: false, hasMissing: missing))
            } else {
                let keys = data.keys[position]
                let codes = data.codes[position]
                var counts = [Int](repeating: 0, count: keys.count)
                var missing = false
                for index in indices {
                    let code = codes[index]
                    if code < 0 { missing = true } else { counts[Int(code)] += 1 }
                }
                let ranked = keys.indices.filter { counts[$0] > 0 }
                    .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : keys[$0] < keys[$1] }
                let frequent = ranked.filter { counts[$0] >= options.rareCategoryCount }
                let levels = frequent.prefix(options.maximumCategories).map { keys[$0] }
                columns.append(
                    Column(
                        name: data.names[position], kind: .categorical, mean: nil, scale: nil, levels: Array(levels),
                        hasOther: levels.count < ranked.count, hasMissing: missing))
            }
        }
        return FeatureEncoding(columns: columns)
    }

    /// Encodes one row's raw values (in column order) into `output`, starting at `offset`.
    ///
    /// `output[offset..<offset + width]` is overwritten.
    public func encode(_ values: [FeatureValue], into output: inout [Double], at offset: Int = 0) {
        output.withUnsafeMutableBufferPointer { buffer in
            encode({ values[$0] }, into: buffer.baseAddress! + offset)
        }
    }

    /// Encodes raw values looked up by column name; a column not in `values` is missing.
    ///
    /// - Returns: the encoded features, ``width`` of them.
    public func encode(named values: [String: FeatureValue]) -> [Double] {
        var output = [Double](repeating: 0, count: width)
        output.withUnsafeMutableBufferPointer { buffer in
            encode({ values[columns[$0].name] ?? .missing }, into: buffer.baseAddress!)
        }
        return output
    }

    /// Precomputed level lookup, for encoding many rows.
    func makeLevelTables() -> [[String: Int]] {
        columns.map { column in
            Dictionary(uniqueKeysWithValues: (column.levels ?? []).enumerated().map { ($1, $0) })
        }
    }

    func encode(
        _ value: (Int) -> FeatureValue, into output: UnsafeMutablePointer<Double>, tables: [[String: Int]]? = nil
    ) {
        let tables = tables ?? makeLevelTables()
        var cursor = 0
        for (position, column) in columns.enumerated() {
            let width = column.width
            for slot in 0..<width { output[cursor + slot] = 0 }
            let raw = value(position)
            switch column.kind {
            case .numeric:
                if case .number(let number) = raw, number.isFinite {
                    output[cursor] = (number - (column.mean ?? 0)) / (column.scale ?? 1)
                } else if column.hasMissing {
                    output[cursor + 1] = 1
                }
            case .categorical:
                let levelCount = column.levels?.count ?? 0
                let key: String?
                switch raw {
                case .category(let text):
                    let trimmed = Self.key(text)
                    key = trimmed.isEmpty ? nil : trimmed
                case .number(let number): key = FeatureValue.number(number).text
                case .missing: key = nil
                }
                if let key {
                    if let level = tables[position][key] {
                        output[cursor + level] = 1
                    } else if column.hasOther {
                        output[cursor + levelCount] = 1
                    }
                } else if column.hasMissing {
                    output[cursor + levelCount + (column.hasOther ? 1 : 0)] = 1
                }
            }
            cursor += width
        }
    }
}
