import Foundation

/// RFC 4180 CSV text: a field with a comma, a quote or a line break is quoted, quotes doubled.
public enum CSVText {
    /// One field, quoted when needed.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of fields, without the line break.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }
}
