import LeadModel

/// A rule prepared for fast matching: conditions with slot indexes, lowercased value sets, and
/// the trail texts written once.
struct CompiledRule: Sendable {
    enum Test: Sendable {
        case oneOf(Set<String>)
        case noneOf(Set<String>)
        case range(Double?, Double?)
        case exists(Bool)
    }

    struct Condition: Sendable {
        let slot: Int
        let test: Test
        /// `no match: country is not one of US, CA`.
        let failure: String
        /// `country is one of US, CA`.
        let summary: String
    }

    let key: String
    let conditions: [Condition]
    let target: RoutingTarget
    let matchedDetail: String

    init(_ rule: RoutingRule, slots: inout [FieldSlot]) {
        key = "rule:\(rule.name)"
        target = rule.target
        conditions = rule.when.map { condition in
            let slot = FieldSlot(condition.field)
            let index = slots.firstIndex(of: slot) ?? slots.count
            if index == slots.count { slots.append(slot) }
            let field = condition.field
            let test: Test
            let summary: String
            if let values = condition.in {
                test = .oneOf(Set(values.map { $0.lowercased() }))
                summary = "\(field) is one of \(values.joined(separator: ", "))"
            } else if let values = condition.notIn {
                test = .noneOf(Set(values.map { $0.lowercased() }))
                summary = "\(field) is none of \(values.joined(separator: ", "))"
            } else if let exists = condition.exists {
                test = .exists(exists)
                summary = exists ? "\(field) is present" : "\(field) is absent"
            } else {
                test = .range(condition.min, condition.max)
                let low = condition.min.map { "at least \(AttributeValue.number($0).text)" }
                let high = condition.max.map { "at most \(AttributeValue.number($0).text)" }
                summary = "\(field) is " + [low, high].compactMap { $0 }.joined(separator: " and ")
            }
            return Condition(slot: index, test: test, failure: "no match: not (\(summary))", summary: summary)
        }
        matchedDetail =
            conditions.isEmpty
            ? "matched (no conditions); \(rule.target)"
            : "matched: \(conditions.map(\.summary).joined(separator: "; ")); \(rule.target)"
    }

    /// The trail text of the first condition that fails, or `nil` when the rule matches.
    func firstFailure(input: RoutingInput, router: RuleRouter, values: inout FieldValues) -> String? {
        for condition in conditions {
            let value = values.value(condition.slot) { router.resolve(router.slots[condition.slot], input: input) }
            if !Self.holds(condition.test, value) { return condition.failure }
        }
        return nil
    }

    private static func holds(_ test: Test, _ value: FieldValue) -> Bool {
        switch test {
        case .oneOf(let set): return value.texts.contains { set.contains($0) }
        case .noneOf(let set): return !value.texts.contains { set.contains($0) }
        case .exists(let wanted): return value.isMissing != wanted
        case .range(let low, let high):
            guard let number = value.number else { return false }
            return (low.map { number >= $0 } ?? true) && (high.map { number <= $0 } ?? true)
        }
    }
}
