/// A problem reading training data from a CSV file or the journal.
///
/// Match on ``code``; codes may be added in minor releases. Messages name the line, column and
/// offending value where there is one (outcome and column names are not personal data).
public struct LearningError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. Opaque so that codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The target column is not in the CSV header.
        public static let unknownTarget = Code("unknownTarget")
        /// A column named by `--exclude` or as the time column is not in the CSV header.
        public static let unknownColumn = Code("unknownColumn")
        /// An outcome value is not one of the accepted words.
        public static let invalidOutcome = Code("invalidOutcome")
        /// A value of the time column is not a date in the expected format.
        public static let invalidTime = Code("invalidTime")
        /// There are no rows, or no feature columns left after exclusions.
        public static let noData = Code("noData")
    }

    public var code: Code
    /// The physical line of the CSV record, when the problem belongs to one.
    public var line: Int?
    /// The column concerned, when there is one.
    public var column: String?
    /// What was wrong and what was expected.
    public var message: String

    /// Makes an error.
    public init(_ code: Code, line: Int? = nil, column: String? = nil, message: String) {
        self.code = code
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        InputLocation.describe(message, line: line, column: column)
    }
}
