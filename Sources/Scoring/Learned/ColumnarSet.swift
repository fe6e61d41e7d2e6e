/// A training set's values by column, categories replaced by integer codes: built once, so that
/// fitting encodings and encoding rows for many folds never touch strings again.
struct ColumnarSet: Sendable {
    /// Numeric columns: each row's value, NaN when missing (or not finite).
    var numbers: [[Double]]
    /// Categorical columns: each row's code into ``keys``, -1 when missing.
    var codes: [[Int32]]
    /// Categorical columns: the distinct normalised values (trimmed, lowercased), by code.
    var keys: [[String]]
    var outcomes: [Bool]
    var names: [String]
    var kinds: [FeatureKind]

    init(_ set: TrainingSet) {
        let count = set.rows.count
        names = set.columns.map(\.name)
        kinds = set.columns.map(\.kind)
        numbers = Array(repeating: [], count: set.columns.count)
        codes = Array(repeating: [], count: set.columns.count)
        keys = Array(repeating: [], count: set.columns.count)
        outcomes = set.rows.map(\.converted)
        for (position, column) in set.columns.enumerated() {
            switch column.kind {
            case .numeric:
                var values = [Double](repeating: .nan, count: count)
                for row in 0..<count {
                    if case .number(let value) = set.rows[row].values[position], value.isFinite { values[row] = value }
                }
                numbers[position] = values
            case .categorical:
                var rawCodes: [String: Int32] = [:]
                var keyCodes: [String: Int32] = [:]
                var columnKeys: [String] = []
                var values = [Int32](repeating: -1, count: count)
                for row in 0..<count {
                    let raw: String
                    switch set.rows[row].values[position] {
                    case .category(let text): raw = text
                    case .number(let number): raw = FeatureValue.number(number).text
                    case .missing: continue
                    }
                    if let code = rawCodes[raw] {
                        values[row] = code
                        continue
                    }
                    let key = FeatureEncoding.key(raw)
                    var code: Int32 = -1
                    if !key.isEmpty {
                        if let known = keyCodes[key] {
                            code = known
                        } else {
                            code = Int32(columnKeys.count)
                            keyCodes[key] = code
                            columnKeys.append(key)
                        }
                    }
                    rawCodes[raw] = code
                    values[row] = code
                }
                codes[position] = values
                keys[position] = columnKeys
            }
        }
    }
}
