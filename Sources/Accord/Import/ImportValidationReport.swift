/// The outcome of checking a whole import file before anything is imported.
public struct ImportValidationReport: Hashable, Sendable {
    /// The first problems found, in file order, at most the number asked for.
    public var errors: [ImportError]
    /// How many problems were found in all, reported or not.
    public var errorCount: Int
    /// How many records read without a problem (blank rows not counted).
    public var validRecordCount: Int

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
