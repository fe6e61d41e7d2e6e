/// One CSV record: its fields and the physical line where it starts.
public struct CSVRecord: Hashable, Sendable {
    /// The physical line (1-based) of the record's first character. A quoted field with line
    /// breaks makes the next record start several lines later.
    public var line: Int
    /// The fields, unquoted and unescaped, not trimmed.
    public var fields: [String]

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - line: The line where the record starts.
    ///   - fields: The field values.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
