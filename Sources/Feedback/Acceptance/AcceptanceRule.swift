/// One of the rules a booked meeting must meet to be accepted (the agency / pay-per-meeting
/// agreement): role or seniority, company fit, use case, geography, no active-opportunity
/// conflict, the prospect agreed to the purpose.
///
/// A rule names what it checks from the lead's data, when the data can tell; a rule with no
/// check is a judgement sales makes on the call (it is never evaluated, only cited).
///
/// ```json
/// {"id": "role", "label": "Finance or HR leader", "field": "title", "anyOf": ["cfo", "finance", "hr", "vp"]}
/// {"id": "company-fit", "label": "Fits the ICP", "minFit": 30}
/// {"id": "no-conflict", "label": "No open opportunity on the account", "noOpportunityConflict": true}
/// ```
public struct AcceptanceRule: Hashable, Sendable, Codable {
    /// The id a rejection cites (`"role"`).
    public var id: String
    /// What a person reads.
    public var label: String
    /// A lead field (standard or custom attribute) the rule reads.
    public var field: String?
    /// The field must contain one of these words (case-insensitive); without it, the field
    /// must be present and not `false`, `no` or empty.
    public var anyOf: [String]?
    /// The lead's fit score must be at least this.
    public var minFit: Double?
    /// No other lead of the same account may be in an active opportunity.
    public var noOpportunityConflict: Bool?

    public init(
        id: String, label: String, field: String? = nil, anyOf: [String]? = nil, minFit: Double? = nil,
        noOpportunityConflict: Bool? = nil
    ) {
        self.id = id
        self.label = label
        self.field = field
        self.anyOf = anyOf
        self.minFit = minFit
        self.noOpportunityConflict = noOpportunityConflict
    }

    /// Whether the rule checks anything from data (else it is a judgement only).
    public var isCheckable: Bool { field != nil || minFit != nil || noOpportunityConflict == true }
}

/// The outcome of one acceptance rule on one lead.
public struct AcceptanceCheck: Hashable, Sendable, Codable {
    /// The rule's id.
    public var rule: String
    /// `true` passed, `false` failed, `nil` the data cannot tell (a missing field, a judgement
    /// rule).
    public var passed: Bool?
    /// What the data showed.
    public var evidence: String

    public init(rule: String, passed: Bool?, evidence: String) {
        self.rule = rule
        self.passed = passed
        self.evidence = evidence
    }
}
