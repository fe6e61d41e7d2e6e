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

    let name: String
    let axis: ScoreCard.Axis
    let conditions: [(reader: PropertyReader, condition: CompiledCondition)]
    let atLeast: Int
    let window: Double?
    let windowText: String
    let points: Double
    let perOccurrence: Bool
    let cap: Double?
    let decays: Bool
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

    init(_ rule: EngagementRule) {
        name = rule.name
        axis = rule.axis
        conditions = rule.conditions.map { condition in
            let reader: PropertyReader =
                switch condition.property {
                case "source": .source
                case "campaign": .campaign
                default: .property(condition.property)
                }
            return (reader, CompiledCondition(condition.condition))
        }
        atLeast = Swift.max(1, rule.atLeast)
        window = rule.withinDays.map { $0 * 86_400 }
        windowText = rule.withinDays.map { " in the last \(TextMatching.format($0)) days" } ?? ""
        points = rule.points
        perOccurrence = rule.per == .occurrence
        cap = rule.cap.flatMap { $0 > 0 ? $0 : nil }
        decays = rule.decays
        let label = rule.label ?? rule.kinds.map(\.rawValue).joined(separator: " or ") + " signals"
        self.label = label
        let windowText = self.windowText
        baseEvidence = (1...32).map { "\($0) \(label)\(windowText)" }
        eachText = ", \(TextMatching.format(rule.points)) each"
    }

    /// Whether a signal of one of the rule's kinds, `age` seconds old, qualifies.
    @inline(__always)
    func admits(_ signals: UnsafeBufferPointer<Signal>, _ position: Int, age: Double) -> Bool {
        if let window, age > window { return false }
        for condition in conditions where !condition.condition.matches(condition.reader.read(signals, position)) {
            return false
        }
        return true
    }

    /// The contribution for what the rule saw, or `nil` when it gives no points.
    func contribution(_ tally: EngagementTally, decay: EngagementDecay) -> ScoreCard.Contribution? {
        guard tally.count >= atLeast else { return nil }
        var evidence =
            tally.count <= baseEvidence.count ? baseEvidence[tally.count - 1] : "\(tally.count) \(label)\(windowText)"
        var earned: Double
        if perOccurrence {
            let full = points * Double(tally.count)
            earned = points * tally.factorSum
            evidence = TextMatching.concat(evidence, eachText)
            if decays, roundPoints(earned) != roundPoints(full) {
                evidence += ", " + TextMatching.format(earned) + " after decay"
            }
            if let cap {
                if earned > cap {
                    earned = cap
                    evidence += ", capped at " + TextMatching.format(cap)
                } else if earned < -cap {
                    earned = -cap
                    evidence += ", capped at " + TextMatching.format(-cap)
                }
            }
        } else {
            let factor = decays ? decay.factor(age: tally.newestAge) : 1
            earned = points * factor
            // Decay is told only when it changed the points the card shows.
            if roundPoints(earned) != roundPoints(points) {
                let days = Int(tally.newestAge / 86_400)
                let percent = Int((factor * 100).rounded())
                let ageText = days < Self.ageTexts.count ? Self.ageTexts[days] : ", newest \(days) days ago"
                evidence = TextMatching.concat(evidence, ageText, Self.keptTexts[Swift.min(Swift.max(percent, 0), 100)])
            }
        }
        let rounded = roundPoints(earned)
        guard rounded != 0 else { return nil }
        return ScoreCard.Contribution(rule: name, axis: axis, points: rounded, evidence: evidence)
    }
}
