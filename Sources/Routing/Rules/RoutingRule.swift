/// One routing rule: when all conditions hold, the lead goes to the target.
///
/// Rules are tried in order; the first that matches wins. A rule with no conditions matches every
/// lead.
///
/// ```json
/// {"name": "us-enterprise",
///  "when": [{"field": "country", "in": ["US"]}, {"field": "segment", "in": ["enterprise"]}],
///  "target": {"pool": "us-enterprise"}}
/// ```
public struct RoutingRule: Hashable, Sendable, Codable {
    /// A unique name, shown in the trail as `rule:<name>`.
    public var name: String
    /// The conditions, all of which must hold.
    public var when: [RoutingCondition]
    /// Where a matching lead goes.
    public var target: RoutingTarget

    /// Makes a rule.
    ///
    /// - Parameters:
    ///   - name: a unique name.
    ///   - when: the conditions, all of which must hold; none matches every lead.
    ///   - target: where a matching lead goes.
    public init(name: String, when: [RoutingCondition] = [], target: RoutingTarget) {
        self.name = name
        self.when = when
        self.target = target
    }

    private enum CodingKeys: String, CodingKey { case name, when, target }

    /// Decodes a rule; `when` may be omitted.
    ///
    /// - Throws: `DecodingError` when `name` or `target` is missing or mistyped.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        when = try container.decodeIfPresent([RoutingCondition].self, forKey: .when) ?? []
        target = try container.decode(RoutingTarget.self, forKey: .target)
    }
}
