import Foundation
public import LeadModel

extension RuleScorer {
    /// How many points decay may take from an axis before a lead is due for review, when no grade
    /// boundary comes sooner.
    public static let reviewTolerance = 10.0

    /// When the lead's card will next change enough to matter, if no new fact arrives.
    ///
    /// The answer is the earliest of: a signal leaving a rule's window, a signal dated after
    /// `now` coming into view, a step of step decay, and — under half-life decay — the moment
    /// the decaying points of an axis cross a grade boundary or lose ``reviewTolerance`` points.
    /// Half-life decay scales every decaying contribution by the same factor, so that moment is
    /// solved in closed form; caps only slow the loss, so the answer is never late, at worst a
    /// little early (the review then finds nothing changed and asks again).
    ///
    /// - Parameters:
    ///   - input: the lead and the time it was scored at.
    ///   - card: the card ``score(_:)`` gave for `input`.
    /// - Returns: the review time, after `input.now`; `nil` when the card cannot change by time.
    public func nextReview(_ input: ScoringInput, after card: ScoreCard) -> Date? {
        guard !engagementRules.isEmpty else { return nil }
        let now = input.now.timeIntervalSinceReferenceDate
        let decay = rules.decay
        var next = Double.infinity
        var decaying = (fit: 0.0, engagement: 0.0)
        withUnsafeTemporaryAllocation(of: EngagementTally.self, capacity: engagementRules.count) { tallies in
            tallies.initialize(repeating: EngagementTally())
            input.state.signals.withUnsafeBufferPointer { signals in
                for position in signals.indices {
                    let at = signals[position].occurredAt.timeIntervalSinceReferenceDate
                    let age = now - at
                    guard age >= 0 else {
                        if !kindTable.rules(for: signals[position].kind).isEmpty { next = Swift.min(next, at) }
                        continue
                    }
                    for slot in kindTable.rules(for: signals[position].kind) {
                        let index = kindTable.rules[slot]
                        let rule = engagementRules[index]
                        guard rule.admits(signals, position, age: age) else { continue }
                        if let window = rule.window { next = Swift.min(next, at + window + 1) }
                        if rule.decays, let boundary = Self.nextStep(of: decay, age: age) {
                            next = Swift.min(next, at + boundary + 1)
                        }
                        tallies[index].add(age: age, factor: rule.decays ? decay.factor(age: age) : 1)
                    }
                }
            }
            for index in engagementRules.indices where engagementRules[index].decays && tallies[index].count > 0 {
                guard let contribution = engagementRules[index].contribution(tallies[index]) else {
                    continue
                }
                if contribution.axis == .fit {
                    decaying.fit += contribution.points
                } else {
                    decaying.engagement += contribution.points
                }
            }
        }
        if let halfLifeDays = decay.halfLifeDays {
            let halfLife = halfLifeDays * 86_400
            let scale = rules.grades
            for (total, part, thresholds) in [
                (card.fit, decaying.fit, scale.fit), (card.engagement, decaying.engagement, scale.engagement),
            ] where part != 0 {
                if let delay = Self.decayDelay(total: total, decaying: part, thresholds: thresholds, halfLife: halfLife)
                {
                    next = Swift.min(next, now + delay)
                }
            }
        }
        guard next.isFinite else { return nil }
        return Date(timeIntervalSinceReferenceDate: Swift.max(next, now + 1))
    }

    /// The age, in seconds, at which step decay next changes a signal's factor.
    static func nextStep(of decay: EngagementDecay, age: Double) -> Double? {
        guard decay.halfLifeDays == nil, let steps = decay.steps else { return nil }
        for step in steps where step.upToDays * 86_400 >= age { return step.upToDays * 86_400 }
        return nil
    }

    /// Seconds until the decaying part of an axis, scaled by `2^(-t/halfLife)`, carries the axis
    /// across one of its grade thresholds or loses ``reviewTolerance`` points.
    static func decayDelay(total: Double, decaying: Double, thresholds: GradeScale.Thresholds, halfLife: Double)
        -> Double?
    {
        let steady = total - decaying
        var factors: [Double] = []
        // Cards round points to hundredths: a rounded axis is below a boundary once the exact
        // value is half a hundredth below it.
        for boundary in [thresholds.first, thresholds.second, thresholds.third] {
            factors.append((boundary - 0.005 - steady) / decaying)
        }
        if abs(decaying) > reviewTolerance { factors.append(1 - reviewTolerance / abs(decaying)) }
        let delays = factors.filter { $0 > 0 && $0 < 1 }.map { -halfLife * log2($0) + 1 }
        return delays.min()
    }
}
