import Foundation

/// The rules that turn import text into typed values. Pure functions, internal to the importer;
/// documented here because they decide what ends up in the journal.
enum ImportValueParser {
    /// Texts that mean "no value": blanks and common "no value" markers, compared case-insensitively.
    static let missingMarkers: Set<String> = ["", "n/a", "#n/a", "null", "-"]

    /// The longest marker, in bytes: longer texts are never markers.
    private static let longestMarker = missingMarkers.map(\.utf8.count).max()!

    /// Whether `text` is blank or a "no value" marker such as `N/A`, `null` or `-`.
    static func isMissing(_ text: String) -> Bool {
        present(text) == nil
    }

    /// The trimmed text, or `nil` when it is blank or a "no value" marker.
    static func present(_ text: String) -> String? {
        let trimmed = trimmed(text)
        guard trimmed.utf8.count <= longestMarker else { return trimmed }
        return missingMarkers.contains(trimmed.lowercased()) ? nil : trimmed
    }

    /// The character sets trimming uses, made once: Foundation's static getters build a new
    /// set (with a dynamic cast) on every call, and a default argument calls them before the
    /// fast path below could skip them, which was 5% of a large import.
    private static let whitespacesAndNewlines = CharacterSet.whitespacesAndNewlines
    private static let whitespaces = CharacterSet.whitespaces

    /// `text` without surrounding white space (and newlines, unless `newlines` is false). Most
    /// cells have none, and checking the ends first spares every cell of a large import
    /// Foundation's trimming.
    private static func trimmed(_ text: String, newlines: Bool = true) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        // Printable ASCII at both ends (the usual cell) needs no character set at all.
        if (0x21...0x7E).contains(first.value), (0x21...0x7E).contains(last.value) { return text }
        let edges = newlines ? whitespacesAndNewlines : whitespaces
        guard edges.contains(first) || edges.contains(last) else { return text }
        return text.trimmingCharacters(in: edges)
    }

    /// A number written plainly: an optional sign, digits, an optional `.` and fraction.
    ///
    /// Thousands separators are accepted only in the unambiguous US form, a comma before every
    /// group of exactly three digits (`1,200`, `12,345.5`); `1,5` and `1.200.000` are not numbers.
    /// Integers with a leading zero (`02134`, a ZIP code) and integer parts over 15 digits (ids
    /// that would lose precision) are not numbers either, nor are `1e5`, `inf` or `nan`.
    static func number(_ text: String) -> Double? {
        if let plain = plainInteger(text) { return plain }
        var text = Substring(trimmed(text, newlines: false))
        var sign = ""
        if let first = text.first, first == "-" || first == "+" {
            if first == "-" { sign = "-" }
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let integerPart = parts.first, !integerPart.isEmpty else { return nil }
        var integerDigits = ""
        if integerPart.utf8.contains(UInt8(ascii: ",")) {
            let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
            integerDigits = groups.joined()
        } else {
            integerDigits = String(integerPart)
        }
        guard integerDigits.allSatisfy({ $0.isASCII && $0.isNumber }), integerDigits.count <= 15,
            integerDigits == "0" || !integerDigits.hasPrefix("0")
        else { return nil }
        var plain = sign + integerDigits
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return nil
            }
            plain += "." + fraction
        }
        return Double(plain)
    }

    /// The value of `text` when it is only ASCII digits, 1 to 15 of them and without a leading
    /// zero (or `0` itself), the commonest number in a cell; `nil` for anything else, which
    /// ``number(_:)`` reads the long way.
    private static func plainInteger(_ text: String) -> Double? {
        let utf8 = text.utf8
        guard (1...15).contains(utf8.count), utf8.first != UInt8(ascii: "0") || utf8.count == 1 else { return nil }
        var value = 0
        for byte in utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return Double(value)
    }

    /// `true`/`yes`/`y`/`1` or `false`/`no`/`n`/`0`, case-insensitively.
    static func bool(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "y", "1": return true
        case "false", "no", "n", "0": return false
        default: return nil
        }
    }

    /// An ISO 8601 date: `2026-11-23`, `2026-11-23T10:00`, `2026-11-23T10:00:00`,
    /// `2026-11-23T10:00:00.250Z`, `2026-11-23T10:00:00+01:00` (or `+0100`, `+01`). A space may
    /// stand for the `T`. Without a zone the time is read as UTC; a date alone is midnight UTC.
    /// ``ImportDateFormat`` reads other patterns and time zones.
    static func date(_ text: String) -> Date? {
        ImportDateFormat.iso8601.date(from: text)
    }

    /// Text from a JSON number: integral numbers without a fraction (`4155550100`, not
    /// `4155550100.0`).
    static func text(of number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
