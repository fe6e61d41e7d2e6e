import Foundation
public import LeadModel

/// An escalation step that falls due after a breach: what the engine does and when.
///
/// ``SLAPolicy/escalation(of:step:)`` answers with one per step of a clock's ladder.
public struct SLAEscalationDue: Hashable, Sendable {
    /// What the engine does: warn the owner, notify their manager, reassign the lead or return it
    /// to its pool.
    public var action: EscalationStep.Action
    /// When the step is due.
    public var at: Date
    /// How the instant was computed, stored with the `slaEscalated` event.
    public var reasons: [Reason]

    /// Makes a due step.
    ///
    /// - Parameters:
    ///   - action: what the engine does.
    ///   - at: when the step is due.
    ///   - reasons: the arithmetic behind the instant.
    public init(action: EscalationStep.Action, at: Date, reasons: [Reason]) {
        self.action = action
        self.at = at
        self.reasons = reasons
    }
}

/// A paused clock, resumed: its moved instants and how much of its time the pause took.
///
/// ``SLAPolicy/resume(_:pausedAt:resumedAt:)`` answers with one; the engine records it as
/// `slaResumed`.
public struct SLAResumption: Hashable, Sendable {
    /// The moved warning point, or `nil` when the clock no longer warns.
    public var warnAt: Date?
    /// The moved deadline.
    public var deadline: Date
    /// The time the pause took from the clock, in seconds (business seconds for a business-time
    /// clock), as `slaResumed` records it.
    public var pausedFor: TimeInterval
    /// How the instants were computed, stored with the event.
    public var reasons: [Reason]

    /// Makes a resumption.
    ///
    /// - Parameters:
    ///   - warnAt: the moved warning point.
    ///   - deadline: the moved deadline.
    ///   - pausedFor: the time the pause took, in seconds.
    ///   - reasons: the arithmetic behind the instants.
    public init(warnAt: Date?, deadline: Date, pausedFor: TimeInterval, reasons: [Reason]) {
        self.warnAt = warnAt
        self.deadline = deadline
        self.pausedFor = pausedFor
        self.reasons = reasons
    }
}

/// What SLA health needs to know about the clocks of one tier.
///
/// ``SLAPolicy/healthTerms(forTier:)`` answers with one.
public struct SLAHealthTerms: Sendable {
    /// The calendar time to first touch is counted on in business time; `nil` counts wall time.
    public var calendar: (any BusinessCalendar)?
    /// The follow-up standard judged after the clock starts; `nil` for none.
    public var followUp: FollowUpCadence?

    /// Makes terms; with no arguments, wall time and no cadence.
    ///
    /// - Parameters:
    ///   - calendar: the business calendar, or `nil` for wall time.
    ///   - followUp: the follow-up standard, or `nil`.
    public init(calendar: (any BusinessCalendar)? = nil, followUp: FollowUpCadence? = nil) {
        self.calendar = calendar
        self.followUp = followUp
    }
}
