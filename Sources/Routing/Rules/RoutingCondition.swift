/// One test a rule makes on a lead; a rule matches when all its conditions hold.
///
/// `field` names what is tested:
/// - `grade`, `score`, `fit`, `engagement`: the lead's latest score card;
/// - `slaTier`: the tier in ``RoutingContext/slaTier``;
/// - `stage`: the lead's lifecycle stage;
/// - `segment`: the company-size segment from ``RoutingRules/segments``;
/// - any other name: a standard field (`source`, `campaign`, `account`, …) or a custom attribute
///   (`country`, `region`, `state`, `productLine`, `industry`, …), as ``LeadModel/LeadField`` names them.
///
/// Exactly one test per condition: `in` / `notIn` (text, case-insensitive; a list attribute
/// matches when any element does), `min` and/or `max` (numbers, inclusive), or `exists`.
///
/// ```json
/// {"field": "country", "in": ["US", "CA"]}
/// {"field": "employees", "min": 200, "max": 1999}
/// {"field": "grade", "notIn": ["D3", "D4"]}
/// {"field": "productLine", "exists": true}
/// ```
/// A missing value fails `in`, `min` and `max`, and passes `notIn`.
public struct RoutingCondition: Hashable, Sendable, Codable {
    /// What is tested (see the type's discussion).
    public var field: String
    /// The value must be one of these.
    public var `in`: [String]?
    /// The value must be none of these.
    public var notIn: [String]?
    /// The value must be a number at least this.
    public var min: Double?
    /// The value must be a number at most this.
    public var max: Double?
    /// The value must be present (`true`) or absent (`false`).
    public var exists: Bool?

    /// Makes a condition; give exactly one kind of test (`min` and `max` together count as one).
    public init(
        field: String, in values: [String]? = nil, notIn: [String]? = nil, min: Double? = nil, max: Double? = nil,
        exists: Bool? = nil
    ) {
        self.field = field
        self.in = values
        self.notIn = notIn
        self.min = min
        self.max = max
        self.exists = exists
    }

    /// A condition that the field is one of `values`.
    public static func field(_ field: String, in values: [String]) -> RoutingCondition {
        RoutingCondition(field: field, in: values)
    }
}
