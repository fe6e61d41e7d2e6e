/// A sales rep as routing sees them: where they work, when, how much, and with what weight.
///
/// ```json
/// {"id": "ana", "name": "Ana Ruiz", "timeZone": "Europe/Berlin",
///  "workingHours": {"monday": ["09:00-17:30"], "friday": ["09:00-13:00"]},
///  "outOfOffice": [{"from": "2026-12-24T00:00:00Z", "until": "2027-01-04T00:00:00Z", "note": "holidays"}],
///  "capacity": {"maxOpen": 40, "maxNewPerDay": 12},
///  "weight": 2}
/// ```
/// `workingHours` omitted means always working; when given, days not listed are days off.
public struct RepProfile: Hashable, Sendable, Codable {
    /// The rep's id, as owners and assignments name them; no commas, `=` or spaces.
    public var id: String
    /// The rep's display name.
    public var name: String?
    /// The IANA time zone the working hours are in (`"America/New_York"`); UTC by default.
    public var timeZone: String
    /// Weekly working hours in local time; `nil` means always working.
    public var workingHours: WeeklyHours?
    /// Periods away, during which the rep gets no new leads from pools or rules.
    public var outOfOffice: [OutOfOffice]
    /// Caps on open and new leads.
    public var capacity: RepCapacity
    /// The rep's share in pools that do not give their own weight; 1 by default.
    public var weight: Int

    /// Makes a rep.
    ///
    /// - Parameters:
    ///   - id: the rep's id.
    ///   - name: the display name.
    ///   - timeZone: an IANA time zone identifier; `"UTC"` by default.
    ///   - workingHours: weekly hours in local time; `nil` (always working) by default.
    ///   - outOfOffice: periods away.
    ///   - capacity: caps; none by default.
    ///   - weight: the default pool weight; 1 by default.
    public init(
        id: String, name: String? = nil, timeZone: String = "UTC", workingHours: WeeklyHours? = nil,
        outOfOffice: [OutOfOffice] = [], capacity: RepCapacity = RepCapacity(), weight: Int = 1
    ) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.workingHours = workingHours
        self.outOfOffice = outOfOffice
        self.capacity = capacity
        self.weight = weight
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, timeZone, workingHours, outOfOffice, capacity, weight
    }

    /// Decodes a rep; every field but `id` may be omitted.
    ///
    /// - Throws: `DecodingError` when `id` is missing or a field is mistyped.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC"
        workingHours = try container.decodeIfPresent(WeeklyHours.self, forKey: .workingHours)
        outOfOffice = try container.decodeIfPresent([OutOfOffice].self, forKey: .outOfOffice) ?? []
        capacity = try container.decodeIfPresent(RepCapacity.self, forKey: .capacity) ?? RepCapacity()
        weight = try container.decodeIfPresent(Int.self, forKey: .weight) ?? 1
    }
}
