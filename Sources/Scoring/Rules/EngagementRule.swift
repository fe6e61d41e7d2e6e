public import LeadModel

/// Points for what the lead did: signals of some kinds, optionally with property conditions, a
/// minimum count and a time window.
///
/// ```json
/// {"name": "opened-3-emails", "kinds": ["email-opened"], "atLeast": 3, "withinDays": 30,
///  "points": 10, "label": "emails opened"}
/// {"name": "pricing-page", "kinds": ["pricing-page-visited", "link-clicked"],
///  "where": [{"property": "url", "contains": ["pricing", "quote"]}], "points": 20}
/// {"name": "content", "kinds": ["content-downloaded"], "points": 5, "per": "occurrence", "cap": 15}
/// {"name": "unsubscribed", "kinds": ["unsubscribed"], "points": -20, "decays": false}
/// ```
///
/// A signal *qualifies* when its kind is listed, every `where` condition holds, it happened at
/// or before `now`, and — with `withinDays` — no more than that many days before `now`. With
/// fewer than `atLeast` qualifying signals the rule gives nothing. Otherwise, `per: "once"` (the
/// default) gives `points` once, decayed by the age of the newest qualifying signal;
/// `per: "occurrence"` gives `points` for each qualifying signal, each decayed by its own age.
/// `cap` bounds the rule's total (from above for positive points, from below for negative
/// ones). Set `decays` to `false` for facts that do not fade, such as an unsubscribe.
public struct EngagementRule: Hashable, Sendable, Codable {
    /// How often a rule gives its points.
    public enum Counting: String, Hashable, Sendable, Codable {
        /// Once, when at least `atLeast` signals qualify.
        case once
        /// For every qualifying signal.
        case occurrence
    }

    /// The rule's name, shown in contributions.
    public var name: String
    /// The signal kinds that count.
    public var kinds: [SignalKind]
    /// Conditions on signal properties; all must hold. JSON key `where`.
    public var conditions: [PropertyCondition]
    /// The fewest qualifying signals for the rule to give points; 1 by default.
    public var atLeast: Int
    /// Only signals at most this many days before `now` qualify; `nil`: any age.
    public var withinDays: Double?
    /// The points given (once or per signal); negative to take points away.
    public var points: Double
    /// Once or per occurrence; once by default.
    public var per: Counting
    /// The most the rule may give in total (its magnitude for negative points).
    public var cap: Double?
    /// Whether the points fade with the signals' age under the rules' decay; `true` by default.
    public var decays: Bool
    /// What the signals are, in words, for evidence (`"emails opened"`); the kinds by default.
    public var label: String?
    /// The label for exactly one signal (`"email opened"`), so that evidence reads `1 email
    /// opened`; the label by default.
    public var singular: String?
    /// The axis the points count towards; `engagement` by default.
    public var axis: ScoreCard.Axis {
        get { axisValue.axis }
        set { axisValue = RuleAxis(axis: newValue) }
    }
    var axisValue: RuleAxis

    /// Makes an engagement rule.
    ///
    /// - Parameters:
    ///   - name: the name shown in contributions.
    ///   - kinds: the signal kinds that count.
    ///   - conditions: conditions on signal properties; all must hold.
    ///   - atLeast: the fewest qualifying signals for any points.
    ///   - withinDays: the window before `now`; `nil` for any age.
    ///   - points: the points given; negative to take points away.
    ///   - per: once, or per qualifying signal.
    ///   - cap: the most the rule may give in total.
    ///   - decays: whether the points fade with age.
    ///   - label: the signals in words, for evidence.
    ///   - singular: the label for exactly one signal.
    ///   - axis: the axis; `engagement` by default.
    public init(
        _ name: String, kinds: [SignalKind], where conditions: [PropertyCondition] = [], atLeast: Int = 1,
        withinDays: Double? = nil, points: Double, per: Counting = .once, cap: Double? = nil, decays: Bool = true,
        label: String? = nil, singular: String? = nil, axis: ScoreCard.Axis = .engagement
    ) {
        self.name = name
        self.kinds = kinds
        self.conditions = conditions
        self.atLeast = atLeast
        self.withinDays = withinDays
        self.points = points
        self.per = per
        self.cap = cap
        self.decays = decays
        self.label = label
        self.singular = singular
        self.axisValue = RuleAxis(axis: axis)
    }

    /// Every problem with the rule, with paths relative to `prefix` (such as `engagement[2]`).
    public func problems(at prefix: String) -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        if name.isEmpty { found.append(("\(prefix).name", "the name is empty")) }
        if kinds.isEmpty { found.append(("\(prefix).kinds", "list at least one signal kind")) }
        for (index, kind) in kinds.enumerated() where kind.rawValue.isEmpty {
            found.append(("\(prefix).kinds[\(index)]", "the kind is empty"))
        }
        if atLeast < 1 { found.append(("\(prefix).atLeast", "atLeast must be 1 or more")) }
        if let withinDays, !(withinDays > 0 && withinDays.isFinite) {
            found.append(("\(prefix).withinDays", "withinDays must be a positive number of days"))
        }
        if !points.isFinite { found.append(("\(prefix).points", "points must be a finite number")) }
        if let cap, !(cap > 0 && cap.isFinite) {
            found.append(("\(prefix).cap", "cap must be a positive number (it bounds negative rules from below)"))
        }
        if cap != nil, per == .once {
            found.append(("\(prefix).cap", "a cap has no effect on a rule that gives its points once"))
        }
        found += axisValue.problems(at: prefix)
        for (index, condition) in conditions.enumerated() {
            let path = "\(prefix).where[\(index)]"
            if condition.property.isEmpty { found.append(("\(path).property", "the property name is empty")) }
            found += condition.condition.problems(at: path)
        }
        return found
    }

    private enum CodingKeys: String, CodingKey {
        case name, kinds
        case conditions = "where"
        case atLeast, withinDays, points, per, cap, decays, label, singular, axis
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        kinds = try container.decode([SignalKind].self, forKey: .kinds)
        conditions = try container.decodeIfPresent([PropertyCondition].self, forKey: .conditions) ?? []
        atLeast = try container.decodeIfPresent(Int.self, forKey: .atLeast) ?? 1
        withinDays = try container.decodeIfPresent(Double.self, forKey: .withinDays)
        points = try container.decode(Double.self, forKey: .points)
        per = try container.decodeIfPresent(Counting.self, forKey: .per) ?? .once
        cap = try container.decodeIfPresent(Double.self, forKey: .cap)
        decays = try container.decodeIfPresent(Bool.self, forKey: .decays) ?? true
        label = try container.decodeIfPresent(String.self, forKey: .label)
        singular = try container.decodeIfPresent(String.self, forKey: .singular)
        axisValue = try RuleAxis.decode(container, forKey: .axis, default: .engagement)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kinds, forKey: .kinds)
        if !conditions.isEmpty { try container.encode(conditions, forKey: .conditions) }
        if atLeast != 1 { try container.encode(atLeast, forKey: .atLeast) }
        try container.encodeIfPresent(withinDays, forKey: .withinDays)
        try container.encode(points, forKey: .points)
        if per != .once { try container.encode(per, forKey: .per) }
        try container.encodeIfPresent(cap, forKey: .cap)
        if !decays { try container.encode(decays, forKey: .decays) }
        try container.encodeIfPresent(label, forKey: .label)
        try container.encodeIfPresent(singular, forKey: .singular)
        if axis != .engagement { try container.encode(axis, forKey: .axis) }
    }
}
