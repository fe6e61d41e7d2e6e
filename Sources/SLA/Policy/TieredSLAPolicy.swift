import Foundation
public import LeadModel

/// The reference ``SLAPolicy``: tiers from the playbook's `sla` section, deadlines on named
/// business calendars, and the arithmetic stored as reasons.
///
/// A pure value: every method takes `now` (or the instants it needs) from the caller.
///
/// ```swift
/// let policy = TieredSLAPolicy(configuration: playbook.sla)
/// if let start = policy.clock(for: SLAInput(state: state, now: now, qualificationTier: "hot")) {
///     // append .slaStarted(SLAClock(id: …, tier: start.tier, owner: state.owner,
///     //                              warnAt: start.warnAt, deadline: start.deadline))
///     // with start.reasons as the event's reasons
/// }
/// ```
public struct TieredSLAPolicy: SLAPolicy {
    /// The section the policy applies.
    public let configuration: SLAConfiguration
    private let calendars: [String: any BusinessCalendar]

    /// Makes a policy.
    ///
    /// - Parameters:
    ///   - configuration: the playbook's `sla` section.
    ///   - calendars: further calendars by name (a third-party ``LeadModel/BusinessCalendar``); a name here
    ///     replaces a calendar of the same name in the configuration.
    public init(configuration: SLAConfiguration, calendars: [String: any BusinessCalendar] = [:]) {
        self.configuration = configuration
        var all: [String: any BusinessCalendar] = [:]
        for (name, calendar) in configuration.calendars { all[name] = calendar }
        for (name, calendar) in calendars { all[name] = calendar }
        self.calendars = all
    }

    /// The first tier that covers the lead, with what matched in words.
    ///
    /// - Parameter input: the lead and the engine's context.
    /// - Returns: the tier and the match, or `nil` when no tier covers the lead.
    public func tier(for input: SLAInput) -> (tier: SLATier, matched: String)? {
        for tier in configuration.tiers {
            if let matched = tier.covers.match(input) { return (tier, matched) }
        }
        return nil
    }

    /// The calendar a clock of `tier` counts on: the owner's (``SLAInput/calendar``) when it is
    /// known, else the tier's, else the section's default.
    ///
    /// - Parameters:
    ///   - tier: the tier.
    ///   - owner: the owner's calendar name, if any.
    /// - Returns: the name and calendar, or `nil` when none is configured.
    public func calendar(for tier: SLATier, owner: String? = nil) -> (name: String, calendar: any BusinessCalendar)? {
        for name in [owner, tier.calendar, configuration.defaultCalendar].compactMap({ $0 }) {
            if let calendar = calendars[name] { return (name, calendar) }
        }
        return nil
    }

    /// The first-touch clock for an assigned lead, or `nil` when no tier covers it.
    ///
    /// The reasons say which tier matched and why, the calendar arithmetic of the deadline
    /// (out-of-hours shift, windows counted, holidays, daylight-saving changes) and the warning point.
    ///
    /// - Parameter input: the lead, `now` and the engine's context.
    /// - Returns: the clock to start.
    public func clock(for input: SLAInput) -> SLAClockStart? {
        guard let (tier, matched) = tier(for: input) else { return nil }
        return start(tier: tier, target: tier.firstTouch, matched: matched, input: input, purpose: "first touch")
    }

    /// The disposition clock for an assigned lead (accept, reject or recycle within the tier's
    /// limit), or `nil` when no tier covers it or the tier sets no disposition deadline.
    ///
    /// - Parameter input: the lead, `now` and the engine's context.
    /// - Returns: the clock to start; it has no warning point.
    public func dispositionClock(for input: SLAInput) -> SLAClockStart? {
        guard let (tier, matched) = tier(for: input), let target = tier.disposition else { return nil }
        var tierNoWarning = tier
        tierNoWarning.warnAt = nil
        return start(tier: tierNoWarning, target: target, matched: matched, input: input, purpose: "disposition")
    }

    /// The deadline `target` sets from `start`, with its arithmetic.
    ///
    /// A business target on a missing calendar counts wall-clock time and says so in the reasons
    /// (``SLAConfiguration/problems(pluginCalendars:)`` reports the configuration).
    ///
    /// - Parameters:
    ///   - target: the time limit.
    ///   - start: the instant the clock starts.
    ///   - calendar: the calendar name and calendar, if any.
    /// - Returns: the deadline and its reasons.
    public func deadline(
        for target: SLATarget, from start: Date, calendar: (name: String, calendar: any BusinessCalendar)?
    ) -> (deadline: Date, reasons: [Reason]) {
        let seconds = target.within.seconds
        switch (target.clock, calendar) {
        case (.business, let (name, calendar)?):
            let explanation = calendar.explainAdding(seconds, to: start)
            return (explanation.end, explanation.steps.map { Reason(rule: "sla-calendar:\(name)", detail: $0) })
        case (.business, nil):
            let end = start.addingTimeInterval(seconds)
            return (
                end,
                [
                    Reason(
                        rule: "sla-calendar",
                        detail: "no calendar configured: \(target.within) counted as wall-clock time"),
                    Reason(
                        rule: "sla-target",
                        detail: "\(target.within) after \(start.formatted(.iso8601)) → \(end.formatted(.iso8601))"),
                ]
            )
        case (.wall, let named):
            let end = start.addingTimeInterval(seconds)
            let describe: (Date) -> String = { named?.calendar.describe($0) ?? $0.formatted(.iso8601) }
            return (
                end,
                [
                    Reason(
                        rule: "sla-target",
                        detail: "\(target.within) wall-clock time from \(describe(start)) → \(describe(end))")
                ]
            )
        }
    }

    /// When escalation step `index` of a tier is due after a breach, with its arithmetic.
    ///
    /// - Parameters:
    ///   - name: the tier's name.
    ///   - index: the step's position in the ladder.
    ///   - deadline: the breached deadline.
    ///   - owner: the owner's calendar name, if any.
    /// - Returns: the step, its instant and reasons; `nil` past the end of the ladder or for an
    ///   unknown tier.
    public func escalation(
        tier name: String, step index: Int, deadline: Date, owner: String? = nil
    ) -> (step: EscalationStep, at: Date, reasons: [Reason])? {
        guard let tier = configuration.tier(named: name), tier.escalation.indices.contains(index) else { return nil }
        let step = tier.escalation[index]
        if step.after.seconds == 0 {
            return (step, deadline, [Reason(rule: "sla-escalation:\(step.step.rawValue)", detail: "at the deadline")])
        }
        let target = SLATarget(within: step.after, clock: tier.firstTouch.clock)
        let (at, steps) = self.deadline(for: target, from: deadline, calendar: calendar(for: tier, owner: owner))
        let head = Reason(
            rule: "sla-escalation:\(step.step.rawValue)",
            detail: "step \(index + 1) of \(tier.escalation.count), \(step.after) after the deadline")
        return (step, at, [head] + steps)
    }

    /// The clock after a reassignment: a fresh full target from `input.now` when the tier says
    /// `restart`, `nil` when it keeps the clock (or no tier covers the clock).
    ///
    /// To restart, append `slaStarted` again with the same ``LeadModel/SLAClockID``: the fold and
    /// ``SLAMonitor`` replace the open clock.
    ///
    /// - Parameters:
    ///   - clock: the running clock.
    ///   - input: the lead after the reassignment, with `now`.
    /// - Returns: the restarted clock, or `nil` to keep the running one.
    public func reassigned(_ clock: SLAClock, input: SLAInput) -> SLAClockStart? {
        guard let tier = configuration.tier(named: clock.tier), tier.onReassignment == .restart else { return nil }
        var result = start(
            tier: tier, target: tier.firstTouch, matched: "reassignment restarts the clock", input: input,
            purpose: "first touch")
        result.reasons.insert(
            Reason(rule: "sla-reassignment", detail: "tier \(tier.name) restarts the clock on reassignment"), at: 0)
        return result
    }

    /// The clock after a pause: the time that was left at `pausedAt` counted again from `resumedAt`.
    ///
    /// - Parameters:
    ///   - clock: the paused clock.
    ///   - pausedAt: when it paused.
    ///   - resumedAt: when it resumes.
    ///   - owner: the owner's calendar name, if any.
    /// - Returns: the clock with its moved deadline and warning; `nil` when the tier does not allow
    ///   pauses or is unknown.
    public func resumed(_ clock: SLAClock, pausedAt: Date, resumedAt: Date, owner: String? = nil) -> SLAClockStart? {
        guard let tier = configuration.tier(named: clock.tier), tier.pauseAllowed else { return nil }
        let named = calendar(for: tier, owner: owner)
        func remaining(until instant: Date) -> TimeInterval {
            if tier.firstTouch.clock == .business, let named {
                return max(0, named.calendar.businessTime(from: pausedAt, to: instant))
            }
            return max(0, instant.timeIntervalSince(pausedAt))
        }
        let left = remaining(until: clock.deadline)
        let (deadline, steps) = self.deadline(
            for: SLATarget(within: SLADuration(seconds: left), clock: tier.firstTouch.clock), from: resumedAt,
            calendar: named)
        var warnAt: Date?
        if let warning = clock.warnAt, warning > pausedAt {
            warnAt =
                self.deadline(
                    for: SLATarget(
                        within: SLADuration(seconds: remaining(until: warning)), clock: tier.firstTouch.clock),
                    from: resumedAt, calendar: named
                ).deadline
        }
        let head = Reason(
            rule: "sla-pause",
            detail: "paused with \(BusinessTimeExplanation.format(left)) left; resumed, the rest counts again")
        return SLAClockStart(tier: tier.name, warnAt: warnAt, deadline: deadline, reasons: [head] + steps)
    }

    /// Step `index` of the ladder of the clock's tier, due after the clock's deadline on the tier's
    /// calendar (``escalation(tier:step:deadline:owner:)`` without an owner's calendar).
    ///
    /// - Parameters:
    ///   - clock: the breached clock.
    ///   - index: the step's position in the ladder.
    /// - Returns: the step, or `nil` past the end of the ladder or for an unknown tier.
    public func escalation(of clock: SLAClock, step index: Int) -> SLAEscalationDue? {
        escalation(tier: clock.tier, step: index, deadline: clock.deadline).map {
            SLAEscalationDue(action: $0.step.step, at: $0.at, reasons: $0.reasons)
        }
    }

    /// Checks that the clock's tier allows pauses (``SLATier/pauseAllowed``).
    ///
    /// - Parameter clock: the running clock.
    /// - Throws: ``SLAPolicyError`` `refused` when the tier is unknown or does not allow pauses,
    ///   saying to set `"pauseAllowed": true`.
    public func checkPause(_ clock: SLAClock) throws(SLAPolicyError) {
        guard configuration.tier(named: clock.tier)?.pauseAllowed == true else {
            throw SLAPolicyError(
                .refused, policy: "TieredSLAPolicy", operation: .pause,
                message: "tier \(clock.tier) does not allow pausing its clock; set \"pauseAllowed\": true")
        }
    }

    /// The clock after a pause (``resumed(_:pausedAt:resumedAt:owner:)`` on the tier's calendar),
    /// with the business time the pause took for a business-time tier and the wall time otherwise.
    ///
    /// - Parameters:
    ///   - clock: the paused clock.
    ///   - pausedAt: when it paused.
    ///   - resumedAt: when it resumes.
    /// - Returns: the resumed clock; `nil`, leaving the clock paused, when its tier is unknown or no
    ///   longer allows pauses.
    public func resume(_ clock: SLAClock, pausedAt: Date, resumedAt: Date) -> SLAResumption? {
        guard let moved = resumed(clock, pausedAt: pausedAt, resumedAt: resumedAt),
            let tier = configuration.tier(named: clock.tier)
        else { return nil }
        let pausedFor: TimeInterval
        if tier.firstTouch.clock == .business, let named = calendar(for: tier) {
            pausedFor = named.calendar.businessTime(from: pausedAt, to: resumedAt)
        } else {
            pausedFor = resumedAt.timeIntervalSince(pausedAt)
        }
        return SLAResumption(
            warnAt: moved.warnAt, deadline: moved.deadline, pausedFor: pausedFor, reasons: moved.reasons)
    }

    /// The tier's calendar (business time) and follow-up cadence; wall time and no cadence for an
    /// unknown tier.
    ///
    /// - Parameter tier: the tier's name.
    /// - Returns: the terms.
    public func healthTerms(forTier tier: String) -> SLAHealthTerms {
        guard let tier = configuration.tier(named: tier) else { return SLAHealthTerms() }
        return SLAHealthTerms(calendar: calendar(for: tier)?.calendar, followUp: tier.followUp)
    }

    /// A tracker of the section's commitments, periods cut in its ``SLAConfiguration/commitmentTimeZone``.
    ///
    /// - Returns: a new, empty tracker.
    public func commitmentTracker() -> CommitmentTracker? {
        CommitmentTracker(commitments: configuration.commitments, timeZone: configuration.commitmentTimeZone)
    }

    /// The section as JSON with sorted keys: a monitor snapshot folded under the same section is
    /// trusted; `nil` (fold from the journal) if the section cannot be encoded.
    public var snapshotFingerprint: String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(configuration)).map { String(decoding: $0, as: UTF8.self) }
    }

    private func start(
        tier: SLATier, target: SLATarget, matched: String, input: SLAInput, purpose: String
    ) -> SLAClockStart {
        let named = calendar(for: tier, owner: input.calendar)
        var reasons = [
            Reason(
                rule: "sla-tier:\(tier.name)",
                detail: "covers \(matched); \(purpose) within \(target.within) \(target.clock.rawValue) time")
        ]
        let (deadline, steps) = deadline(for: target, from: input.now, calendar: named)
        reasons += steps
        var warnAt: Date?
        if let fraction = tier.warnAt, fraction > 0, fraction < 1 {
            let warning = SLATarget(within: SLADuration(seconds: target.within.seconds * fraction), clock: target.clock)
            let instant = self.deadline(for: warning, from: input.now, calendar: named).deadline
            warnAt = instant
            let text = named?.calendar.describe(instant) ?? instant.formatted(.iso8601)
            reasons.append(
                Reason(
                    rule: "sla-warning",
                    detail: "\(Int((fraction * 100).rounded()))% of \(target.within) (\(warning.within)) → \(text)"))
        }
        return SLAClockStart(tier: tier.name, warnAt: warnAt, deadline: deadline, reasons: reasons)
    }
}
