/// One record read from an import file as named cells, before the mapping turns it into a lead
/// or a signal.
public struct ImportRow: Hashable, Sendable {
    /// One named value of a row.
    public struct Cell: Hashable, Sendable {
        /// The column name, or for JSON the flattened key (`attributes.employees`,
        /// `external:hubspot`), which the mapping is matched against.
        public var name: String
        /// Where the value is, for error messages: the CSV column name or the JSON path
        /// (`$.attributes.employees`).
        public var path: String
        /// The raw value.
        public var value: ImportValue

        /// Creates a cell.
        ///
        /// - Parameters:
        ///   - name: The column name or flattened key.
        ///   - path: The location for error messages; defaults to `name`.
        ///   - value: The raw value.
        public init(name: String, path: String? = nil, value: ImportValue) {
            self.name = name
            self.path = path ?? name
            self.value = value
        }
    }

    /// The physical line (1-based) where the record starts.
    public var line: Int
    /// The record's cells, in file order (CSV) or sorted by key (JSON).
    public var cells: [Cell]

    /// Creates a row.
    ///
    /// - Parameters:
    ///   - line: The line where the record starts.
    ///   - cells: The named values.
    public init(line: Int, cells: [Cell]) {
        self.line = line
        self.cells = cells
    }
}
