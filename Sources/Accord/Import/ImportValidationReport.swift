/// The outcome of checking a whole import file before anything is imported.
public struct ImportValidationReport: Hashable, Sendable {
    /// One input column and where the import puts it.
    public struct Column: Hashable, Sendable {
        /// The CSV header, or the flattened JSON key (`attributes.employees`).
        public var name: String
        /// The target the column fills, or `nil` when the import ignores it (mapped to `-`,
        /// `*=-`, or a target this kind of import cannot fill).
        public var target: ImportTarget?

        /// Creates a column entry.
        ///
        /// - Parameters:
        ///   - name: The column name.
        ///   - target: Its target; `nil` when ignored.
        public init(name: String, target: ImportTarget?) {
            self.name = name
            self.target = target
        }
    }

    /// The first problems found, in file order, at most the number asked for.
    public var errors: [ImportError]
    /// How many problems were found in all, reported or not.
    public var errorCount: Int
    /// How many records read without a problem (blank rows not counted).
    public var validRecordCount: Int
    /// The mapping in use: every column in file order (JSON keys in the order first seen) and
    /// its target.
    public var columns: [Column] = []
    /// The name of the export recognised from the header, such as `HubSpot contacts`.
    public var recognisedExport: String?

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - errors: The reported problems.
    ///   - errorCount: All problems found.
    ///   - validRecordCount: Records without a problem.
    public init(errors: [ImportError], errorCount: Int, validRecordCount: Int) {
        self.errors = errors
        self.errorCount = errorCount
        self.validRecordCount = validRecordCount
    }

    /// Whether the file can be imported: no problem was found.
    public var isValid: Bool { errorCount == 0 }

    /// How many problems were found beyond those in ``errors`` ("… and 37 more").
    public var unreportedErrorCount: Int { errorCount - errors.count }
}
