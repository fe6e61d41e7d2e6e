import Foundation
public import LeadModel

extension FollowUpCadence {
    /// How a lead's follow-up attempts measure up to the cadence at an instant.
    public struct Status: Hashable, Sendable {
        /// Touches that count: inside the period and at least the minimum spacing after the last
        /// counted one.
        public var attemptsCounted: Int
        /// The attempts the cadence requires.
        public var attemptsRequired: Int
        /// Touches inside the period that came too soon after a counted one.
        public var tooClose: Int
        /// The end of the period.
        public var periodEnds: Date
        /// The earliest instant the next attempt counts, while more are required.
        public var nextAttemptFrom: Date?
        /// Whether enough attempts were made.
        public var isMet: Bool { attemptsCounted >= attemptsRequired }
        /// The evaluation in words, for a report or an event.
        public var reasons: [Reason]
    }

    /// Measures touches against the cadence.
    ///
    /// A touch counts when it falls within ``within`` of `start` and at least ``minimumSpacing``
    /// after the previous counted touch (six calls in an afternoon are one attempt, not six).
    ///
    /// ```swift
    /// let status = cadence.evaluate(touches: state.touchTimes, from: clockStart, now: now)
    /// if !status.isMet, now >= status.periodEnds { /* cadence missed */ }
    /// ```
    ///
    /// - Parameters:
    ///   - touches: when the lead was touched, in any order.
    ///   - start: when the period starts (the clock start or the first touch).
    ///   - now: the instant of the evaluation; later touches are ignored.
    /// - Returns: the status.
    public func evaluate(touches: [Date], from start: Date, now: Date) -> Status {
        let periodEnds = start.addingTimeInterval(within.seconds)
        let limit = min(periodEnds, now)
        var counted = 0
        var tooClose = 0
        var last: Date?
        for touch in touches.sorted() where touch >= start && touch <= limit {
            if let last, touch.timeIntervalSince(last) < minimumSpacing.seconds {
                tooClose += 1
                continue
            }
            counted += 1
            last = touch
        }
        var next: Date?
        if counted < attempts {
            next = max(start, last.map { $0.addingTimeInterval(minimumSpacing.seconds) } ?? start)
        }
        var detail = "\(counted) of \(attempts) attempts within \(within)"
        if tooClose > 0 { detail += "; \(tooClose) closer than \(minimumSpacing) to the previous did not count" }
        if counted < attempts, now >= periodEnds { detail += "; the period has ended: cadence missed" }
        return Status(
            attemptsCounted: counted, attemptsRequired: attempts, tooClose: tooClose, periodEnds: periodEnds,
            nextAttemptFrom: next, reasons: [Reason(rule: "sla-follow-up", detail: detail)])
    }
}
