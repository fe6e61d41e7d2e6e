import Foundation
public import LeadModel

extension RequalifyTrigger {
    /// What fired a re-qualify trigger.
    public struct Firing: Hashable, Sendable {
        /// `signal`, `score` or `date`.
        public var kind: String
        /// What happened (`"demo-requested on 2026-11-02T10:00:00Z"`).
        public var detail: String
    }

    /// Whether the trigger fires for a lead recycled at `recycledAt`, as of `now`.
    ///
    /// Only what happened after the recycle counts: a signal of a listed kind that occurred
    /// after `recycledAt` (and not after `now`), a score card recorded after `recycledAt` whose
    /// total reaches ``scoreAtLeast``, or ``on`` reached. The first of signal, score and date
    /// that holds is reported.
    ///
    /// - Parameters:
    ///   - state: the recycled lead.
    ///   - recycledAt: when it was recycled.
    ///   - now: the time of the check.
    /// - Returns: what fired, or `nil`.
    public func firing(for state: LeadState, recycledAt: Date, now: Date) -> Firing? {
        if !signalKinds.isEmpty,
            let signal = state.signals.last(where: {
                signalKinds.contains($0.kind) && $0.occurredAt > recycledAt && $0.occurredAt <= now
            })
        {
            return Firing(kind: "signal", detail: "\(signal.kind) on \(signal.occurredAt.formatted(.iso8601))")
        }
        if let threshold = scoreAtLeast, let card = state.score, let scoredAt = state.scoredAt, scoredAt > recycledAt,
            card.total >= threshold
        {
            return Firing(
                kind: "score",
                detail: "score \(AcceptanceRules.format(card.total)) ≥ \(AcceptanceRules.format(threshold))")
        }
        if let date = on, date <= now {
            return Firing(kind: "date", detail: "the re-qualify date \(date.formatted(.iso8601)) was reached")
        }
        return nil
    }
}
