import Foundation

/// How an import reads its dates: ISO 8601, or a pattern such as `DD-MM-YYYY`, and the time
/// zone of dates written without an offset.
///
/// Exports write dates as their tool's locale does: `01-02-2018` is 1 February in Europe and
/// 2 January in the US. Accord never guesses which: without a pattern, only ISO 8601 is read
/// (`2018-02-01`, `2018-02-01T10:00:00Z`, `2018-02-01 10:00:00+01:00`), and any other date is
/// a row error that names the option to pass.
///
/// A pattern is made of these tokens; every other character (`-`, `/`, `.`, `:`, a space, `T`)
/// must appear as written, and text in single quotes is literal (`'at'`):
///
/// | token | reads |
/// | --- | --- |
/// | `YYYY` | the year, four digits |
/// | `MM` or `M` | the month, 1 to 12, one or two digits |
/// | `DD` or `D` | the day of the month, one or two digits |
/// | `HH` or `H` | the hour, 0 to 23, one or two digits |
/// | `hh` or `h` | the hour on a 12-hour clock, 1 to 12; needs `A` |
/// | `A` or `a` | `AM` or `PM`, any case |
/// | `mm` | the minutes, two digits |
/// | `ss` | the seconds, two digits |
/// | `SSS` | a fraction of a second, one to nine digits |
/// | `Z` | an offset: `Z`, `+01:00`, `+0100` or `+01` |
///
/// Single-letter and double-letter forms read the same: exports often drop leading zeros
/// (`1/2/2018 3:04 PM`), so `MM/DD/YYYY` reads both `01/02/2018` and `1/2/2018`.
///
/// A date without an offset is in ``timeZone`` (UTC by default). A local time that a daylight
/// saving change skips (02:30 on the night clocks go forward) is read as the same wall-clock
/// distance after the change, so `02:30` becomes `03:30` summer time; a local time that occurs
/// twice (the night clocks go back) is the first of the two, in summer time. A date without a
/// time is midnight in ``timeZone``.
///
/// ```swift
/// let european = try ImportDateFormat(pattern: "DD.MM.YYYY HH:mm", timeZone: "Europe/Berlin")
/// european.date(from: "01.02.2018 09:30")   // 2018-02-01T08:30:00Z
/// ```
public struct ImportDateFormat: Hashable, Sendable, CustomStringConvertible {
    /// The pattern, or `nil` for ISO 8601.
    public let pattern: String?
    /// The time zone of dates written without an offset.
    public let timeZone: TimeZone
    private let tokens: [Token]

    /// ISO 8601, dates without an offset in UTC: what an import reads by default.
    public static let iso8601 = ImportDateFormat(tokens: [], pattern: nil, timeZone: utc)

    private static let utc = TimeZone(identifier: "UTC")!

    /// Whether a zone is UTC (Foundation on Linux names it `GMT`).
    private static func isUTC(_ zone: TimeZone) -> Bool {
        zone.identifier == "UTC" || zone.identifier == "GMT"
    }

    private enum Token: Hashable, Sendable {
        case year, month, day, hour24, hour12, meridiem, minute, second, fraction, offset
        case literal(UInt8)
    }

    private init(tokens: [Token], pattern: String?, timeZone: TimeZone) {
        self.tokens = tokens
        self.pattern = pattern
        self.timeZone = timeZone
    }

    /// Creates a format from a pattern and a time zone.
    ///
    /// - Parameters:
    ///   - pattern: The pattern, such as `DD-MM-YYYY` or `YYYY-MM-DD HH:mm:ss`; `nil` for ISO
    ///     8601.
    ///   - timeZone: The IANA time zone of dates without an offset, such as `Europe/Berlin`;
    ///     `nil` for UTC.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/invalidDateFormat`` for an unknown
    ///   letter, a pattern without a year, month and day, a 12-hour clock without `A`, or an
    ///   unknown time zone.
    public init(pattern: String?, timeZone: String? = nil) throws {
        let zone: TimeZone
        if let timeZone {
            guard let found = TimeZone(identifier: timeZone) else {
                throw ImportError(
                    .invalidDateFormat, column: "--time-zone",
                    message:
                        "unknown time zone \"\(timeZone)\"; expected an IANA name such as Europe/Berlin, America/New_York or UTC"
                )
            }
            zone = found
        } else {
            zone = Self.utc
        }
        guard let pattern else {
            self.init(tokens: [], pattern: nil, timeZone: zone)
            return
        }
        self.init(tokens: try Self.tokens(of: pattern), pattern: pattern, timeZone: zone)
    }

    /// `ISO 8601` or the pattern, with the time zone when it is not UTC.
    public var description: String {
        let zone = Self.isUTC(timeZone) ? "" : " in \(timeZone.identifier)"
        return (pattern ?? "ISO 8601") + zone
    }

    /// Reads a date.
    ///
    /// - Parameter text: The value, surrounding spaces aside.
    /// - Returns: The instant, or `nil` when the text does not follow the format or names a day
    ///   that does not exist (`2018-02-30`).
    public func date(from text: String) -> Date? {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, first == 32 || first == 9 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 32 || last == 9 { bytes = bytes.dropLast() }
        var fields = Fields()
        let read = tokens.isEmpty ? Self.readISO(bytes, into: &fields) : read(bytes, into: &fields)
        guard read else { return nil }
        return fields.instant(in: timeZone)
    }

    /// What to say about a value that is not a date in this format: the expected form, and for
    /// a day-month or month-day date read without a pattern, the `--date-format` to pass.
    ///
    /// - Parameter text: The value that did not read.
    /// - Returns: A message without the value itself (import files hold personal data).
    public func problem(with text: String) -> String {
        if let pattern { return "expected a date in the form \(pattern)" }
        let expected = "expected an ISO 8601 date such as 2026-11-23 or 2026-11-23T10:00:00Z"
        guard let (first, second, separator) = Self.dayMonthShape(text) else { return expected }
        let dayFirst = "DD\(separator)MM\(separator)YYYY"
        let monthFirst = "MM\(separator)DD\(separator)YYYY"
        let suggestion: String
        if first > 12, second <= 12 {
            suggestion = "--date-format \(dayFirst)"
        } else if second > 12, first <= 12 {
            suggestion = "--date-format \(monthFirst)"
        } else {
            suggestion = "--date-format \(dayFirst) (day first) or \(monthFirst) (month first)"
        }
        return expected
            + "; this date is not year-first and its order is never guessed: pass \(suggestion)"
    }

    /// The first two numbers and the separator of a text shaped like `01-02-2018`, `1/2/2018`
    /// or `01.02.2018 10:00`.
    private static func dayMonthShape(_ text: String) -> (Int, Int, Character)? {
        let head = text.trimmingCharacters(in: .whitespaces).prefix { $0 != " " && $0 != "T" }
        guard let separator = head.first(where: { "-/.".contains($0) }) else { return nil }
        let parts = head.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let first = Int(parts[0]), let second = Int(parts[1]), Int(parts[2]) != nil,
            parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 || parts[2].count == 2
        else { return nil }
        return (first, second, separator)
    }

    // MARK: - Patterns

    private static func tokens(of pattern: String) throws -> [Token] {
        let scalars = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        func fail(_ message: String) -> ImportError {
            ImportError(.invalidDateFormat, column: "--date-format", message: message)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            var run = 1
            while index + run < scalars.count, scalars[index + run] == scalar { run += 1 }
            let letter = Character(scalar)
            switch (letter, run) {
            case ("Y", 4): tokens.append(.year)
            case ("M", 1), ("M", 2): tokens.append(.month)
            case ("D", 1), ("D", 2): tokens.append(.day)
            case ("H", 1), ("H", 2): tokens.append(.hour24)
            case ("h", 1), ("h", 2): tokens.append(.hour12)
            case ("A", 1), ("a", 1): tokens.append(.meridiem)
            case ("m", 2): tokens.append(.minute)
            case ("s", 2): tokens.append(.second)
            case ("S", _): tokens.append(.fraction)
            case ("Z", 1): tokens.append(.offset)
            case ("T", 1): tokens.append(.literal(UInt8(ascii: "T")))
            case ("'", _):
                guard let close = scalars[(index + 1)...].firstIndex(of: "'") else {
                    throw fail("a quote in the pattern is not closed; quote literal text as 'at'")
                }
                for literal in scalars[(index + 1)..<close] {
                    guard literal.isASCII else { throw fail("quoted text must be plain ASCII") }
                    tokens.append(.literal(UInt8(literal.value)))
                }
                index = close + 1
                continue
            default:
                if letter.isLetter {
                    throw fail(
                        "\"\(String(repeating: letter, count: run))\" is not a date token; use YYYY, MM, DD, HH, hh, A, mm, ss, SSS, Z, and quote other letters"
                    )
                }
                guard scalar.isASCII else { throw fail("a separator must be plain ASCII, such as - / . : or a space") }
                for _ in 0..<run { tokens.append(.literal(UInt8(scalar.value))) }
            }
            index += run
        }
        let kinds = Set(tokens)
        guard kinds.contains(.year), kinds.contains(.month), kinds.contains(.day) else {
            throw fail("a date pattern needs YYYY, MM and DD, such as DD-MM-YYYY")
        }
        guard kinds.contains(.hour12) == kinds.contains(.meridiem),
            !(kinds.contains(.hour12) && kinds.contains(.hour24))
        else {
            throw fail("a 12-hour clock needs both hh and A (AM/PM), such as MM/DD/YYYY hh:mm A; use HH for 24 hours")
        }
        let counts = tokens.reduce(into: [Token: Int]()) { counts, token in
            if case .literal = token { return }
            counts[token, default: 0] += 1
        }
        if let repeated = counts.first(where: { $0.value > 1 }) {
            throw fail("the pattern gives the same part twice (\(repeated.key)); give each once")
        }
        return tokens
    }

    // MARK: - Reading

    /// The parts of a date as read.
    private struct Fields {
        var year = 0
        var month = 0
        var day = 0
        var hour = 0
        var minute = 0
        var second = 0
        var nanosecond = 0
        var pm: Bool?
        /// Seconds east of UTC, when the text gives an offset.
        var offset: Int?

        func instant(in zone: TimeZone) -> Date? {
            var hour = hour
            if let pm {
                guard (1...12).contains(hour) else { return nil }
                hour = hour % 12 + (pm ? 12 : 0)
            }
            guard (1...12).contains(month), (1...31).contains(day), hour <= 23, minute <= 59, second <= 60,
                day <= Self.daysIn(month, of: year)
            else { return nil }
            let days = Self.daysSinceEpoch(year: year, month: month, day: day)
            let local = Double(days * 86_400 + hour * 3_600 + minute * 60 + second)
            let fraction = Double(nanosecond) / 1e9
            if let offset { return Date(timeIntervalSince1970: local - Double(offset) + fraction) }
            if ImportDateFormat.isUTC(zone) {
                return Date(timeIntervalSince1970: local + fraction)
            }
            return Date(timeIntervalSince1970: Self.utc(ofLocal: local, in: zone) + fraction)
        }

        /// The UTC instant of a wall-clock time in `zone`: the earlier of two in a repeated
        /// hour, moved forward by the gap in a skipped one.
        private static func utc(ofLocal local: Double, in zone: TimeZone) -> Double {
            let before = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local - 86_400)))
            let after = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local + 86_400)))
            var valid: [Double] = []
            for offset in [before, after] {
                let candidate = local - offset
                if Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: candidate))) == offset {
                    valid.append(candidate)
                }
            }
            // Skipped: read with the offset in force before the change, which lands after it.
            return valid.min() ?? local - before
        }

        static func daysIn(_ month: Int, of year: Int) -> Int {
            switch month {
            case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
            case 4, 6, 9, 11: return 30
            default: return 31
            }
        }

        /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
        static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }
    }

    /// A cursor over the value's bytes.
    private struct Cursor {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(_ bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        var atEnd: Bool { index == bytes.endIndex }

        mutating func digits(min: Int, max: Int) -> Int? {
            var value = 0
            var count = 0
            while count < max, index < bytes.endIndex, (48...57).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
                count += 1
            }
            return count >= min ? value : nil
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.endIndex, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func takeLetter(_ lower: UInt8) -> Bool { take(lower) || take(lower - 32) }

        /// A fraction of a second: 1 to 9 digits, as nanoseconds.
        mutating func fraction() -> Int? {
            let start = index
            guard let value = digits(min: 1, max: 9) else { return nil }
            var scaled = value
            for _ in 0..<(9 - (index - start)) { scaled *= 10 }
            return scaled
        }

        /// `Z`, `+01:00`, `+0100` or `+01`, as seconds east of UTC.
        mutating func offset() -> Int? {
            if takeLetter(UInt8(ascii: "z")) { return 0 }
            let sign: Int
            if take(UInt8(ascii: "+")) {
                sign = 1
            } else if take(UInt8(ascii: "-")) {
                sign = -1
            } else {
                return nil
            }
            guard let hours = digits(min: 2, max: 2), hours <= 18 else { return nil }
            var minutes = 0
            if !atEnd {
                _ = take(UInt8(ascii: ":"))
                guard let parsed = digits(min: 2, max: 2), parsed < 60 else { return nil }
                minutes = parsed
            }
            return sign * (hours * 3_600 + minutes * 60)
        }
    }

    private func read(_ bytes: ArraySlice<UInt8>, into fields: inout Fields) -> Bool {
        var cursor = Cursor(bytes)
        func number(_ field: WritableKeyPath<Fields, Int>, digits: ClosedRange<Int>) -> Bool {
            guard let value = cursor.digits(min: digits.lowerBound, max: digits.upperBound) else { return false }
            fields[keyPath: field] = value
            return true
        }
        for token in tokens {
            switch token {
            case .year: guard number(\.year, digits: 4...4) else { return false }
            case .month: guard number(\.month, digits: 1...2) else { return false }
            case .day: guard number(\.day, digits: 1...2) else { return false }
            case .hour24, .hour12: guard number(\.hour, digits: 1...2) else { return false }
            case .minute: guard number(\.minute, digits: 2...2) else { return false }
            case .second: guard number(\.second, digits: 2...2) else { return false }
            case .fraction:
                guard let value = cursor.fraction() else { return false }
                fields.nanosecond = value
            case .meridiem:
                if cursor.takeLetter(UInt8(ascii: "a")) {
                    fields.pm = false
                } else if cursor.takeLetter(UInt8(ascii: "p")) {
                    fields.pm = true
                } else {
                    return false
                }
                guard cursor.takeLetter(UInt8(ascii: "m")) else { return false }
            case .offset:
                guard let value = cursor.offset() else { return false }
                fields.offset = value
            case .literal(let byte):
                guard cursor.take(byte) else { return false }
            }
        }
        return cursor.atEnd
    }

    /// ISO 8601: `2026-11-23`, `2026-11-23T10:00`, `2026-11-23T10:00:00`,
    /// `2026-11-23T10:00:00.250Z`, `2026-11-23T10:00:00+01:00` (or `+0100`, `+01`); a space may
    /// stand for the `T`.
    private static func readISO(_ bytes: ArraySlice<UInt8>, into fields: inout Fields) -> Bool {
        var cursor = Cursor(bytes)
        guard let year = cursor.digits(min: 4, max: 4), cursor.take(UInt8(ascii: "-")),
            let month = cursor.digits(min: 2, max: 2), cursor.take(UInt8(ascii: "-")),
            let day = cursor.digits(min: 2, max: 2)
        else { return false }
        fields.year = year
        fields.month = month
        fields.day = day
        if cursor.atEnd { return true }
        guard cursor.takeLetter(UInt8(ascii: "t")) || cursor.take(UInt8(ascii: " ")),
            let hour = cursor.digits(min: 2, max: 2), cursor.take(UInt8(ascii: ":")),
            let minute = cursor.digits(min: 2, max: 2)
        else { return false }
        fields.hour = hour
        fields.minute = minute
        if cursor.take(UInt8(ascii: ":")) {
            guard let second = cursor.digits(min: 2, max: 2) else { return false }
            fields.second = second
            if cursor.take(UInt8(ascii: ".")) || cursor.take(UInt8(ascii: ",")) {
                // More than nine digits: the rest is below a nanosecond.
                guard let nanosecond = cursor.fraction() else { return false }
                fields.nanosecond = nanosecond
                while !cursor.atEnd, (48...57).contains(cursor.bytes[cursor.index]) { cursor.index += 1 }
            }
        }
        if !cursor.atEnd {
            guard let offset = cursor.offset() else { return false }
            fields.offset = offset
        }
        return cursor.atEnd
    }
}
