import Foundation

/// One result line: how many operations took how long, and optionally how that compares with a
/// baseline. Printed as one JSON object per line (see `Documentation/Benchmarks.md`).
struct Measurement: Sendable {
    /// A JSON number or string, for the extra fields of a line.
    enum Value: Sendable {
        case int(Int)
        case double(Double)
        case string(String)
    }

    /// The benchmark's name.
    var name: String
    /// How many operations (events, encodes, decodes) were timed.
    var count: Int
    /// Wall-clock seconds for `count` operations.
    var seconds: Double
    /// What the rate was compared with (`sqlite-wal-full`, `full-replay`), if anything.
    var baseline: String?
    /// The baseline's operations per second.
    var baselineRate: Double?
    /// Extra fields, printed in order after the standard ones.
    var extra: [(key: String, value: Value)] = []

    /// Operations per second.
    var rate: Double { seconds > 0 ? Double(count) / seconds : 0 }

    /// Our rate divided by the baseline's: above 1 means faster than the baseline.
    var ratio: Double? {
        guard let baselineRate, baselineRate > 0 else { return nil }
        return rate / baselineRate
    }

    /// Adds (or replaces) an extra field.
    mutating func set(_ key: String, _ value: Value) {
        extra.removeAll { $0.key == key }
        extra.append((key, value))
    }

    /// The measurement as one line of JSON, fields in a fixed order.
    var jsonLine: String {
        var fields: [(String, Value)] = [
            ("name", .string(name)), ("count", .int(count)), ("seconds", .double(seconds)),
            ("rate", .double(rate)),
        ]
        if let baseline { fields.append(("baseline", .string(baseline))) }
        if let baselineRate { fields.append(("baselineRate", .double(baselineRate))) }
        if let ratio { fields.append(("ratio", .double(ratio))) }
        fields += extra.map { ($0.key, $0.value) }
        let body = fields.map { "\(Self.quote($0.0)):\(Self.render($0.1))" }
        return "{" + body.joined(separator: ",") + "}"
    }

    private static func render(_ value: Value) -> String {
        switch value {
        case .int(let number): return String(number)
        case .double(let number):
            guard number.isFinite else { return "null" }
            // Six significant digits, written without an exponent where that stays short.
            let magnitude = abs(number)
            guard magnitude >= 1e-4, magnitude < 1e15 else { return String(format: "%.6g", number) }
            let decimals = max(0, 5 - Int(log10(magnitude).rounded(.down)))
            return String(format: "%.\(decimals)f", number)
        case .string(let text): return quote(text)
        }
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
