import LeadModel

/// The rules compiled into flat tables of plain values, so that trying 200 rules touches no
/// reference counts and hashes each field of the lead once: every text a condition lists is
/// interned per field as a small integer, and a lead's value is looked up once per decision.
struct RuleTable: Sendable {
    /// What a condition reads.
    enum Slot: Hashable, Sendable {
        case grade, score, fit, engagement, slaTier, stage, segment
        case lead(LeadField)

        init(_ name: String) {
            switch name {
            case "grade": self = .grade
            case "score": self = .score
            case "fit": self = .fit
            case "engagement": self = .engagement
            case "slaTier": self = .slaTier
            case "stage": self = .stage
            case "segment": self = .segment
            default: self = .lead(LeadField(rawValue: name))
            }
        }
    }

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
    private(set) var slots: [Slot] = []
    /// Per slot: each lowercased text a condition lists → its id.
    private(set) var dictionaries: [[String: Int32]] = []
    /// Per slot: each text as written in a condition → the id of its lowercased form, so a value
    /// written the same way needs no lowercasing.
    private(set) var exact: [[String: Int32]] = []
    /// Per slot: whether a range condition reads its number.
    private(set) var numeric: [Bool] = []
    /// The ids each `in` / `notIn` condition lists, back to back.
    private(set) var values: ContiguousArray<Int32> = []
    private(set) var conditions: ContiguousArray<Condition> = []
    /// Each rule's range in ``conditions``.
    private(set) var rules: ContiguousArray<Range<Int>> = []
    /// The trail entry when a condition is the first to fail, per condition.
    private(set) var failures: [Reason] = []
    /// The trail entry when a rule matches, per rule.
    private(set) var matches: [Reason] = []
    /// Per company-size segment: the id of its name in the `segment` slot, -1 when no condition
    /// lists it.
    private(set) var segmentIDs: [Int32] = []

    init(_ source: [RoutingRule], segments: [CompanySizeSegment]) {
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
            let what = summaries.isEmpty ? "matched (no conditions)" : "matched: \(summaries.joined(separator: "; "))"
            matches.append(Reason(rule: key, detail: "\(what); \(rule.target)"))
        }
        let segmentSlot = slots.firstIndex(of: .segment)
        segmentIDs = segments.map { segment in
            guard let segmentSlot else { return -1 }
            return dictionaries[segmentSlot][segment.name.lowercased()] ?? -1
        }
    }

    /// Adds a condition; returns its summary for the trail (`country is one of US, CA`).
    private mutating func add(_ condition: RoutingCondition) -> String {
        let slot = Slot(condition.field)
        let index: Int
        if let known = slots.firstIndex(of: slot) {
            index = known
        } else {
            index = slots.count
            slots.append(slot)
            dictionaries.append([:])
            exact.append([:])
            numeric.append(false)
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
                exact[index][text] = id
                exact[index][lowered] = id
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
            numeric[index] = true
            compiled.low = condition.min ?? -.infinity
            compiled.high = condition.max ?? .infinity
            let low = condition.min.map { "at least \(AttributeValue.number($0).text)" }
            let high = condition.max.map { "at most \(AttributeValue.number($0).text)" }
            summary = "\(field) is " + [low, high].compactMap { $0 }.joined(separator: " and ")
        }
        conditions.append(compiled)
        return summary
    }

    /// The id of a text in a slot: -1 when no condition lists it (in any case).
    @inline(__always)
    func id(of text: String, slot: Int) -> Int32 {
        if let id = exact[slot][text] { return id }
        if dictionaries[slot].isEmpty { return -1 }
        return dictionaries[slot][text.lowercased()] ?? -1
    }

    /// Whether a condition holds for a resolved value.
    @inline(__always)
    func holds(_ condition: Condition, _ value: SlotValue, _ extra: ContiguousArray<Int32>) -> Bool {
        switch condition.kind {
        case .oneOf: return !value.isMissing && value.matchesAny(values[condition.values], extra: extra)
        case .noneOf: return value.isMissing || !value.matchesAny(values[condition.values], extra: extra)
        case .range:
            guard !value.number.isNaN else { return false }
            return condition.low <= value.number && value.number <= condition.high
        case .exists: return value.isMissing != condition.wanted
        }
    }
}
