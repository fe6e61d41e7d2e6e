/// A day of the week, as used for the keys of ``WeeklyBusinessCalendar/hours`` (`"mon"` … `"sun"`).
public enum Weekday: String, Hashable, Sendable, Codable, CodingKeyRepresentable, CaseIterable {
    case mon, tue, wed, thu, fri, sat, sun

    /// Monday is 0, Sunday 6.
    var index: Int {
        switch self {
        case .mon: return 0
        case .tue: return 1
        case .wed: return 2
        case .thu: return 3
        case .fri: return 4
        case .sat: return 5
        case .sun: return 6
        }
    }

    /// The three-letter English name, `"Mon"`.
    var shortName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Monday to Friday.
    public static let workweek: [Weekday] = [.mon, .tue, .wed, .thu, .fri]
}

/// A time of day on the wall clock, `"09:00"`; `"24:00"` is the end of the day.
public struct LocalTime: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// Minutes since midnight, 0...1440.
    public var minutes: Int

    /// Makes a time of day.
    ///
    /// - Parameters:
    ///   - hour: 0...24.
    ///   - minute: 0...59.
    public init(hour: Int, minute: Int = 0) {
        self.minutes = hour * 60 + minute
    }

    /// Parses `"HH:mm"`; `nil` when malformed or out of 00:00...24:00.
    ///
    /// - Parameter text: such as `"13:30"`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 1440
        else { return nil }
        self.minutes = hour * 60 + minute
    }

    /// `"HH:mm"`.
    public var description: String {
        let hour = minutes / 60
        let minute = minutes % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// Earlier in the day first.
    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutes < rhs.minutes }

    /// Decodes `"HH:mm"`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the text is not a time of day.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = LocalTime(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a time of day like \"09:00\"")
        }
        self = time
    }

    /// Encodes `"HH:mm"`.
    ///
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// One stretch of working time in a day, `"09:00-12:00"` (local wall-clock times).
public struct BusinessWindow: Hashable, Sendable, Codable, CustomStringConvertible {
    /// When the window opens.
    public var start: LocalTime
    /// When it closes (exclusive); `24:00` for the end of the day.
    public var end: LocalTime

    /// Makes a window.
    ///
    /// - Parameters:
    ///   - start: when work starts.
    ///   - end: when it stops; after `start` for a valid window.
    public init(start: LocalTime, end: LocalTime) {
        self.start = start
        self.end = end
    }

    /// Parses `"09:00-12:00"`; `nil` when malformed.
    ///
    /// - Parameter text: two times joined by `-`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = LocalTime(parts[0]), let end = LocalTime(parts[1]) else { return nil }
        self.init(start: start, end: end)
    }

    /// `"09:00-12:00"`.
    public var description: String { "\(start)-\(end)" }

    /// Decodes `"09:00-12:00"`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the text is not a window.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let window = BusinessWindow(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a window like \"09:00-12:00\"")
        }
        self = window
    }

    /// Encodes `"09:00-12:00"`.
    ///
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A date on the local calendar, `"2026-12-25"`, with no time zone of its own.
public struct LocalDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The year, such as 2026.
    public var year: Int
    /// The month, 1–12.
    public var month: Int
    /// The day of the month, 1–31.
    public var day: Int

    /// Makes a date; not checked (``isValid`` says whether it exists).
    ///
    /// - Parameters:
    ///   - year: such as 2026.
    ///   - month: 1...12.
    ///   - day: 1...31.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `"YYYY-MM-DD"`; `nil` when malformed or not a real date.
    ///
    /// - Parameter text: such as `"2026-12-25"`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
        guard isValid else { return nil }
    }

    /// Whether the date exists on the Gregorian calendar.
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return CivilDays.civil(fromDays: dayNumber) == (year, month, day)
    }

    /// Days since 1970-01-01.
    var dayNumber: Int { CivilDays.days(year: year, month: month, day: day) }

    /// `"YYYY-MM-DD"`.
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    /// Earlier dates first.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes `"YYYY-MM-DD"`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the text is not a date.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date like \"2026-12-25\"")
        }
        self = date
    }

    /// Encodes `"YYYY-MM-DD"`.
    ///
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Proleptic Gregorian day numbers (days since 1970-01-01), after Howard Hinnant's algorithms:
/// no `Calendar` calls, so the hot path stays cheap.
enum CivilDays {
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Monday 0 … Sunday 6; 1970-01-01 was a Thursday.
    static func weekdayIndex(ofDay days: Int) -> Int {
        ((days % 7) + 7 + 3) % 7
    }
}
