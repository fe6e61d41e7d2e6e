/// A test of one property of a signal, such as the URL of a page visit.
///
/// ```json
/// {"property": "url", "contains": ["pricing", "quote"]}
/// ```
public struct PropertyCondition: Hashable, Sendable, Codable {
    /// The signal property tested (`url`, `channel`, …); `source` and `campaign` name the
    /// signal's own fields.
    public var property: String
    /// The test.
    public var condition: ValueCondition

    /// Makes a property condition.
    public init(property: String, _ condition: ValueCondition) {
        self.property = property
        self.condition = condition
    }

    private enum CodingKeys: String, CodingKey { case property }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        property = try container.decode(String.self, forKey: .property)
        condition = try ValueCondition(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(property, forKey: .property)
        try condition.encode(to: encoder)
    }
}
