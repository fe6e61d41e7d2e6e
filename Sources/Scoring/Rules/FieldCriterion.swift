public import LeadModel

/// One criterion of an ideal customer profile: a field and a test, without points.
///
/// ```json
/// {"field": "country", "oneOf": ["US", "CA"]}
/// ```
public struct FieldCriterion: Hashable, Sendable, Codable {
    /// The field or attribute tested.
    public var field: LeadField
    /// The test.
    public var condition: ValueCondition

    /// Makes a criterion.
    public init(field: LeadField, _ condition: ValueCondition) {
        self.field = field
        self.condition = condition
    }

    private enum CodingKeys: String, CodingKey { case field }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        field = try container.decode(LeadField.self, forKey: .field)
        condition = try ValueCondition(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try condition.encode(to: encoder)
    }
}
