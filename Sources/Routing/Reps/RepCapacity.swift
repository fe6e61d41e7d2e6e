/// How much work a rep takes: caps on open leads and on new leads per day.
///
/// A missing cap is no cap. "Per day" is the rep's local calendar day, in their own time zone.
///
/// ```json
/// {"maxOpen": 40, "maxNewPerDay": 12}
/// ```
public struct RepCapacity: Hashable, Sendable, Codable {
    /// The most open leads the rep may own at once (see ``RoutingLedger`` for "open").
    public var maxOpen: Int?
    /// The most leads the rep may be assigned in one local day.
    public var maxNewPerDay: Int?

    /// Makes a capacity; no caps by default.
    public init(maxOpen: Int? = nil, maxNewPerDay: Int? = nil) {
        self.maxOpen = maxOpen
        self.maxNewPerDay = maxNewPerDay
    }
}
