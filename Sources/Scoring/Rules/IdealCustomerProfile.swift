import LeadModel

/// A named ideal customer profile: a set of criteria that must *all* hold for its points.
///
/// A profile gives its points once, and only when every criterion matches; the contribution's
/// evidence lists each criterion. Graded fit (some points for the right industry, some for the
/// right size) belongs in ``FitRule``s; a profile is the bonus for the whole picture. A playbook
/// may list several profiles (US healthcare, EU fintech); each that matches gives its points.
///
/// ```json
/// {"name": "core-icp", "points": 10, "criteria": [
///     {"field": "industry", "oneOf": ["healthcare", "fintech", "software"]},
///     {"field": "employees", "min": 200, "max": 2000},
///     {"field": "country", "oneOf": ["US", "CA"]}]}
/// ```
public struct IdealCustomerProfile: Hashable, Sendable, Codable {
    /// The profile's name, shown in contributions.
    public var name: String
    /// The points when every criterion holds.
    public var points: Double
    /// The criteria; all must hold.
    public var criteria: [FieldCriterion]

    /// Makes a profile.
    public init(_ name: String, points: Double, criteria: [FieldCriterion]) {
        self.name = name
        self.points = points
        self.criteria = criteria
    }

    /// Every problem with the profile, with paths relative to `prefix` (such as `icp[0]`).
    public func problems(at prefix: String) -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        if name.isEmpty { found.append(("\(prefix).name", "the name is empty")) }
        if !points.isFinite { found.append(("\(prefix).points", "points must be a finite number")) }
        if criteria.isEmpty { found.append(("\(prefix).criteria", "a profile needs at least one criterion")) }
        for (index, criterion) in criteria.enumerated() {
            let path = "\(prefix).criteria[\(index)]"
            if criterion.field.rawValue.isEmpty { found.append(("\(path).field", "the field name is empty")) }
            found += criterion.condition.problems(at: path)
        }
        return found
    }
}
