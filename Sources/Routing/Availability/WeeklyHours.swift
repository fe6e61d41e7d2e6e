/// A rep's weekly working hours, in their local time: for each weekday, the windows they work.
///
/// Days not listed are days off. In JSON, an object from weekday name to windows:
///
/// ```json
/// {"monday": ["09:00-12:30", "13:30-17:30"], "tuesday": ["09:00-17:30"], "saturday": []}
/// ```
public struct WeeklyHours: Hashable, Sendable, Codable {
    /// The windows per weekday name, as written (`"monday"`); unknown names are reported by
    /// ``RoutingRules/problems()``.
    public var days: [String: [LocalTimeWindow]]

    /// Makes weekly hours from windows per weekday.
    public init(_ days: [Weekday: [LocalTimeWindow]]) {
        self.days = Dictionary(uniqueKeysWithValues: days.map { ($0.key.rawValue, $0.value) })
    }

    /// The same windows every weekday from Monday to Friday: `.weekdays("09:00-17:30")`.
    public static func weekdays(_ windows: String...) -> WeeklyHours {
        let days: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        return WeeklyHours(Dictionary(uniqueKeysWithValues: days.map { ($0, windows.map(LocalTimeWindow.init)) }))
    }

    /// The valid windows per weekday, Monday first, as minute ranges after local midnight.
    public var minutesByWeekday: [[Range<Int>]] {
        Weekday.allCases.map { day in (days[day.rawValue] ?? []).compactMap(\.minutes) }
    }

    /// Decodes the object from weekday name to windows.
    ///
    /// - Throws: `DecodingError` when the value is not such an object.
    public init(from decoder: any Decoder) throws {
        days = try decoder.singleValueContainer().decode([String: [LocalTimeWindow]].self)
    }

    /// Encodes the object from weekday name to windows.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(days)
    }
}
