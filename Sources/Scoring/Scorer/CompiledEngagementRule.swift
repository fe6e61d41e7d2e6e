import LeadModel

/// An ``EngagementRule`` ready to evaluate.
final class CompiledEngagementRule: EvidenceWriter {
    enum PropertyReader: Sendable {
        case source, campaign
        case property(String)

        @inline(__always)
        func read(_ signals: UnsafeBufferPointer<Signal>, _ position: Int) -> AttributeValue? {
            switch self {
            case .source: return signals[position].source.map(AttributeValue.string)
            case .campaign: return signals[position].campaign.map(AttributeValue.string)
            case .property(let key): return signals[position].properties[key].flatMap(FieldReader.nonBlank)
            }
        }
    }

    /// What the signal loop needs to know of a rule, as plain values.
    struct Gate: Sendable {
        /// The window in seconds; infinity when the rule has none.
        var window: Double
        var decays: Bool
        /// Whether signals must also pass property conditions (see ``passesConditions(_:_:)``).
        var hasConditions: Bool
    }

    let name: String
    let axis: ScoreCard.Axis
    /// What each property condition reads, one slot per condition.
    let conditionReaders: [PropertyReader]
    let conditions: ConditionProgram
    let atLeast: Int
    let window: Double?
    let windowText: String
    let points: Double
    let perOccurrence: Bool
    let cap: Double?
    let decays: Bool
    /// The section's decay model, which this rule follows when it decays.
    let decay: EngagementDecay
    let label: String
    /// Evidence for 1…32 qualifying signals, made once: `3 emails opened in the last 30 days`.
    let baseEvidence: [String]
    /// `, 5 each`, for rules that give points per occurrence.
    let eachText: String

    /// `, newest 12 days ago` for ages of 0…400 days, made once.
    static let ageTexts: [String] = (0...400).map {
        $0 == 0 ? ", newest today" : $0 == 1 ? ", newest 1 day ago" : ", newest \($0) days ago"
    }
    /// `, kept 76%` for 0…100 percent, made once.
    static let keptTexts: [String] = (0...100).map { ", kept \($0)%" }

    init(_ rule: EngagementRule, decay: EngagementDecay) {
        name = rule.name
        axis = rule.axis
        conditionReaders = rule.conditions.map { condition in
            switch condition.property {
            case "source": .source
            case "campaign": .campaign
            default: .property(condition.property)
            }
        }
        conditions = ConditionProgram(
            rule.conditions.enumerated().map { (slot: $0.offset, condition: $0.element.condition) },
            slotCount: rule.conditions.count)
        atLeast = Swift.max(1, rule.atLeast)
        window = rule.withinDays.map { $0 * 86_400 }
        windowText = rule.withinDays.map { " in the last \(TextMatching.format($0)) days" } ?? ""
        points = rule.points
        perOccurrence = rule.per == .occurrence
        cap = rule.cap.flatMap { $0 > 0 ? $0 : nil }
        decays = rule.decays
        self.decay = decay
        let kinds = rule.kinds.map(\.rawValue).joined(separator: " or ")
        let label = rule.label ?? kinds + " signals"
        self.label = label
        let singular = rule.singular ?? (rule.label == nil ? kinds + " signal" : label)
        let windowText = self.windowText
        baseEvidence = (1...32).map { "\($0) \($0 == 1 ? singular : label)\(windowText)" }
        eachText = ", \(TextMatching.format(rule.points)) each"
    }

    var gate: Gate { Gate(window: window ?? .infinity, decays: decays, hasConditions: !conditionReaders.isEmpty) }

    /// Whether the signal's properties pass the rule's conditions (true when it has none).
    @inline(__always)
    func passesConditions(_ signals: UnsafeBufferPointer<Signal>, _ position: Int) -> Bool {
        guard !conditionReaders.isEmpty else { return true }
        return withUnsafeTemporaryAllocation(of: AttributeValue?.self, capacity: conditionReaders.count) { values in
            for slot in conditionReaders.indices {
                (values.baseAddress! + slot).initialize(to: conditionReaders[slot].read(signals, position))
            }
            defer { values.baseAddress!.deinitialize(count: conditionReaders.count) }
            return conditions.allPass(values)
        }
    }

    /// The entry for what the rule saw, as rule `rule` of the scorer's book, with the points it
    /// earned before rounding; `nil` when it gives no points. Its evidence is written only when
    /// read (see ``evidence(for:)``).
    @inline(__always)
    func entry(_ tally: EngagementTally, rule: Int) -> (entry: ContributionEntry, unrounded: Double)? {
        guard let (amount, earned) = earnings(tally) else { return nil }
        let rounded = roundPoints(earned)
        guard rounded != 0 else { return nil }
        return (
            ContributionEntry(rule: rule, points: rounded, count: tally.count, amount: amount, age: tally.newestAge),
            earned
        )
    }

    /// The contribution an entry made by ``entry(_:rule:)`` stands for.
    func contribution(for entry: ContributionEntry) -> ScoreCard.Contribution {
        ScoreCard.Contribution(
            rule: name, axis: axis, points: entry.points, writer: self, facts: entry.facts(text: nil))
    }

    /// What the rule earns for what it saw, before rounding, or `nil` when too few signals
    /// qualified. Per occurrence, `amount` is the points earned before the cap; once, the decay
    /// factor.
    @inline(__always)
    func earnings(_ tally: EngagementTally) -> (amount: Double, earned: Double)? {
        guard tally.count >= atLeast else { return nil }
        let amount = perOccurrence ? points * tally.factorSum : decays ? decay.factor(age: tally.newestAge) : 1
        var earned = perOccurrence ? amount : points * amount
        if perOccurrence, let cap { earned = Swift.min(Swift.max(earned, -cap), cap) }
        return (amount, earned)
    }

    /// `3 emails opened in the last 30 days, 1 each, 2.4 after decay, capped at 2`, or
    /// `1 reply to a text or email, newest 12 days ago, kept 76%`.
    func evidence(for facts: EvidenceFacts) -> String {
        var evidence =
            facts.count >= 1 && facts.count <= baseEvidence.count
            ? baseEvidence[facts.count - 1] : "\(facts.count) \(label)\(windowText)"
        if perOccurrence {
            let earned = facts.amount
            evidence += eachText
            if decays, roundPoints(earned) != roundPoints(points * Double(facts.count)) {
                evidence += ", " + TextMatching.format(earned) + " after decay"
            }
            if let cap, earned > cap || earned < -cap {
                evidence += ", capped at " + TextMatching.format(earned > cap ? cap : -cap)
            }
        } else if roundPoints(points * facts.amount) != roundPoints(points) {
            // Decay is told only when it changed the points the card shows.
            let days = Int(facts.age / 86_400)
            let percent = Int((facts.amount * 100).rounded())
            evidence += days >= 0 && days < Self.ageTexts.count ? Self.ageTexts[days] : ", newest \(days) days ago"
            evidence += Self.keptTexts[Swift.min(Swift.max(percent, 0), 100)]
        }
        return evidence
    }
}
