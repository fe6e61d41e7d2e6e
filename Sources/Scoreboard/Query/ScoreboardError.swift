/// A scoreboard request that cannot be answered: a period or time zone that does not parse, a
/// spend file with a bad line.
///
/// Match on ``code``; new codes may be added in minor releases.
public struct ScoreboardError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. Opaque so that codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name, such as `invalidPeriod`.
        public var description: String { name }

        /// The period text is not one of the accepted forms, or names an impossible date.
        public static let invalidPeriod = Code("invalidPeriod")
        /// The time zone identifier is unknown.
        public static let unknownTimeZone = Code("unknownTimeZone")
        /// A spend table line is malformed.
        public static let invalidSpend = Code("invalidSpend")
    }

    /// What went wrong.
    public var code: Code
    /// The field or input concerned (`--period`, `spend.csv`).
    public var field: String?
    /// The line of an input file, when the problem belongs to one.
    public var line: Int?
    /// What was expected.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, field: String? = nil, line: Int? = nil, message: String) {
        self.code = code
        self.field = field
        self.line = line
        self.message = message
    }

    /// `spend.csv, line 3: expected …`.
    public var description: String {
        var location: [String] = []
        if let field { location.append(field) }
        if let line { location.append("line \(line)") }
        return location.isEmpty ? message : location.joined(separator: ", ") + ": " + message
    }
}
