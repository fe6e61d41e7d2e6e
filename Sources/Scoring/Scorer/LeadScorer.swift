public import Foundation
public import LeadModel

/// Scores a lead: the scoring plugin point.
///
/// A scorer is a pure policy — no I/O, no clock of its own: the same input gives the same card.
/// Returning `nil` means "no opinion", so scorers chain with ``then(_:)``.
///
/// ```swift
/// struct TitleScorer: LeadScorer {
///     func score(_ input: ScoringInput) -> ScoreCard? {
///         guard let title = input.state.lead.title, title.contains("VP") else { return nil }
///         return ScoreCard(scorer: "title", fit: 20, engagement: 0,
///                          contributions: [.init(rule: "vp-title", axis: .fit, points: 20,
///                                                evidence: "title contains VP")])
///     }
/// }
/// ```
public protocol LeadScorer: Sendable {
    /// The card for the lead at `input.now`, or `nil` to pass.
    func score(_ input: ScoringInput) -> ScoreCard?

    /// When the card this scorer gave for `input` will next change by time alone (decay, rules
    /// with windows), so the engine can rescore the lead then without a new signal. The default
    /// is `nil`: the card changes only when the lead does.
    ///
    /// - Parameters:
    ///   - input: the lead and the time it was scored at.
    ///   - card: the card ``score(_:)`` returned for `input`.
    /// - Returns: a time after `input.now`, or `nil`.
    func nextReview(_ input: ScoringInput, after card: ScoreCard) -> Date?

    /// The card and its review time in one call, which the engine uses. The default asks
    /// ``score(_:)`` and then ``nextReview(_:after:)``; a scorer that can work out both in one
    /// pass (``RuleScorer`` does) implements it.
    ///
    /// - Parameter input: the lead and the time to score at.
    /// - Returns: the card and the time it will next change by time alone, or `nil` to pass.
    func scoreWithReview(_ input: ScoringInput) -> (card: ScoreCard, review: Date?)?

    /// The card and its review time, with the memo this scorer left the last time it scored
    /// the lead; the engine rescores this way. The default ignores the memo, leaves none and
    /// asks ``scoreWithReview(_:)``; a scorer that can reuse what it found in facts that have
    /// not changed (``RuleScorer`` does) implements it.
    ///
    /// - Parameters:
    ///   - input: the lead and the time to score at.
    ///   - memo: on entry, what the scorer left at its last scoring of this lead (any scorer's,
    ///     or `nil`); on return, what it leaves for the next one, or `nil`.
    /// - Returns: the card and the time it will next change by time alone, or `nil` to pass.
    func scoreWithReview(_ input: ScoringInput, memo: inout (any ScoringMemo)?) -> (card: ScoreCard, review: Date?)?
}

extension LeadScorer {
    public func nextReview(_ input: ScoringInput, after card: ScoreCard) -> Date? { nil }

    public func scoreWithReview(_ input: ScoringInput) -> (card: ScoreCard, review: Date?)? {
        guard let card = score(input) else { return nil }
        return (card, nextReview(input, after: card))
    }

    public func scoreWithReview(
        _ input: ScoringInput, memo: inout (any ScoringMemo)?
    ) -> (card: ScoreCard, review: Date?)? {
        memo = nil
        return scoreWithReview(input)
    }

    /// A scorer that asks this one first and `next` when this one passes.
    public func then(_ next: some LeadScorer) -> some LeadScorer {
        ChainedScorer(first: self, second: next)
    }
}

struct ChainedScorer<First: LeadScorer, Second: LeadScorer>: LeadScorer {
    let first: First
    let second: Second

    func score(_ input: ScoringInput) -> ScoreCard? {
        first.score(input) ?? second.score(input)
    }

    func nextReview(_ input: ScoringInput, after card: ScoreCard) -> Date? {
        first.score(input) != nil ? first.nextReview(input, after: card) : second.nextReview(input, after: card)
    }

    func scoreWithReview(_ input: ScoringInput) -> (card: ScoreCard, review: Date?)? {
        first.scoreWithReview(input) ?? second.scoreWithReview(input)
    }

    func scoreWithReview(_ input: ScoringInput, memo: inout (any ScoringMemo)?) -> (card: ScoreCard, review: Date?)? {
        first.scoreWithReview(input, memo: &memo) ?? second.scoreWithReview(input, memo: &memo)
    }
}
