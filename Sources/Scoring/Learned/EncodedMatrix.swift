/// Encoded training rows, stored the way the trainer reads them fastest.
///
/// Parameters are held in an internal order: first one per numeric column (the standardised
/// values, a dense row-major block), then every indicator (missing indicators and one-hot
/// columns). Each row has at most one active indicator per raw column, so indicators are stored
/// as the internal index of the active one (or -1): a row costs one multiply-add per numeric
/// column and one add per categorical column, whatever the number of categories.
/// ``externalIndex`` maps the internal order back to ``FeatureEncoding/featureNames``.
struct EncodedMatrix: Sendable {
    let rowCount: Int
    /// The number of encoded features.
    let width: Int
    /// Numeric columns: the dense block's width.
    let denseWidth: Int
    /// Indicator slots per row: one per categorical column and per numeric column with a
    /// missing indicator.
    let slotCount: Int
    /// `rowCount × denseWidth` standardised values, row after row.
    var dense: [Double]
    /// `rowCount × slotCount` internal parameter indices, -1 for none.
    var slots: [Int32]
    /// 1 for converted rows, 0 for the others.
    var targets: [Double]
    /// For each internal parameter index, its index in the encoding's feature order.
    let externalIndex: [Int]

    /// Encodes the rows at `indices` of `set`.
    init(_ set: TrainingSet, rows indices: [Int], encoding: FeatureEncoding) {
        self.init(ColumnarSet(set), rows: indices, encoding: encoding)
    }

    /// Encodes the rows at `indices` of columnar data.
    init(_ data: ColumnarSet, rows indices: [Int], encoding: FeatureEncoding) {
        rowCount = indices.count
        width = encoding.width
        // Internal layout: numeric values first, then indicators in encoding order.
        var externalIndex: [Int] = []
        var numericInternal: [Int] = []
        var offset = 0
        for column in encoding.columns {
            if column.kind == .numeric {
                numericInternal.append(externalIndex.count)
                externalIndex.append(offset)
            }
            offset += column.width
        }
        denseWidth = externalIndex.count
        var internalOf = [Int](repeating: -1, count: width)
        for (position, external) in externalIndex.enumerated() { internalOf[external] = position }
        for external in 0..<width where internalOf[external] < 0 {
            internalOf[external] = externalIndex.count
            externalIndex.append(external)
        }
        self.externalIndex = externalIndex

        // For each raw column: its first external index, and its slot if it has one.
        var slotCount = 0
        var denseValues = [Double](repeating: 0, count: rowCount * denseWidth)
        offset = 0
        var denseColumn = 0
        var numericPlans: [(column: Int, dense: Int, missingInternal: Int32?, slot: Int?)] = []
        var categoricalPlans: [(column: Int, slot: Int, codeToInternal: [Int32], missingInternal: Int32)] = []
        for (position, column) in encoding.columns.enumerated() {
            switch column.kind {
            case .numeric:
                var missing: Int32?
                var slot: Int?
                if column.hasMissing {
                    missing = Int32(internalOf[offset + 1])
                    slot = slotCount
                    slotCount += 1
                }
                numericPlans.append((position, denseColumn, missing, slot))
                denseColumn += 1
            case .categorical:
                let levels = column.levels ?? []
                let table = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
                let other: Int32 = column.hasOther ? Int32(internalOf[offset + levels.count]) : -1
                let codeToInternal = data.keys[position].map { key -> Int32 in
                    table[key].map { Int32(internalOf[offset + $0]) } ?? other
                }
                let missing: Int32 =
                    column.hasMissing ? Int32(internalOf[offset + levels.count + (column.hasOther ? 1 : 0)]) : -1
                categoricalPlans.append((position, slotCount, codeToInternal, missing))
                slotCount += 1
            }
            offset += column.width
        }
        self.slotCount = slotCount
        var slots = [Int32](repeating: -1, count: rowCount * slotCount)
        let denseWidth = denseWidth
        for plan in numericPlans {
            let column = encoding.columns[plan.column]
            let mean = column.mean ?? 0
            let scale = column.scale ?? 1
            let values = data.numbers[plan.column]
            for (row, index) in indices.enumerated() {
                let value = values[index]
                if value.isNaN {
                    if let slot = plan.slot, let missing = plan.missingInternal {
                        slots[row * slotCount + slot] = missing
                    }
                } else {
                    denseValues[row * denseWidth + plan.dense] = (value - mean) / scale
                }
            }
        }
        for plan in categoricalPlans {
            let codes = data.codes[plan.column]
            for (row, index) in indices.enumerated() {
                let code = codes[index]
                slots[row * slotCount + plan.slot] = code < 0 ? plan.missingInternal : plan.codeToInternal[Int(code)]
            }
        }
        dense = denseValues
        self.slots = slots
        targets = indices.map { data.outcomes[$0] ? 1 : 0 }
    }

    /// Coefficients in the encoding's order, rearranged into the internal order.
    func internalOrder(_ coefficients: [Double]) -> [Double] {
        externalIndex.map { coefficients[$0] }
    }

    /// Internal-order coefficients put back in the encoding's order.
    func externalOrder(_ values: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: width)
        for (index, external) in externalIndex.enumerated() { result[external] = values[index] }
        return result
    }

    /// One row's encoded features in the encoding's order (for tests and explanations).
    func row(_ row: Int) -> [Double] {
        var internalValues = [Double](repeating: 0, count: width)
        for column in 0..<denseWidth { internalValues[column] = dense[row * denseWidth + column] }
        for slot in 0..<slotCount where slots[row * slotCount + slot] >= 0 {
            internalValues[Int(slots[row * slotCount + slot])] = 1
        }
        return externalOrder(internalValues)
    }

    /// The log-odds of every row for internal-order parameters (`width` coefficients, then the
    /// intercept).
    func logOdds(_ theta: [Double]) -> [Double] {
        dense.withUnsafeBufferPointer { dense in
            slots.withUnsafeBufferPointer { slots in
                theta.withUnsafeBufferPointer { theta in
                    (0..<rowCount).map { row in
                        linearPredictor(
                            row: row, dense: dense.baseAddress!, slots: slots.baseAddress!, theta: theta.baseAddress!)
                    }
                }
            }
        }
    }

    /// `b + Σ dense·w + Σ active indicator weights` for one row.
    @inline(__always)
    func linearPredictor(
        row: Int, dense: UnsafePointer<Double>, slots: UnsafePointer<Int32>, theta: UnsafePointer<Double>
    ) -> Double {
        var z = theta[width] + dot(dense + row * denseWidth, theta, denseWidth)
        let rowSlots = slots + row * slotCount
        for slot in 0..<slotCount {
            let index = rowSlots[slot]
            if index >= 0 { z += theta[Int(index)] }
        }
        return z
    }
}
