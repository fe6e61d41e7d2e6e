/// What a scorer noted about a lead's facts when it scored them, handed back to it when it
/// scores the same lead again so that it can skip the work unchanged facts make needless.
///
/// A memo is the scorer's own business: the engine keeps the last one beside each lead whose
/// card time will change (never in the journal, a snapshot or the lead's state), passes it to
/// ``LeadScorer/scoreWithReview(_:memo:)`` at the lead's review, and drops it when the lead
/// has no review time, is merged or is erased. A scorer must check that a memo it is given is
/// its own and still matches the lead's facts, and score afresh when it does not.
public protocol ScoringMemo: AnyObject, Sendable {}
