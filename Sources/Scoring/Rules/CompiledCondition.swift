import Foundation
import LeadModel

/// A ``ValueCondition`` prepared for fast evaluation: text lowered, numbers parsed, patterns
/// compiled. Evaluating one allocates nothing for ASCII text.
///
/// A final class with constant properties, so that iterating rules retains one reference
/// instead of copying every field.
final class CompiledCondition: Sendable {
    enum Operand: Sendable {
        case text(lowered: String, number: Double?)
        case number(Double)
        case bool(Bool)
        case date(Date)
    }

    enum Test: Sendable {
        case oneOf([Operand])
        case range(min: Double, max: Double)
        case contains([String])
        case matches(CompiledPattern)
        case present
        case missing
        case never
    }

    let test: Test
    /// The condition in words for evidence, such as `in 200…2,000` or `one of healthcare, fintech`.
    let phrase: String

    init(_ condition: ValueCondition) {
        if let equals = condition.equals {
            test = .oneOf(Self.operands(equals))
            phrase = "is \(equals.text)"
        } else if let oneOf = condition.oneOf {
            test = .oneOf(oneOf.flatMap(Self.operands))
            phrase = "one of \(oneOf.map(\.text).joined(separator: ", "))"
        } else if condition.min != nil || condition.max != nil {
            let low = condition.min ?? -.infinity
            let high = condition.max ?? .infinity
            test = .range(min: low, max: high)
            switch (condition.min, condition.max) {
            case (let min?, let max?): phrase = "in \(TextMatching.format(min))…\(TextMatching.format(max))"
            case (let min?, nil): phrase = "at least \(TextMatching.format(min))"
            case (nil, let max?): phrase = "at most \(TextMatching.format(max))"
            case (nil, nil): phrase = ""
            }
        } else if let contains = condition.contains {
            let needles = contains.filter { !$0.isEmpty }.map { $0.lowercased() }
            test = needles.isEmpty ? .never : .contains(needles)
            phrase = "contains \(contains.map { "'\($0)'" }.joined(separator: " or "))"
        } else if let matches = condition.matches {
            test = matches.isEmpty ? .never : .matches(CompiledPattern(matches))
            phrase = "matches /\(matches)/"
        } else if let present = condition.present {
            test = present ? .present : .missing
            phrase = present ? "is present" : "is missing"
        } else if let missing = condition.missing {
            test = missing ? .missing : .present
            phrase = missing ? "is missing" : "is present"
        } else {
            test = .never
            phrase = "has no test"
        }
    }

    private static func operands(_ value: AttributeValue) -> [Operand] {
        switch value {
        case .string(let text): return [.text(lowered: text.lowercased(), number: Double(text))]
        case .number(let number): return [.number(number)]
        case .bool(let flag): return [.bool(flag)]
        case .date(let date): return [.date(date)]
        case .list(let items): return items.map { .text(lowered: $0.lowercased(), number: Double($0)) }
        }
    }

    /// Whether the test says nothing about the value itself (present / missing).
    var isPresence: Bool {
        switch test {
        case .present, .missing: return true
        default: return false
        }
    }

    /// Whether `value` (nil when missing) passes the test.
    func matches(_ value: AttributeValue?) -> Bool {
        switch test {
        case .present: return value != nil
        case .missing: return value == nil
        case .never: return false
        default: break
        }
        guard let value else { return false }
        if case .list(let items) = value {
            for item in items where matchesScalar(.string(item)) { return true }
            return false
        }
        return matchesScalar(value)
    }

    private func matchesScalar(_ value: AttributeValue) -> Bool {
        switch test {
        case .oneOf(let operands):
            for operand in operands where Self.equal(value, operand) { return true }
            return false
        case .range(let min, let max):
            guard let number = Self.number(value) else { return false }
            return number >= min && number <= max
        case .contains(let needles):
            let text = Self.text(value)
            for needle in needles where TextMatching.containsIgnoringCase(text, lowered: needle) { return true }
            return false
        case .matches(let pattern):
            return pattern.matches(Self.text(value))
        case .present, .missing, .never:
            return false
        }
    }

    @inline(__always)
    private static func text(_ value: AttributeValue) -> String {
        if case .string(let text) = value { return text }
        return value.text
    }

    @inline(__always)
    private static func number(_ value: AttributeValue) -> Double? {
        switch value {
        case .number(let number): return number
        case .string(let text): return Double(text) ?? value.number
        default: return nil
        }
    }

    private static func equal(_ value: AttributeValue, _ operand: Operand) -> Bool {
        switch (value, operand) {
        case (.string(let text), .text(let lowered, _)):
            return TextMatching.equalsIgnoringCase(text, lowered: lowered)
        case (.number(let number), .text(_, let parsed?)):
            return number == parsed
        case (.number(let number), .number(let other)):
            return number == other
        case (.string, .number(let other)):
            return number(value) == other
        case (.bool(let flag), .bool(let other)):
            return flag == other
        case (.string(let text), .bool(let other)):
            return TextMatching.equalsIgnoringCase(text, lowered: other ? "true" : "false")
        case (.date(let date), .date(let other)):
            return date == other
        default:
            return false
        }
    }
}
