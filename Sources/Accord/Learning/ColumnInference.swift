import Foundation
public import Scoring

/// How a CSV column's type was inferred, and what its values were.
///
/// A column is numeric when at least ``numericShare`` of its present values read as numbers;
/// otherwise categorical. Present means not blank and not a "no value" marker (``isMissing(_:)``).
/// In a numeric column the few values that are not numbers become missing (and are counted in
/// ``unparsed``); in a categorical column every present value is a category, compared trimmed and
/// case-insensitively.
public struct ColumnInference: Hashable, Sendable, Codable {
    /// The share of present values that must read as numbers for a numeric column.
    public static let numericShare = 0.95

    /// Texts that mean "no value", compared trimmed and case-insensitively.
    public static let missingMarkers: Set<String> = [
        "", "n/a", "#n/a", "na", "null", "nil", "none", "-", "--", "?", "unknown", "nan", "not available",
    ]

    public var name: String
    public var kind: FeatureKind
    /// Rows with a present value.
    public var present: Int
    /// Rows that were blank or held a "no value" marker.
    public var missing: Int
    /// Numeric columns: present values that did not read as numbers and became missing.
    public var unparsed: Int

    /// Whether `text` is blank or a "no value" marker such as `N/A`, `null`, `-` or `unknown`.
    public static func isMissing(_ text: String) -> Bool {
        // No marker starts with a digit: the common case of a number is decided without trimming.
        if let first = text.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") { return false }
        return missingMarkers.contains(normalised(text))
    }

    /// `text` trimmed and lowercased; plain lowercase ASCII without surrounding spaces (the
    /// common case) is returned as it is, without Foundation's work.
    static func normalised(_ text: String) -> String {
        var plain = true
        let utf8 = text.utf8
        for byte in utf8 where byte >= 0x80 || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) {
            plain = false
            break
        }
        if plain, let first = utf8.first, let last = utf8.last, first > 0x20, last > 0x20 { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// `text` as a number: plain (`-12.5`), with US thousands separators (`1,200`), with a
    /// leading currency sign (`$1,200`) or a trailing percent sign (`12%` is 12). Integers with a
    /// leading zero (a ZIP code such as `02134`) are not numbers.
    public static func number(_ text: String) -> Double? {
        if let value = plainNumber(text) { return value }
        // No accepted form starts with a letter: categories are turned down without Foundation.
        if let first = text.utf8.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") {
            return nil
        }
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let value = ImportValueParser.number(trimmed) { return value }
        if let first = trimmed.first, "$€£".contains(first) { trimmed.removeFirst() }
        if trimmed.hasSuffix("%") { trimmed.removeLast() }
        return ImportValueParser.number(trimmed.trimmingCharacters(in: .whitespaces))
    }

    /// The fast path of ``number(_:)``: `-?digits(.digits)?` with no spaces, separators or
    /// signs, and no leading zero on a whole number; `nil` for anything else (which then takes the
    /// full path).
    static func plainNumber(_ text: String) -> Double? {
        var digitsBeforePoint = 0
        var digitsAfterPoint = 0
        var sawPoint = false
        var leadingZero = false
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0:
                continue
            case UInt8(ascii: "."):
                if sawPoint { return nil }
                sawPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawPoint {
                    digitsAfterPoint += 1
                } else {
                    if digitsBeforePoint == 0, byte == UInt8(ascii: "0") { leadingZero = true }
                    digitsBeforePoint += 1
                }
            default:
                return nil
            }
        }
        guard digitsBeforePoint > 0, digitsBeforePoint <= 15, !sawPoint || digitsAfterPoint > 0 else { return nil }
        if leadingZero, digitsBeforePoint > 1 { return nil }
        return Double(text)
    }

    /// Infers a column's type from its texts.
    ///
    /// - Parameters:
    ///   - name: the column's name.
    ///   - texts: every row's text in the column.
    public init(name: String, texts: some Collection<String>) {
        var present = 0
        var numbers = 0
        for text in texts where !Self.isMissing(text) {
            present += 1
            if Self.number(text) != nil { numbers += 1 }
        }
        self.name = name
        self.present = present
        self.missing = texts.count - present
        let numeric = present > 0 && Double(numbers) >= Self.numericShare * Double(present)
        self.kind = numeric ? .numeric : .categorical
        self.unparsed = numeric ? present - numbers : 0
    }

    /// The raw feature value of `text` in this column.
    public func value(_ text: String) -> FeatureValue {
        if Self.isMissing(text) { return .missing }
        switch kind {
        case .numeric: return Self.number(text).map(FeatureValue.number) ?? .missing
        case .categorical: return .category(Self.normalised(text))
        }
    }
}
