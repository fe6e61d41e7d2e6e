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
        /// An objection tag that is not in the playbook's objection taxonomy.
        public static let unknownObjection = Code("unknownObjection")
        /// A rejected booked meeting that cites no acceptance rule.
        public static let ruleRequired = Code("ruleRequired")
        /// A cited acceptance rule that is not in the playbook.
        public static let unknownRule = Code("unknownRule")
        /// The lead was recycled as often as the playbook allows.
        public static let recycleLimitReached = Code("recycleLimitReached")
        /// A dispute about a lead whose latest disposition is not a rejection.
        public static let notRejected = Code("notRejected")
        /// A dispute about a rejection that is already disputed (open or decided).
        public static let alreadyDisputed = Code("alreadyDisputed")
        /// A ruling on a lead with no open dispute.
        public static let noOpenDispute = Code("noOpenDispute")
        /// A required text (a dispute's reason) is empty.
        public static let missingText = Code("missingText")
    }

    public var code: Code
    public var leadID: LeadID?
    /// The values that would have been accepted: reason codes, objection tags or acceptance
    /// rule ids, depending on ``code``.
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
