/// Encoded training rows: a dense row-major matrix with the outcomes and row weights.
struct EncodedMatrix: Sendable {
    let rowCount: Int
    let width: Int
    /// `rowCount × width` values, row after row.
    var values: [Double]
    /// 1 for converted rows, 0 for the others.
    var targets: [Double]

    /// Encodes the rows at `indices` of `set`.
    init(_ set: TrainingSet, rows indices: [Int], encoding: FeatureEncoding) {
        rowCount = indices.count
        width = encoding.width
        var values = [Double](repeating: 0, count: rowCount * width)
        let tables = encoding.makeLevelTables()
        let width = width
        values.withUnsafeMutableBufferPointer { buffer in
            for (row, index) in indices.enumerated() {
                let raw = set.rows[index].values
                encoding.encode({ raw[$0] }, into: buffer.baseAddress! + row * width, tables: tables)
            }
        }
        self.values = values
        targets = indices.map { set.rows[$0].converted ? 1 : 0 }
    }
}
