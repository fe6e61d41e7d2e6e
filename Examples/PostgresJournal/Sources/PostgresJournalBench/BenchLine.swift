import Foundation

/// One result line in `accord-bench`'s format: a JSON object with `name`, `count`, `seconds`,
/// `rate` and, when compared with a baseline, `baseline`, `baselineRate` and `ratio`, then extra
/// fields (see `Documentation/Benchmarks.md`).
struct BenchLine {
    var name: String
    var count: Int
    var seconds: Double
    var baseline: String?
    var baselineRate: Double?
    var extra: [(String, String)] = []

    var rate: Double { seconds > 0 ? Double(count) / seconds : 0 }

    /// Adds a field whose value is already JSON (a number or a quoted string).
    mutating func set(_ key: String, json: String) {
        extra.append((key, json))
    }

    var jsonLine: String {
        var fields: [(String, String)] = [
            ("name", Self.quote(name)), ("count", String(count)), ("seconds", Self.number(seconds)),
            ("rate", Self.number(rate)),
        ]
        if let baseline, let baselineRate, baselineRate > 0 {
            fields.append(("baseline", Self.quote(baseline)))
            fields.append(("baselineRate", Self.number(baselineRate)))
            fields.append(("ratio", Self.number(rate / baselineRate)))
        }
        fields += extra
        return "{" + fields.map { "\(Self.quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    /// Six significant digits, without an exponent where that stays short.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let magnitude = abs(value)
        guard magnitude >= 1e-4, magnitude < 1e15 else { return String(format: "%.6g", value) }
        let decimals = max(0, 5 - Int(log10(magnitude).rounded(.down)))
        return String(format: "%.\(decimals)f", value)
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
