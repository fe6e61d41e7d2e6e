import Foundation

/// Business hours as a week of working windows in an IANA time zone, with holidays and short days:
/// the reference ``BusinessCalendar``.
///
/// Windows are local wall-clock times, so 09:00 stays 09:00 across daylight-saving changes. Each
/// day may have several windows (a lunch break); a holiday has none; a short day replaces the
/// day's windows (a half day before a holiday). The arithmetic reads offsets from a precomputed
/// table of the zone's transitions and computes dates without `Calendar`, so adding a duration
/// costs a few hundred nanoseconds.
///
/// Decoding is lenient about meaning (overlapping windows, an unknown time zone) and strict about
/// form (a malformed `"09:00-12:00"`); ``problems()`` reports the former with JSON paths. An
/// unknown time zone counts as UTC until fixed.
///
/// ```json
/// {
///   "timeZone": "America/New_York",
///   "hours": {
///     "mon": ["09:00-12:00", "13:00-17:30"], "tue": ["09:00-12:00", "13:00-17:30"],
///     "wed": ["09:00-12:00", "13:00-17:30"], "thu": ["09:00-12:00", "13:00-17:30"],
///     "fri": ["09:00-12:00", "13:00-17:00"]
///   },
///   "holidays": ["2026-11-26", "2026-12-25"],
///   "shortDays": [{ "date": "2026-11-27", "hours": ["09:00-13:00"] }]
/// }
/// ```
public struct WeeklyBusinessCalendar: BusinessCalendar, Hashable, Codable {
    /// A date whose working windows differ from its weekday's (a half day).
    public struct ShortDay: Hashable, Sendable, Codable {
        /// The local date.
        public var date: LocalDate
        /// Its windows, replacing the weekday's.
        public var hours: [BusinessWindow]

        /// Makes a short day.
        ///
        /// - Parameters:
        ///   - date: the local date.
        ///   - hours: its windows, replacing the weekday's.
        public init(date: LocalDate, hours: [BusinessWindow]) {
            self.date = date
            self.hours = hours
        }
    }

    /// The IANA time zone identifier, such as `"Europe/Berlin"`.
    public let timeZone: String
    /// Working windows per weekday; a weekday that is absent has none.
    public let hours: [Weekday: [BusinessWindow]]
    /// Local dates with no working time.
    public let holidays: [LocalDate]
    /// Local dates with their own windows.
    public let shortDays: [ShortDay]

    let compiled: Compiled

    /// Makes a calendar.
    ///
    /// - Parameters:
    ///   - timeZone: an IANA identifier; an unknown one counts as UTC (``problems()`` reports it).
    ///   - hours: windows per weekday.
    ///   - holidays: dates with no working time.
    ///   - shortDays: dates with their own windows.
    public init(
        timeZone: String, hours: [Weekday: [BusinessWindow]], holidays: [LocalDate] = [],
        shortDays: [ShortDay] = []
    ) {
        self.timeZone = timeZone
        self.hours = hours
        self.holidays = holidays
        self.shortDays = shortDays
        self.compiled = Compiled(timeZone: timeZone, hours: hours, holidays: holidays, shortDays: shortDays)
    }

    /// Makes a calendar with the same windows Monday to Friday.
    ///
    /// - Parameters:
    ///   - timeZone: an IANA identifier.
    ///   - weekdays: the windows of each day Monday to Friday.
    ///   - holidays: dates with no working time.
    public init(timeZone: String, weekdays: [BusinessWindow], holidays: [LocalDate] = []) {
        var hours: [Weekday: [BusinessWindow]] = [:]
        for day in Weekday.workweek { hours[day] = weekdays }
        self.init(timeZone: timeZone, hours: hours, holidays: holidays)
    }

    private enum CodingKeys: String, CodingKey {
        case timeZone, hours, holidays, shortDays
    }

    /// Decodes the calendar; `holidays` and `shortDays` may be absent.
    ///
    /// - Throws: `DecodingError` for a missing `timeZone` or `hours`, or a malformed time, window
    ///   or date (with its coding path).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            timeZone: try container.decode(String.self, forKey: .timeZone),
            hours: try container.decode([Weekday: [BusinessWindow]].self, forKey: .hours),
            holidays: try container.decodeIfPresent([LocalDate].self, forKey: .holidays) ?? [],
            shortDays: try container.decodeIfPresent([ShortDay].self, forKey: .shortDays) ?? [])
    }

    /// Encodes the configuration (not the precomputed tables).
    ///
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(hours, forKey: .hours)
        if !holidays.isEmpty { try container.encode(holidays, forKey: .holidays) }
        if !shortDays.isEmpty { try container.encode(shortDays, forKey: .shortDays) }
    }

    /// Calendars are equal when their configuration is.
    public static func == (lhs: WeeklyBusinessCalendar, rhs: WeeklyBusinessCalendar) -> Bool {
        lhs.timeZone == rhs.timeZone && lhs.hours == rhs.hours && lhs.holidays == rhs.holidays
            && lhs.shortDays == rhs.shortDays
    }

    /// Hashes the configuration.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(timeZone)
        hasher.combine(hours)
        hasher.combine(holidays)
        hasher.combine(shortDays)
    }
}

/// One window in seconds of the local day.
struct DaySpan: Hashable, Sendable {
    var start: Double
    var end: Double
}

extension WeeklyBusinessCalendar {
    /// The precomputed form: offsets table, windows per weekday in seconds, holiday day numbers.
    struct Compiled: Hashable, Sendable {
        var zone: ZoneOffsetTable
        var week: [[DaySpan]]
        var holidays: Set<Int>
        var shortDays: [Int: [DaySpan]]
        var hasExceptions: Bool
        var weeklySeconds: Double

        init(
            timeZone: String, hours: [Weekday: [BusinessWindow]], holidays: [LocalDate], shortDays: [ShortDay]
        ) {
            zone = ZoneOffsetTable(timeZone: TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!)
            week = Array(repeating: [], count: 7)
            for (day, windows) in hours { week[day.index] = Compiled.spans(windows) }
            self.holidays = Set(holidays.filter(\.isValid).map(\.dayNumber))
            var short: [Int: [DaySpan]] = [:]
            for day in shortDays where day.date.isValid { short[day.date.dayNumber] = Compiled.spans(day.hours) }
            self.shortDays = short
            hasExceptions = !self.holidays.isEmpty || !short.isEmpty
            weeklySeconds = week.reduce(0) { $0 + $1.reduce(0) { $0 + $1.end - $1.start } }
        }

        /// Sorted, merged spans of the valid windows (end after start).
        static func spans(_ windows: [BusinessWindow]) -> [DaySpan] {
            let sorted = windows.filter { $0.end > $0.start }.sorted { $0.start < $1.start }
            var result: [DaySpan] = []
            for window in sorted {
                let span = DaySpan(start: Double(window.start.minutes * 60), end: Double(window.end.minutes * 60))
                if let last = result.last, span.start <= last.end {
                    result[result.count - 1].end = max(last.end, span.end)
                } else {
                    result.append(span)
                }
            }
            return result
        }

        /// The windows of a local day (days since 1970-01-01).
        @inline(__always)
        func spans(day: Int) -> [DaySpan] {
            if hasExceptions {
                if holidays.contains(day) { return [] }
                if let short = shortDays[day] { return short }
            }
            return week[CivilDays.weekdayIndex(ofDay: day)]
        }

        /// The local day number of an instant.
        @inline(__always)
        func day(of instant: Double) -> Int {
            Int((zone.local(instant) / 86_400).rounded(.down))
        }
    }
}
