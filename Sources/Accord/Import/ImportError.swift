/// A problem found while reading an import file: where it is and what was expected.
///
/// Match on ``code``; new codes may be added in minor releases. The ``description`` reads like
/// `line 12, column "Employees": expected a number such as 250 or 1,200` and never contains the
/// row's values, so it is safe to print and log: import files hold personal data.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. Opaque so that codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name, such as `unterminatedQuote`.
        public var description: String { name }

        /// The file cannot be opened or read.
        public static let unreadableFile = Code("unreadableFile")
        /// The format cannot be told from the file name, or is not supported.
        public static let unsupportedFormat = Code("unsupportedFormat")
        /// The bytes are not valid UTF-8.
        public static let invalidEncoding = Code("invalidEncoding")
        /// A quoted CSV field is still open at the end of the file.
        public static let unterminatedQuote = Code("unterminatedQuote")
        /// A CSV record has a different number of fields than the header.
        public static let wrongFieldCount = Code("wrongFieldCount")
        /// A CSV file has no header row.
        public static let missingHeader = Code("missingHeader")
        /// Two CSV columns have the same name.
        public static let duplicateColumn = Code("duplicateColumn")
        /// The mapping names a column that the CSV header does not have.
        public static let unknownColumn = Code("unknownColumn")
        /// The mapping text or file is malformed.
        public static let invalidMapping = Code("invalidMapping")
        /// The mapping maps a column to a field that does not exist, or that this kind of import
        /// does not have (`kind` in a leads import).
        public static let unknownTarget = Code("unknownTarget")
        /// A JSON Lines line is not a JSON object.
        public static let invalidJSON = Code("invalidJSON")
        /// A required field (`kind`, `occurredAt`, the person's identity) has no value.
        public static let missingField = Code("missingField")
        /// A value cannot be read as what its field needs (a date, a number, an email address).
        public static let invalidValue = Code("invalidValue")
        /// A CSV header has no commas but another separator, such as `;` or a tab: the file
        /// needs its delimiter passed.
        public static let wrongDelimiter = Code("wrongDelimiter")
        /// A field, row or header is larger than the import's ``ImportLimits`` allow.
        public static let limitExceeded = Code("limitExceeded")
        /// A JSON Lines object has the same key twice.
        public static let duplicateKey = Code("duplicateKey")
        /// A `--date-format` pattern or `--time-zone` cannot be used.
        public static let invalidDateFormat = Code("invalidDateFormat")
    }

    /// What went wrong.
    public var code: Code
    /// The physical line (1-based) where the record starts, when the problem belongs to one.
    public var line: Int?
    /// The CSV column name, the JSON path (`$.attributes.employees`) or the mapping entry
    /// concerned, when there is one.
    public var column: String?
    /// What was expected, and what to do next. Never contains personal data.
    public var message: String

    /// Creates an import error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - line: The line where the record starts, if any.
    ///   - column: The column name or JSON path, if any.
    ///   - message: What was expected; must not quote the row's values.
    public init(_ code: Code, line: Int? = nil, column: String? = nil, message: String) {
        self.code = code
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line 12, column "Employees": expected …`.
    public var description: String {
        InputLocation.describe(message, line: line, column: column)
    }
}
