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
    /// Evidence written for counts, ages and decay seen before.
    private let written = EvidenceCache()

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
        let evidence = evidence(count: tally.count, amount: amount, newestAge: tally.newestAge)
        return (ScoreCard.Contribution(rule: name, axis: axis, points: rounded, evidence: evidence), earned)
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

    /// `3 emails opened in the last 30 days, 1 each, 2.4 after decay, capped at 2`, or
    /// `1 reply to a text or email, newest 12 days ago, kept 76%`.
    ///
    /// - Parameters:
    ///   - count: the signals that qualified.
    ///   - amount: per occurrence, the points earned before the cap; once, the decay factor.
    ///   - newestAge: the age of the newest, in seconds.
    func evidence(count: Int, amount: Double, newestAge: Double) -> String {
        guard count >= 1, count <= baseEvidence.count else {
            return writeEvidence(count: count, amount: amount, newestAge: newestAge)
        }
        let key: Int
        if perOccurrence {
            let showsDecay = decays && roundPoints(amount) != roundPoints(points * Double(count))
            let capped = cap.map { amount > $0 || amount < -$0 } ?? false
            guard showsDecay || capped else { return baseEvidence[count - 1] }
            // The text shows the points in hundredths, and whether and which way they were capped.
            let cents = Int((amount * 100).rounded())
            guard abs(cents) < 1 << 40 else { return writeEvidence(count: count, amount: amount, newestAge: newestAge) }
            key = count << 43 | (!capped ? 0 : amount > 0 ? 1 : 2) << 41 | (cents + 1 << 40)
        } else {
            // Decay is told only when it changed the points the card shows.
            guard roundPoints(points * amount) != roundPoints(points) else { return baseEvidence[count - 1] }
            let days = Int(newestAge / 86_400)
            guard days >= 0, days < Self.ageTexts.count else {
                return writeEvidence(count: count, amount: amount, newestAge: newestAge)
            }
            key = count << 16 | days << 7 | Swift.min(Swift.max(Int((amount * 100).rounded()), 0), 100)
        }
        if let known = written.text(for: key) { return known }
        let text = writeEvidence(count: count, amount: amount, newestAge: newestAge)
        written.keep(text, for: key)
        return text
    }

    /// The contribution of a rule that saw machines' signals: what people did, then how many
    /// machine signals were ignored or discounted, and why.
    private func machineContribution(_ tally: EngagementTally, judge: MachineSignalJudge) -> (
        contribution: ScoreCard.Contribution, unrounded: Double
    ) {
        let earnings = earnings(tally)
        let earned = earnings?.earned ?? 0
        var evidence =
            tally.count == 0
            ? "no \(label) by people\(windowText)"
            : tally.count <= baseEvidence.count
                ? baseEvidence[tally.count - 1]
                : "\(tally.count) \(label)\(windowText)" + (perOccurrence ? eachText : "")
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
                evidence += Self.keptTexts[Swift.min(Swift.max(Int((amount * 100).rounded()), 0), 100)]
            }
        }
        return (ScoreCard.Contribution(rule: name, axis: axis, points: roundPoints(earned), evidence: evidence), earned)
    }

    /// The evidence ``evidence(count:amount:newestAge:)`` gives, written out.
    private func writeEvidence(count: Int, amount: Double, newestAge: Double) -> String {
        var evidence =
            count >= 1 && count <= baseEvidence.count
            ? baseEvidence[count - 1] : "\(count) \(label)\(windowText)" + (perOccurrence ? eachText : "")
        if perOccurrence {
            let earned = amount
            if decays, roundPoints(earned) != roundPoints(points * Double(count)) {
                evidence += ", " + TextMatching.format(earned) + " after decay"
            }
            if let cap, earned > cap || earned < -cap {
                evidence += ", capped at " + TextMatching.format(earned > cap ? cap : -cap)
            }
        } else if roundPoints(points * amount) != roundPoints(points) {
            let days = Int(newestAge / 86_400)
            let percent = Int((amount * 100).rounded())
            evidence += days >= 0 && days < Self.ageTexts.count ? Self.ageTexts[days] : ", newest \(days) days ago"
            evidence += Self.keptTexts[Swift.min(Swift.max(percent, 0), 100)]
        }
        return evidence
    }
}
