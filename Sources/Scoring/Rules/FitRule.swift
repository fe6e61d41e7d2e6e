public import LeadModel

/// Points for who the lead is: a test of one field or attribute.
///
/// ```json
/// {"name": "icp-size", "field": "employees", "min": 200, "max": 2000, "points": 10}
/// {"name": "student", "field": "title", "contains": "student", "points": -25}
/// ```
///
/// `field` names a standard field (`title`, `email`, `company`, `source`, …) or a custom
/// attribute (`industry` or `attributes.industry`). The test keys are those of
/// ``ValueCondition``. Points may be negative. The axis is `fit` unless `"axis": "engagement"`.
public struct FitRule: Hashable, Sendable, Codable {
    /// The rule's name, shown in contributions.
    public var name: String
    /// The field or attribute tested.
    public var field: LeadField
    /// The test.
    public var condition: ValueCondition
    /// The points given when the test passes; negative to take points away.
    public var points: Double
    /// The axis the points count towards; `fit` by default.
    public var axis: ScoreCard.Axis {
        get { axisValue.axis }
        set { axisValue = RuleAxis(axis: newValue) }
    }
    var axisValue: RuleAxis

    /// Makes a fit rule.
    ///
    /// - Parameters:
    ///   - name: the name shown in contributions.
    ///   - field: the field or attribute tested.
    ///   - condition: the test.
    ///   - points: the points when it passes; negative to take points away.
    ///   - axis: the axis; `fit` by default.
    public init(
        _ name: String, field: LeadField, _ condition: ValueCondition, points: Double, axis: ScoreCard.Axis = .fit
    ) {
        self.name = name
        self.field = field
        self.condition = condition
        self.points = points
        self.axisValue = RuleAxis(axis: axis)
    }

    /// Every problem with the rule, with paths relative to `prefix` (such as `fit[3]`).
    public func problems(at prefix: String) -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        if name.isEmpty { found.append(("\(prefix).name", "the name is empty")) }
        if field.rawValue.isEmpty { found.append(("\(prefix).field", "the field name is empty")) }
        if !points.isFinite { found.append(("\(prefix).points", "points must be a finite number")) }
        found += axisValue.problems(at: prefix)
        found += condition.problems(at: prefix)
        return found
    }

    private enum CodingKeys: String, CodingKey { case name, field, points, axis }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        field = try container.decode(LeadField.self, forKey: .field)
        points = try container.decode(Double.self, forKey: .points)
        axisValue = try RuleAxis.decode(container, forKey: .axis, default: .fit)
        condition = try ValueCondition(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(field, forKey: .field)
        try condition.encode(to: encoder)
        try container.encode(points, forKey: .points)
        if axis != .fit { try container.encode(axis, forKey: .axis) }
    }
}
