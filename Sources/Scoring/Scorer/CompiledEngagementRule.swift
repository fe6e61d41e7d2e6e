import LeadModel

/// An ``EngagementRule`` ready to evaluate.
final class CompiledEngagementRule: Sendable {
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
    /// Evidence for 1…32 qualifying signals, made once: `3 emails opened in the last 30 days`
    /// (and `, 1 each` for rules that give points per occurrence).
    let baseEvidence: [String]
    /// `, 5 each`, for rules that give points per occurrence.
    let eachText: String
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
        let eachText = ", \(TextMatching.format(rule.points)) each"
        self.eachText = eachText
        let perOccurrence = perOccurrence
        baseEvidence = (1...32).map {
            "\($0) \($0 == 1 ? singular : label)\(windowText)" + (perOccurrence ? eachText : "")
        }
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

    /// The contribution for what the rule saw, with the points it earned before rounding;
    /// `nil` when it gives no points and saw no machine's signal.
    ///
    /// A rule that saw machines' signals always contributes, with 0 points if need be, so that
    /// the card says what was discounted.
    @inline(__always)
    func contribution(_ tally: EngagementTally, judge: MachineSignalJudge?) -> (
        contribution: ScoreCard.Contribution, unrounded: Double
    )? {
        if tally.machineCount > 0, let judge { return machineContribution(tally, judge: judge) }
        guard let (amount, earned) = earnings(tally) else { return nil }
        let rounded = roundPoints(earned)
        guard rounded != 0 else { return nil }
        return (
            ScoreCard.Contribution(
                rule: name, axis: axis, points: rounded, matched: matched(count: tally.count),
                adjustment: adjustment(count: tally.count, amount: amount, newestAge: tally.newestAge)),
            earned
        )
    }

    /// What the rule earns for what it saw, before rounding, or `nil` when too few signals
    /// qualified. Per occurrence, `amount` is the points earned before the cap; once, the decay
    /// factor.
    @inline(__always)
    func earnings(_ tally: EngagementTally) -> (amount: Double, earned: Double)? {
        guard tally.reaches(atLeast) else { return nil }
        let amount = perOccurrence ? points * tally.factorSum : decays ? decay.factor(age: tally.newestAge) : 1
        var earned = perOccurrence ? amount : points * amount
        if perOccurrence, let cap { earned = Swift.min(Swift.max(earned, -cap), cap) }
        return (amount, earned)
    }

    /// What the rule matched: `3 emails opened in the last 30 days` (and `, 1 each` for rules
    /// that give points per occurrence).
    @inline(__always)
    func matched(count: Int) -> String {
        count >= 1 && count <= baseEvidence.count
            ? baseEvidence[count - 1] : "\(count) \(label)\(windowText)" + (perOccurrence ? eachText : "")
    }

    /// What decay or the cap did to the points, when the card shows it: per occurrence, the
    /// points after decay and the cap that applied; once, the newest signal's age and the share
    /// kept.
    ///
    /// - Parameters:
    ///   - count: the signals that qualified.
    ///   - amount: per occurrence, the points earned before the cap; once, the decay factor.
    ///   - newestAge: the age of the newest, in seconds.
    @inline(__always)
    func adjustment(count: Int, amount: Double, newestAge: Double) -> ScoreCard.Adjustment? {
        if perOccurrence {
            let afterDecay = decays && roundPoints(amount) != roundPoints(points * Double(count)) ? amount : nil
            let cappedAt = cap.flatMap { amount > $0 ? $0 : amount < -$0 ? -$0 : nil }
            guard afterDecay != nil || cappedAt != nil else { return nil }
            return .perOccurrence(afterDecay: afterDecay, cappedAt: cappedAt)
        }
        // Decay is told only when it changed the points the card shows.
        guard roundPoints(points * amount) != roundPoints(points) else { return nil }
        return .decayed(newestDays: Int(newestAge / 86_400), keptPercent: Self.percent(amount))
    }

    /// A decay factor as a whole percentage, 0…100.
    static func percent(_ factor: Double) -> Int { Swift.min(Swift.max(Int((factor * 100).rounded()), 0), 100) }

    /// The contribution of a rule that saw machines' signals: what people did, then how many
    /// machine signals were ignored or discounted, and why.
    private func machineContribution(_ tally: EngagementTally, judge: MachineSignalJudge) -> (
        contribution: ScoreCard.Contribution, unrounded: Double
    ) {
        let earnings = earnings(tally)
        let earned = earnings?.earned ?? 0
        var evidence = tally.count == 0 ? "no \(label) by people\(windowText)" : matched(count: tally.count)
        let machines = tally.machineCount == 1 ? "1 machine signal" : "\(tally.machineCount) machine signals"
        let weight = judge.weight
        evidence +=
            "; \(machines) "
            + (weight == 0 ? "ignored" : "counted at \(TextMatching.format(weight * 100))%")
            + " (\(judge.reasonTexts[Int(tally.machineReasons)]))"
        if let (amount, _) = earnings {
            if perOccurrence {
                evidence += ", \(TextMatching.format(earned)) in all"
            } else if roundPoints(points * amount) != roundPoints(points) {
                evidence += ", kept \(Self.percent(amount))%"
            }
        }
        return (ScoreCard.Contribution(rule: name, axis: axis, points: roundPoints(earned), evidence: evidence), earned)
    }
}
