import LeadModel

/// The rules compiled into flat tables of plain values, so that trying 200 rules touches no
/// reference counts and hashes each field of the lead once: every text a condition lists is
/// interned per field as a small integer, and a lead's value is looked up once per decision.
struct RuleTable: Sendable {
    enum Kind: UInt8, Sendable {
        case oneOf, noneOf, range, exists
    }

    struct Condition: Sendable {
        var slot: Int
        var kind: Kind
        var wanted: Bool
        var low: Double
        var high: Double
        var values: Range<Int>
    }

    /// What the conditions read, in order of first use.
    private(set) var slots: [FieldSlot] = []
    /// Per slot: each lowercased text a condition lists → its id.
    private(set) var dictionaries: [[String: Int32]] = []
    /// The ids each `in` / `notIn` condition lists, back to back.
    private(set) var values: ContiguousArray<Int32> = []
    private(set) var conditions: ContiguousArray<Condition> = []
    /// Each rule's range in ``conditions``.
    private(set) var rules: ContiguousArray<Range<Int>> = []
    private(set) var targets: [RoutingTarget] = []
    /// The trail entry when a condition is the first to fail, per condition.
    private(set) var failures: [Reason] = []
    /// The trail entry when a rule matches, per rule.
    private(set) var matches: [Reason] = []

    init(_ source: [RoutingRule]) {
        for rule in source {
            let key = "rule:\(rule.name)"
            let start = conditions.count
            var summaries: [String] = []
            for condition in rule.when {
                let summary = add(condition)
                summaries.append(summary)
                failures.append(Reason(rule: key, detail: "no match: not (\(summary))"))
            }
            rules.append(start..<conditions.count)
            targets.append(rule.target)
            let what = summaries.isEmpty ? "matched (no conditions)" : "matched: \(summaries.joined(separator: "; "))"
            matches.append(Reason(rule: key, detail: "\(what); \(rule.target)"))
        }
    }

    /// Adds a condition; returns its summary for the trail (`country is one of US, CA`).
    private mutating func add(_ condition: RoutingCondition) -> String {
        let slot = FieldSlot(condition.field)
        let index: Int
        if let known = slots.firstIndex(of: slot) {
            index = known
        } else {
            index = slots.count
            slots.append(slot)
            dictionaries.append([:])
        }
        let field = condition.field
        var compiled = Condition(
            slot: index, kind: .exists, wanted: true, low: -.infinity, high: .infinity, values: 0..<0)
        let summary: String
        if let list = condition.in ?? condition.notIn {
            compiled.kind = condition.in != nil ? .oneOf : .noneOf
            let start = values.count
            for text in list {
                let lowered = text.lowercased()
                let id = dictionaries[index][lowered] ?? Int32(dictionaries[index].count)
                dictionaries[index][lowered] = id
                values.append(id)
            }
            compiled.values = start..<values.count
            let verb = condition.in != nil ? "one" : "none"
            summary = "\(field) is \(verb) of \(list.joined(separator: ", "))"
        } else if let exists = condition.exists {
            compiled.wanted = exists
            summary = exists ? "\(field) is present" : "\(field) is absent"
        } else {
            compiled.kind = .range
            compiled.low = condition.min ?? -.infinity
            compiled.high = condition.max ?? .infinity
            let low = condition.min.map { "at least \(AttributeValue.number($0).text)" }
            let high = condition.max.map { "at most \(AttributeValue.number($0).text)" }
            summary = "\(field) is " + [low, high].compactMap { $0 }.joined(separator: " and ")
        }
        conditions.append(compiled)
        return summary
    }

    /// The index of the first matching rule, appending one trail entry per rule tried.
    ///
    /// - Parameters:
    ///   - trail: the trail to append to.
    ///   - resolve: the lead's value for a slot.
    func firstMatch(trail: inout [Reason], resolve: (FieldSlot) -> SlotValue.Raw) -> Int? {
        var cache = [SlotValue](repeating: SlotValue(), count: slots.count)
        for ruleIndex in rules.indices {
            var failed: Int?
            for conditionIndex in rules[ruleIndex] {
                let condition = conditions[conditionIndex]
                if !cache[condition.slot].isResolved {
                    cache[condition.slot] = SlotValue(resolve(slots[condition.slot]), ids: dictionaries[condition.slot])
                }
                if !holds(condition, cache[condition.slot]) {
                    failed = conditionIndex
                    break
                }
            }
            if let failed {
                trail.append(failures[failed])
            } else {
                trail.append(matches[ruleIndex])
                return ruleIndex
            }
        }
        return nil
    }

    private func holds(_ condition: Condition, _ value: SlotValue) -> Bool {
        switch condition.kind {
        case .oneOf: return !value.isMissing && value.matchesAny(values[condition.values])
        case .noneOf: return value.isMissing || !value.matchesAny(values[condition.values])
        case .range:
            guard let number = value.number else { return false }
            return condition.low <= number && number <= condition.high
        case .exists: return value.isMissing != condition.wanted
        }
    }
}
