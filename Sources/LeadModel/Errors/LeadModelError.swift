/// An error from the lead model: a disallowed stage move, a failed handoff gate, bad identity data.
///
/// Match on ``code``; new codes may be added in minor releases. The description never contains
/// personal data (emails, phone numbers).
public struct LeadModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. Opaque so that codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The target stage is not in the stage graph.
        public static let unknownStage = Code("unknownStage")
        /// The stage graph does not allow this move.
        public static let transitionNotAllowed = Code("transitionNotAllowed")
        /// Required fields for the target stage are missing; see ``LeadModelError/missingFields``.
        public static let handoffGateFailed = Code("handoffGateFailed")
        /// The lead does not exist in the journal.
        public static let unknownLead = Code("unknownLead")
        /// The lead was merged into another lead; act on the survivor instead.
        public static let leadMerged = Code("leadMerged")
        /// The lead's personal data was erased; it accepts no new facts.
        public static let leadErased = Code("leadErased")
        /// A value is malformed (an email without `@`, an empty id).
        public static let invalidValue = Code("invalidValue")
        /// The account is not one the journal or the playbook knows, or not one the decision
        /// can be about (a rejected account the lead is not on and its review does not list).
        public static let unknownAccount = Code("unknownAccount")
    }

    public var code: Code
    /// The lead concerned, when there is one.
    public var leadID: LeadID?
    /// The fields a handoff gate found missing, in the gate's order.
    public var missingFields: [LeadField]
    /// What happened and what to do next.
    public var message: String

    public init(_ code: Code, leadID: LeadID? = nil, missingFields: [LeadField] = [], message: String) {
        self.code = code
        self.leadID = leadID
        self.missingFields = missingFields
        self.message = message
    }

    public var description: String {
        if let leadID { return "lead \(leadID): \(message)" }
        return message
    }
}
