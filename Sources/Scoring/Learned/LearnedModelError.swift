/// A problem training, loading or saving a learned model.
///
/// Match on ``code``; codes may be added in minor releases.
public struct LearnedModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. Opaque so that codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name, such as `missingModel`.
        public var description: String { name }

        /// The training set is malformed: a duplicate column, a row of the wrong width.
        public static let invalidTrainingSet = Code("invalidTrainingSet")
        /// There are no rows to learn from, or too few for the folds asked for.
        public static let notEnoughData = Code("notEnoughData")
        /// An option is out of range (folds below 2, a negative regularisation strength).
        public static let invalidOption = Code("invalidOption")
        /// The model file does not exist.
        public static let missingModel = Code("missingModel")
        /// The model file is not a valid model: bad JSON, wrong shapes, non-finite numbers.
        public static let corruptModel = Code("corruptModel")
        /// The model file was written by a newer format this version cannot read.
        public static let unsupportedFormat = Code("unsupportedFormat")
        /// The model could not be written.
        public static let unwritable = Code("unwritable")
    }

    /// What went wrong.
    public var code: Code
    /// What was expected and what to do next.
    public var message: String

    /// Makes an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
