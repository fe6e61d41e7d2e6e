public import LeadModel

/// An error from the feedback loop: a disposition the agreement does not allow.
public struct FeedbackError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. Opaque so that codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A rejection or recycle without a reason code.
        public static let missingReason = Code("missingReason")
        /// A reason code that is not in the taxonomy.
        public static let unknownReason = Code("unknownReason")
        /// A reason code that this kind of disposition may not cite.
        public static let reasonNotAllowed = Code("reasonNotAllowed")
        /// The reason code requires a note and none was given.
        public static let noteRequired = Code("noteRequired")
    }

    public var code: Code
    public var leadID: LeadID?
    /// The codes that would have been accepted.
    public var allowedCodes: [String]
    public var message: String

    public init(_ code: Code, leadID: LeadID?, allowedCodes: [String], message: String) {
        self.code = code
        self.leadID = leadID
        self.allowedCodes = allowedCodes
        self.message = message
    }

    public var description: String {
        leadID.map { "lead \($0): \(message)" } ?? message
    }
}
