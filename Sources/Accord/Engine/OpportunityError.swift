public import LeadModel

/// A deal command the engine refused: a second open deal, an unknown deal id, a bad amount.
///
/// Match on ``code``; new codes may be added in minor releases. Stage moves the graph does not
/// allow are reported as ``LeadModel/LeadModelError`` (`transitionNotAllowed`, `unknownStage`) instead, as
/// for every other stage change.
public struct OpportunityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. Opaque so that codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name, such as `alreadyOpen`.
        public var description: String { name }

        /// The lead already has an open deal; update or close it first.
        public static let alreadyOpen = Code("alreadyOpen")
        /// The lead has no open deal to update or close.
        public static let noOpenOpportunity = Code("noOpenOpportunity")
        /// The deal id is not the lead's open deal.
        public static let unknownOpportunity = Code("unknownOpportunity")
        /// A field value is not acceptable (a negative or non-finite amount, a malformed
        /// currency code, an empty id, an update that changes nothing).
        public static let invalidValue = Code("invalidValue")
    }

    /// What went wrong.
    public var code: Code
    /// The lead concerned.
    public var leadID: LeadID
    /// The deal concerned, when there is one.
    public var opportunityID: OpportunityID?
    /// The field at fault (`amount`, `currency`), when there is one.
    public var field: String?
    /// What was expected and what to do next.
    public var message: String

    /// Creates an error.
    public init(
        _ code: Code, leadID: LeadID, opportunityID: OpportunityID? = nil, field: String? = nil, message: String
    ) {
        self.code = code
        self.leadID = leadID
        self.opportunityID = opportunityID
        self.field = field
        self.message = message
    }

    /// `lead L1, opportunity opp-9, amount: expected a finite amount of 0 or more`.
    public var description: String {
        var location = "lead \(leadID)"
        if let opportunityID { location += ", opportunity \(opportunityID)" }
        if let field { location += ", \(field)" }
        return "\(location): \(message)"
    }
}
