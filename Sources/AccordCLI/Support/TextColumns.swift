/// Lays rows of cells out as columns as wide as their widest cell, so that no value is cut or
/// runs into the next column, whatever the names in a team's playbook.
enum TextColumns {
    /// The rows as lines: every column but the last padded to its widest cell plus `gap` spaces.
    ///
    /// - Parameters:
    ///   - rows: The cells of each row; rows may have different numbers of cells.
    ///   - indent: Text put before every line.
    ///   - gap: Spaces between columns.
    static func lines(_ rows: [[String]], indent: String = "  ", gap: Int = 2) -> [String] {
        var widths: [Int] = []
        for row in rows {
            for (index, cell) in row.enumerated().dropLast() {
                if index == widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.map { row in
            var line = indent
            for (index, cell) in row.enumerated() {
                line += cell
                if index < row.count - 1 {
                    line += String(repeating: " ", count: widths[index] - cell.count + gap)
                }
            }
            return line
        }
    }
}
