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
    /// the decaying points of an axis can carry it across a grade boundary (allowing for each
    /// contribution's rounding to hundredths) or lose ``reviewTolerance`` points. Half-life
    /// decay scales every decaying contribution by the same factor, so that moment is solved in
    /// closed form; caps only slow the loss, so the answer is never late, at worst a little
    /// early (the review then finds nothing changed and asks again). The engine asks
    /// ``scoreWithReview(_:)`` instead, which gives the card and this time from one pass.
    ///
    /// - Parameters:
    ///   - input: the lead and the time it was scored at.
    ///   - card: the card ``score(_:)`` gave for `input`; the time is worked out from the same
    ///     scoring.
    /// - Returns: the review time, after `input.now`; `nil` when the card cannot change by time.
    public func nextReview(_ input: ScoringInput, after card: ScoreCard) -> Date? {
        scored(input, reviewing: true).review
    }

    /// The review time from what the signal pass noted and the card's axes.
    func reviewDate(_ review: ReviewFacts, fit: Double, engagement: Double, now date: Date) -> Date? {
        guard !engagementRules.isEmpty else { return nil }
        let now = date.timeIntervalSinceReferenceDate
        var next = review.next
        if let halfLifeDays = rules.decay.halfLifeDays {
            let halfLife = halfLifeDays * 86_400
            let scale = rules.grades
            if review.fit.unrounded != 0,
                let delay = Self.decayDelay(total: fit, decaying: review.fit, thresholds: scale.fit, halfLife: halfLife)
            {
                next = Swift.min(next, now + delay)
            }
            if review.engagement.unrounded != 0,
                let delay = Self.decayDelay(
                    total: engagement, decaying: review.engagement, thresholds: scale.engagement, halfLife: halfLife)
            {
                next = Swift.min(next, now + delay)
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

    /// Seconds until the decaying part of an axis, scaled by `2^(-t/halfLife)`, can carry the
    /// axis across one of its grade thresholds, or loses ``reviewTolerance`` points.
    ///
    /// An axis is the sum of contributions each rounded to hundredths, and each decaying one
    /// rounds on its own, so the axis can cross a boundary up to half a hundredth per
    /// contribution before or after their unrounded sum does. The review comes at the first
    /// moment a crossing is possible; when the axis is so close that it is possible now, at the
    /// moment the first contribution shows a different hundredth (nothing on the card changes
    /// before that).
    static func decayDelay(
        total: Double, decaying: DecayingPart, thresholds: GradeScale.Thresholds, halfLife: Double
    ) -> Double? {
        let steady = total - decaying.rounded
        let exact = decaying.unrounded
        let slack = 0.005 * Double(decaying.count)
        let falling = exact > 0
        // The factor decay must scale the decaying part by for the first thing to happen: the
        // largest, as factors fall with time.
        var largest = 0.0
        func consider(_ factor: Double) {
            if factor > 0, factor < 1, factor > largest { largest = factor }
        }
        for boundary in [thresholds.first, thresholds.second, thresholds.third] {
            if falling ? total >= boundary : total < boundary {
                // Falling, the axis is below the boundary once its hundredths sum to less;
                // rising, once they reach it.
                let earliest = falling ? boundary - 0.01 + slack : boundary - slack
                let factor = (earliest - steady) / exact
                consider(factor > 0 && factor < 1 ? factor : decaying.nextChange)
            } else if decaying.hasBothSigns,
                falling ? steady + exact + slack >= boundary : steady + exact - slack <= boundary - 0.01
            {
                // Contributions of both signs can move the axis against the drift, a hundredth
                // at a time: close to a boundary behind it, look again at the first change.
                consider(decaying.nextChange)
            }
        }
        if abs(exact) > reviewTolerance { consider(1 - reviewTolerance / abs(exact)) }
        return largest > 0 ? -halfLife * log2(largest) + 1 : nil
    }
}

/// The points of an axis's decaying contributions: as the card shows them, before rounding,
/// how many contributions there are, and the decay factor at which the first of them shows a
/// different hundredth.
struct DecayingPart {
    var rounded = 0.0
    var unrounded = 0.0
    var count = 0
    var nextChange = 0.0
    private var signs = (positive: false, negative: false)

    /// Whether some contributions give points and some take them away.
    var hasBothSigns: Bool { signs.positive && signs.negative }

    mutating func add(_ points: Double, unrounded earned: Double) {
        rounded += points
        unrounded += earned
        count += 1
        if points > 0 { signs.positive = true } else { signs.negative = true }
        // Shown as `points` until its magnitude decays below the hundredth's lower half.
        nextChange = Swift.max(nextChange, (abs(points) - 0.005) / abs(earned))
    }
}

/// What the signal pass notes for a review: the earliest time a counted signal comes into view,
/// leaves a rule's window or steps down under step decay, and the points of decaying rules on
/// each axis (which half-life decay scales all alike).
struct ReviewFacts {
    /// The earliest such time, as seconds since the reference date; infinity when none.
    var next = Double.infinity
    var fit = DecayingPart()
    var engagement = DecayingPart()

    /// Notes a signal `at` (seconds since the reference date), `age` seconds old, that a rule
    /// with `window` (infinity when none) counted.
    @inline(__always)
    mutating func note(signalAt at: Double, age: Double, window: Double, decays: Bool, _ decay: EngagementDecay) {
        if window.isFinite { next = Swift.min(next, at + window + 1) }
        if decays, let boundary = RuleScorer.nextStep(of: decay, age: age) { next = Swift.min(next, at + boundary + 1) }
    }

    /// Adds a decaying rule's points on `axis`, as the card shows them and before rounding.
    mutating func addDecaying(_ points: Double, axis: ScoreCard.Axis, unrounded: Double) {
        if axis == .fit {
            fit.add(points, unrounded: unrounded)
        } else {
            engagement.add(points, unrounded: unrounded)
        }
    }
}
