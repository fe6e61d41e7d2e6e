extension LearnedModel {
    /// The probability of each row of `set`, matching columns by name: a model column the set
    /// lacks is missing in every row; set columns the model does not know are ignored.
    public func probabilities(for set: TrainingSet) -> [Double] {
        let positions = encoding.columns.map { column in set.columns.firstIndex { $0.name == column.name } }
        let tables = encoding.makeLevelTables()
        var encoded = [Double](repeating: 0, count: encoding.width)
        return set.rows.map { row in
            encoded.withUnsafeMutableBufferPointer { buffer in
                encoding.encode(
                    { positions[$0].map { row.values[$0] } ?? .missing }, into: buffer.baseAddress!, tables: tables)
            }
            return sigmoid(logOdds(encoded))
        }
    }
}
