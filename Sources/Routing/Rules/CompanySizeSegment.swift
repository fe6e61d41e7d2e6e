/// A company-size segment, by employee count, that rules match with the field `segment`.
///
/// Bounds are inclusive; a missing bound is open. The first segment that contains the lead's
/// employee count names it.
///
/// ```json
/// {"name": "mid-market", "minEmployees": 200, "maxEmployees": 1999}
/// ```
public struct CompanySizeSegment: Hashable, Sendable, Codable {
    /// The segment's name (`"smb"`, `"mid-market"`, `"enterprise"`).
    public var name: String
    /// The smallest employee count in the segment.
    public var minEmployees: Double?
    /// The largest employee count in the segment.
    public var maxEmployees: Double?

    /// Makes a segment.
    public init(name: String, minEmployees: Double? = nil, maxEmployees: Double? = nil) {
        self.name = name
        self.minEmployees = minEmployees
        self.maxEmployees = maxEmployees
    }

    /// Whether an employee count falls in the segment.
    public func contains(_ employees: Double) -> Bool {
        (minEmployees.map { employees >= $0 } ?? true) && (maxEmployees.map { employees <= $0 } ?? true)
    }
}
