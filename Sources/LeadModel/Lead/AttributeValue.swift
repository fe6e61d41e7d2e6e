import Foundation

/// A typed value of a custom lead or account attribute, or of a signal property.
///
/// Attributes are typed so that rules can compare numbers as numbers and dates as dates:
/// `employees = 250` is a ``number(_:)``, never the string `"250"`. In JSON an attribute is the
/// plain JSON value; dates are written as `{"date": "2026-11-23T10:00:00Z"}` so that they are
/// not mistaken for strings.
public enum AttributeValue: Hashable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case date(Date)
    case list([String])

    /// The value as text, the way rules and reports print it.
    public var text: String {
        switch self {
        case .string(let value): return value
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .date(let value): return value.formatted(.iso8601)
        case .list(let values): return values.joined(separator: ", ")
        }
    }

    /// The value as a number, when it is one or is text that reads as one.
    public var number: Double? {
        switch self {
        case .number(let value): return value
        case .string(let value): return Double(value.trimmingCharacters(in: .whitespaces))
        case .bool, .date, .list: return nil
        }
    }
}

extension AttributeValue: Codable {
    private enum DateKey: String, CodingKey { case date }

    /// ISO 8601 with milliseconds, so that JSON exports keep sub-second times.
    static let preciseISO8601 = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: DateKey.self),
            let text = try? keyed.decode(String.self, forKey: .date)
        {
            guard
                let date = (try? Date(text, strategy: Self.preciseISO8601))
                    ?? (try? Date(text, strategy: .iso8601))
            else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath + [DateKey.date],
                        debugDescription: "expected an ISO 8601 date such as 2026-11-23T10:00:00Z"))
            }
            self = .date(date)
            return
        }
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String].self) {
            self = .list(value)
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "expected a string, number, boolean, list of strings or {\"date\": …}"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .list(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .date(let value):
            var container = encoder.container(keyedBy: DateKey.self)
            try container.encode(value.formatted(Self.preciseISO8601), forKey: .date)
        }
    }
}

extension AttributeValue: CustomStringConvertible {
    public var description: String { text }
}

extension AttributeValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
