import Foundation
public import LeadModel

/// What an SLA policy may look at when a lead is assigned.
public struct SLAInput: Sendable {
    /// The lead as folded from the journal, assignment included.
    public var state: LeadState
    /// The instant the clock would start.
    public var now: Date
    /// The tier qualification gave the lead (`"hot"`, `"nurture"`), when the engine knows it.
    public var qualificationTier: String?
    /// The owner's business calendar by name (their team's or region's), when the engine knows it;
    /// it takes precedence over the tier's calendar.
    public var calendar: String?

    /// Makes an input.
    ///
    /// - Parameters:
    ///   - state: the lead as folded from the journal.
    ///   - now: the instant the clock would start.
    ///   - qualificationTier: the tier qualification gave the lead.
    ///   - calendar: the owner's calendar name.
    public init(state: LeadState, now: Date, qualificationTier: String? = nil, calendar: String? = nil) {
        self.state = state
        self.now = now
        self.qualificationTier = qualificationTier
        self.calendar = calendar
    }
}

/// A response clock to start, with the arithmetic behind its deadline.
public struct SLAClockStart: Hashable, Sendable {
    /// The tier that applied.
    public var tier: String
    /// When the owner is warned, if the tier warns.
    public var warnAt: Date?
    /// When the clock breaches without a qualifying touch.
    public var deadline: Date
    /// How the deadline was computed (target, calendar, out-of-hours shift), stored with the event.
    public var reasons: [Reason]

    /// Makes a clock start.
    ///
    /// - Parameters:
    ///   - tier: the tier that applied.
    ///   - warnAt: when the owner is warned.
    ///   - deadline: when the clock breaches.
    ///   - reasons: the arithmetic behind the instants.
    public init(tier: String, warnAt: Date?, deadline: Date, reasons: [Reason]) {
        self.tier = tier
        self.warnAt = warnAt
        self.deadline = deadline
        self.reasons = reasons
    }
}

/// Decides whether an assigned lead gets a response clock, and everything the engine later asks
/// about that clock: the SLA plugin point.
///
/// A pure policy. Only ``clock(for:)`` is required; every other requirement has a documented
/// default in an extension, so a policy that starts clocks and nothing more works as it is:
///
/// | Requirement | Asked when | Default |
/// | --- | --- | --- |
/// | ``dispositionClock(for:)`` | a lead is assigned | no disposition clock |
/// | ``escalation(of:step:)`` | a clock breaches, then after each step | no ladder: the clock leaves the monitor at its breach |
/// | ``checkPause(_:)`` | `pauseClocks` | throws ``SLAPolicyError/Code-swift.struct/unsupported`` naming the policy |
/// | ``resume(_:pausedAt:resumedAt:)`` | `resumeClocks` | throws ``SLAPolicyError/Code-swift.struct/unsupported`` naming the policy |
/// | ``reassigned(_:input:)`` | the lead gets a new owner | keep the running clock |
/// | ``healthTerms(forTier:)`` | SLA health and the report page | wall time, no follow-up cadence |
/// | ``commitmentTracker()`` | SLA health and the report page | no commitments |
/// | ``snapshotFingerprint`` | the engine opens from a snapshot | `nil`: fold the clocks from the journal |
///
/// ``TieredSLAPolicy`` implements all of them from the playbook's `sla` section. The
/// `PolicyConformance` library runs the engine's scenarios against any policy.
public protocol SLAPolicy: Sendable {
    /// The clock to start for the lead, or `nil` when the lead gets no clock (for example a
    /// nurture-tier lead).
    ///
    /// - Parameter input: the lead as assigned, with `now` and the engine's context.
    /// - Returns: the clock to start, or `nil`.
    func clock(for input: SLAInput) -> SLAClockStart?

    /// The disposition clock to start beside the first-touch clock (sales must accept, reject or
    /// recycle the lead in time), or `nil` for none — the default.
    ///
    /// - Parameter input: the lead as assigned, with `now` and the engine's context.
    /// - Returns: the clock to start, or `nil`.
    func dispositionClock(for input: SLAInput) -> SLAClockStart?

    /// Step `index` of the escalation ladder of a breached first-touch clock, with when it is due.
    ///
    /// The engine asks for step 0 once the clock breaches, then for step 1 once step 0 is
    /// recorded, and so on until the policy answers `nil`. The answer must depend only on the
    /// clock and `index` (not on the time of asking): a monitor rebuilt from the journal asks again
    /// and must get the same ladder. Steps are due in order: each step's ``SLAEscalationDue/at``
    /// should not be before the previous one's. Disposition clocks never escalate.
    ///
    /// The default answers `nil`: no ladder, the clock leaves the monitor when it breaches.
    ///
    /// - Parameters:
    ///   - clock: the breached clock, with the deadline it breached.
    ///   - index: the step's position in the ladder, from 0.
    /// - Returns: the step, its instant and reasons; `nil` past the end of the ladder.
    func escalation(of clock: SLAClock, step index: Int) -> SLAEscalationDue?

    /// Checks that a running clock may pause (the prospect is picking a meeting time).
    ///
    /// Returns normally when it may. A policy that pauses clocks also implements
    /// ``resume(_:pausedAt:resumedAt:)``.
    ///
    /// The default throws ``SLAPolicyError/Code-swift.struct/unsupported`` naming the policy.
    ///
    /// - Parameter clock: the running clock, before its deadline.
    /// - Throws: ``SLAPolicyError`` `unsupported` when the policy never pauses clocks; `refused`
    ///   when this clock may not pause, with a message saying what to change (the engine reports
    ///   it as a ``LeadModel/LeadModelError`` `invalidValue` for the lead).
    func checkPause(_ clock: SLAClock) throws(SLAPolicyError)

    /// The clock after a pause: its moved deadline and warning, and how much of its time the pause
    /// took, with the arithmetic as reasons.
    ///
    /// The default throws ``SLAPolicyError/Code-swift.struct/unsupported`` naming the policy.
    ///
    /// - Parameters:
    ///   - clock: the paused clock, with the deadline and warning it had when it paused.
    ///   - pausedAt: when it paused.
    ///   - resumedAt: when it resumes.
    /// - Returns: the resumed clock, or `nil` to leave the clock paused (for example when the
    ///   policy no longer knows its tier).
    /// - Throws: ``SLAPolicyError`` `unsupported` when the policy never pauses clocks.
    func resume(_ clock: SLAClock, pausedAt: Date, resumedAt: Date) throws(SLAPolicyError) -> SLAResumption?

    /// The clock after its lead is reassigned: a restarted clock for the new owner, or `nil` to
    /// keep the running clock and its deadline — the default.
    ///
    /// The engine records a restart as `slaStarted` with the same clock id, which replaces the
    /// open clock. Disposition clocks are never restarted (the verdict is owed whoever owns the
    /// lead).
    ///
    /// - Parameters:
    ///   - clock: the running clock.
    ///   - input: the lead after the reassignment, with `now`.
    /// - Returns: the restarted clock, or `nil` to keep the running one.
    func reassigned(_ clock: SLAClock, input: SLAInput) -> SLAClockStart?

    /// What SLA health needs to know about the clocks of a tier: the calendar business time
    /// counts on and the follow-up standard.
    ///
    /// The default counts wall time and has no follow-up cadence.
    ///
    /// - Parameter tier: the tier recorded on a clock (``LeadModel/SLAClock/tier``).
    /// - Returns: the terms; ``SLAHealthTerms/init(calendar:followUp:)`` with no arguments for none.
    func healthTerms(forTier tier: String) -> SLAHealthTerms

    /// An empty tracker of marketing's commitments, which SLA health fills from the journal, or
    /// `nil` for no commitments — the default.
    ///
    /// - Returns: a new tracker, or `nil`.
    func commitmentTracker() -> CommitmentTracker?

    /// A stable text that changes whenever the escalation ladders change, or `nil` — the default.
    ///
    /// The engine keeps the SLA monitor in a snapshot beside the lead states. It loads that
    /// snapshot only when the fingerprint it was saved under equals this one and is not `nil`;
    /// otherwise it folds the clocks from the journal again, which is always correct. Return a
    /// fingerprint only when two policies with equal fingerprints give equal ladders for every
    /// clock.
    var snapshotFingerprint: String? { get }
}

extension SLAPolicy {
    /// No disposition clock.
    public func dispositionClock(for input: SLAInput) -> SLAClockStart? { nil }

    /// No escalation ladder: a breached clock leaves the monitor.
    public func escalation(of clock: SLAClock, step index: Int) -> SLAEscalationDue? { nil }

    /// Clocks never pause.
    ///
    /// - Throws: ``SLAPolicyError`` `unsupported`, naming this policy and the pause.
    public func checkPause(_ clock: SLAClock) throws(SLAPolicyError) {
        throw SLAPolicyError.unsupported(.pause, by: self)
    }

    /// Clocks never pause, so none resumes.
    ///
    /// - Throws: ``SLAPolicyError`` `unsupported`, naming this policy and the resume.
    public func resume(_ clock: SLAClock, pausedAt: Date, resumedAt: Date) throws(SLAPolicyError) -> SLAResumption? {
        throw SLAPolicyError.unsupported(.resume, by: self)
    }

    /// Keeps the running clock.
    public func reassigned(_ clock: SLAClock, input: SLAInput) -> SLAClockStart? { nil }

    /// Wall time, no follow-up cadence.
    public func healthTerms(forTier tier: String) -> SLAHealthTerms { SLAHealthTerms() }

    /// No commitments.
    public func commitmentTracker() -> CommitmentTracker? { nil }

    /// No fingerprint: the engine folds the clocks from the journal instead of trusting a snapshot.
    public var snapshotFingerprint: String? { nil }
}
