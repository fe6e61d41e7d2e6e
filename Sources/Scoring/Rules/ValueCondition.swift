public import LeadModel

/// One test of a value: the part of a fit rule, an ICP criterion or a signal-property condition
/// that says what the value must be.
///
/// Exactly one test is given. In JSON the test's keys sit next to the rule's own keys:
///
/// ```json
/// {"field": "industry", "oneOf": ["healthcare", "fintech"]}
/// {"field": "employees", "min": 200, "max": 2000}
/// {"field": "title", "contains": ["student", "intern"]}
/// {"field": "email", "matches": "@(rival|competitor)\\.com$"}
/// {"field": "useCase", "present": true}
/// {"field": "phone", "missing": true}
/// ```
///
/// Text comparisons (`equals`, `oneOf`, `contains`) ignore case. Numbers compare as numbers; a
/// text value that reads as a number (`"250"`) counts as one. A list value matches when any of
/// its items does. `matches` is a regular expression searched anywhere in the text (anchor it
/// with `^…$`; write `(?i)` to ignore case).
public struct ValueCondition: Hashable, Sendable, Codable {
    /// The value equals this one (text ignoring case, numbers numerically).
    public var equals: AttributeValue?
    /// The value equals one of these.
    public var oneOf: [AttributeValue]?
    /// The value is a number at least this (inclusive).
    public var min: Double?
    /// The value is a number at most this (inclusive).
    public var max: Double?
    /// The value's text contains any of these, ignoring case. JSON: a string or a list.
    public var contains: [String]?
    /// The value's text matches this regular expression (searched, not anchored).
    public var matches: String?
    /// `true`: the value is present (not missing or blank); `false`: it is missing.
    public var present: Bool?
    /// `true`: the value is missing or blank. The same as `"present": false`.
    public var missing: Bool?

    /// Makes a condition; give exactly one test.
    public init(
        equals: AttributeValue? = nil, oneOf: [AttributeValue]? = nil, min: Double? = nil, max: Double? = nil,
        contains: [String]? = nil, matches: String? = nil, present: Bool? = nil, missing: Bool? = nil
    ) {
        self.equals = equals
        self.oneOf = oneOf
        self.min = min
        self.max = max
        self.contains = contains
        self.matches = matches
        self.present = present
        self.missing = missing
    }

    /// The value equals `value`.
    public static func equals(_ value: AttributeValue) -> ValueCondition { ValueCondition(equals: value) }
    /// The value is one of `values`.
    public static func oneOf(_ values: [AttributeValue]) -> ValueCondition { ValueCondition(oneOf: values) }
    /// The value is a number in `min…max`; either bound may be `nil`.
    public static func range(min: Double?, max: Double?) -> ValueCondition { ValueCondition(min: min, max: max) }
    /// The value's text contains any of `needles`, ignoring case.
    public static func contains(_ needles: String...) -> ValueCondition { ValueCondition(contains: needles) }
    /// The value's text matches the regular expression `pattern`.
    public static func matches(_ pattern: String) -> ValueCondition { ValueCondition(matches: pattern) }
    /// The value is present.
    public static let present = ValueCondition(present: true)
    /// The value is missing or blank.
    public static let missing = ValueCondition(missing: true)

    /// The names of the tests given, in a fixed order.
    var testNames: [String] {
        var names: [String] = []
        if equals != nil { names.append("equals") }
        if oneOf != nil { names.append("oneOf") }
        if min != nil || max != nil { names.append("min/max") }
        if contains != nil { names.append("contains") }
        if matches != nil { names.append("matches") }
        if present != nil { names.append("present") }
        if missing != nil { names.append("missing") }
        return names
    }

    /// Every problem with the condition, with paths relative to the object holding it.
    ///
    /// - Parameter prefix: the path of that object, such as `fit[3]`.
    public func problems(at prefix: String) -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        let names = testNames
        if names.isEmpty {
            found.append(
                (prefix, "no test given; use one of equals, oneOf, min/max, contains, matches, present, missing"))
        } else if names.count > 1 {
            found.append((prefix, "more than one test given (\(names.joined(separator: ", "))); give exactly one"))
        }
        if let min, let max, min > max {
            found.append(
                ("\(prefix).min", "min \(TextMatching.format(min)) is greater than max \(TextMatching.format(max))"))
        }
        for (key, bound) in [("min", min), ("max", max)] where bound.map({ !$0.isFinite }) ?? false {
            found.append(("\(prefix).\(key)", "the bound is not a finite number"))
        }
        if let oneOf, oneOf.isEmpty { found.append(("\(prefix).oneOf", "the list is empty; nothing can match")) }
        if let contains {
            if contains.isEmpty { found.append(("\(prefix).contains", "the list is empty; nothing can match")) }
            for (index, needle) in contains.enumerated() where needle.isEmpty {
                found.append(
                    (
                        contains.count == 1 ? "\(prefix).contains" : "\(prefix).contains[\(index)]",
                        "the text is empty; it would match everything"
                    ))
            }
        }
        if let matches {
            if let message = CompiledPattern.problem(matches) {
                found.append(("\(prefix).matches", message))
            }
        }
        if let present, let missing, present == missing {
            found.append(("\(prefix).missing", "present and missing contradict each other"))
        }
        return found
    }

    private enum CodingKeys: String, CodingKey {
        case equals, oneOf, min, max, contains, matches, present, missing
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        equals = try container.decodeIfPresent(AttributeValue.self, forKey: .equals)
        oneOf = try container.decodeIfPresent([AttributeValue].self, forKey: .oneOf)
        min = try container.decodeIfPresent(Double.self, forKey: .min)
        max = try container.decodeIfPresent(Double.self, forKey: .max)
        if let single = try? container.decodeIfPresent(String.self, forKey: .contains) {
            contains = [single]
        } else {
            contains = try container.decodeIfPresent([String].self, forKey: .contains)
        }
        matches = try container.decodeIfPresent(String.self, forKey: .matches)
        present = try container.decodeIfPresent(Bool.self, forKey: .present)
        missing = try container.decodeIfPresent(Bool.self, forKey: .missing)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(equals, forKey: .equals)
        try container.encodeIfPresent(oneOf, forKey: .oneOf)
        try container.encodeIfPresent(min, forKey: .min)
        try container.encodeIfPresent(max, forKey: .max)
        if let contains {
            if contains.count == 1 {
                try container.encode(contains[0], forKey: .contains)
            } else {
                try container.encode(contains, forKey: .contains)
            }
        }
        try container.encodeIfPresent(matches, forKey: .matches)
        try container.encodeIfPresent(present, forKey: .present)
        try container.encodeIfPresent(missing, forKey: .missing)
    }
}
