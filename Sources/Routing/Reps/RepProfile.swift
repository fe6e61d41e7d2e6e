public import LeadModel

/// A sales rep as routing sees them: where they work, when, how much, and with what weight.
///
/// Working hours are a ``LeadModel/WeeklyBusinessCalendar`` in the rep's own time zone — the same
/// type SLA clocks count business time with, so a rep's day and a clock's day agree. In JSON the
/// rep lists the windows per weekday (`"mon"` or `"monday"`) and, optionally, local holidays:
///
/// ```json
/// {"id": "ana", "name": "Ana Ruiz", "timeZone": "Europe/Berlin",
///  "workingHours": {"mon": ["09:00-12:30", "13:30-17:30"], "fri": ["09:00-13:00"]},
///  "holidays": ["2026-12-25"],
///  "outOfOffice": [{"from": "2026-12-24T00:00:00Z", "until": "2027-01-04T00:00:00Z", "note": "holidays"}],
///  "capacity": {"maxOpen": 40, "maxNewPerDay": 12},
///  "weight": 2, "manager": "mia", "backup": "ben"}
/// ```
/// `workingHours` omitted means always working; when given, days not listed are days off.
public struct RepProfile: Hashable, Sendable, Codable {
    /// The rep's id, as owners and assignments name them; no commas, `=` or spaces.
    public var id: String
    /// The rep's display name.
    public var name: String?
    /// The IANA time zone the rep works in (`"America/New_York"`); UTC by default. Their day for
    /// ``RepCapacity/maxNewPerDay`` begins at local midnight here.
    public var timeZone: String
    /// The rep's working time, in ``timeZone``; `nil` means always working.
    public var workingHours: WeeklyBusinessCalendar?
    /// Periods away, during which the rep gets no new leads from pools or rules.
    public var outOfOffice: [OutOfOffice]
    /// Caps on open and new leads.
    public var capacity: RepCapacity
    /// The rep's share in pools that do not give their own weight; 1 by default.
    public var weight: Int
    /// Who the SLA ladder's `notify-manager` step notifies about this rep's overdue leads.
    public var manager: String?
    /// The rep who takes this rep's account leads while they are away, when the playbook's
    /// ``OwnerAwayPolicy`` protects the SLA; a rep id in the same section.
    public var backup: String?

    /// Makes a rep.
    ///
    /// ```swift
    /// let ana = RepProfile(
    ///     id: "ana", workingHours: WeeklyBusinessCalendar(timeZone: "Europe/Berlin",
    ///                                                     weekdays: [BusinessWindow("09:00-17:30")!]))
    /// ```
    ///
    /// - Parameters:
    ///   - id: the rep's id.
    ///   - name: the display name.
    ///   - timeZone: an IANA time zone identifier; the working hours' zone, else `"UTC"`, by default.
    ///   - workingHours: working time; `nil` (always working) by default. Its time zone should be
    ///     the rep's (``RoutingRules/problems()`` reports a mismatch).
    ///   - outOfOffice: periods away.
    ///   - capacity: caps; none by default.
    ///   - weight: the default pool weight; 1 by default.
    public init(
        id: String, name: String? = nil, timeZone: String? = nil, workingHours: WeeklyBusinessCalendar? = nil,
        outOfOffice: [OutOfOffice] = [], capacity: RepCapacity = RepCapacity(), weight: Int = 1
    ) {
        self.id = id
        self.name = name
        self.timeZone = timeZone ?? workingHours?.timeZone ?? "UTC"
        self.workingHours = workingHours
        self.outOfOffice = outOfOffice
        self.capacity = capacity
        self.weight = weight
        manager = nil
        backup = nil
    }

    /// The calendar availability is judged with: the working hours, or every hour of every day in
    /// the rep's zone.
    var calendar: WeeklyBusinessCalendar { workingHours ?? .allDay(timeZone: timeZone) }

    private enum CodingKeys: String, CodingKey {
        case id, name, timeZone, workingHours, holidays, outOfOffice, capacity, weight, manager, backup
    }

    /// Decodes a rep; every field but `id` may be omitted.
    ///
    /// - Throws: `DecodingError` when `id` is missing, a field is mistyped, a weekday is not a
    ///   day name (`mon` … `sun` or `monday` … `sunday`), or a window or holiday is malformed —
    ///   each with its coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC"
        let holidays = try container.decodeIfPresent([LocalDate].self, forKey: .holidays) ?? []
        if let days = try container.decodeIfPresent([String: [BusinessWindow]].self, forKey: .workingHours) {
            var hours: [Weekday: [BusinessWindow]] = [:]
            for (name, windows) in days {
                guard let day = Self.weekday(named: name) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .workingHours, in: container,
                        debugDescription: "'\(name)' is not a weekday; use mon … sun or monday … sunday")
                }
                hours[day, default: []] += windows
            }
            workingHours = WeeklyBusinessCalendar(timeZone: timeZone, hours: hours, holidays: holidays)
        } else if !holidays.isEmpty {
            workingHours = WeeklyBusinessCalendar(
                timeZone: timeZone, hours: WeeklyBusinessCalendar.allDay(timeZone: timeZone).hours, holidays: holidays)
        } else {
            workingHours = nil
        }
        outOfOffice = try container.decodeIfPresent([OutOfOffice].self, forKey: .outOfOffice) ?? []
        capacity = try container.decodeIfPresent(RepCapacity.self, forKey: .capacity) ?? RepCapacity()
        weight = try container.decodeIfPresent(Int.self, forKey: .weight) ?? 1
        manager = try container.decodeIfPresent(String.self, forKey: .manager)
        backup = try container.decodeIfPresent(String.self, forKey: .backup)
    }

    /// Encodes the rep with working hours as windows per weekday (`"mon"`) and its holidays.
    ///
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(timeZone, forKey: .timeZone)
        if let workingHours {
            var days: [String: [BusinessWindow]] = [:]
            for (day, windows) in workingHours.hours { days[day.rawValue] = windows }
            try container.encode(days, forKey: .workingHours)
            if !workingHours.holidays.isEmpty { try container.encode(workingHours.holidays, forKey: .holidays) }
        }
        if !outOfOffice.isEmpty { try container.encode(outOfOffice, forKey: .outOfOffice) }
        try container.encode(capacity, forKey: .capacity)
        try container.encode(weight, forKey: .weight)
        try container.encodeIfPresent(manager, forKey: .manager)
        try container.encodeIfPresent(backup, forKey: .backup)
    }

    /// A weekday from its short or long English name, in any case.
    static func weekday(named name: String) -> Weekday? {
        let lowered = name.lowercased()
        if let day = Weekday(rawValue: lowered) { return day }
        let long = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        guard let index = long.firstIndex(of: lowered) else { return nil }
        return Weekday.allCases[index]
    }
}
