import Foundation
import LeadModel
import SLA

/// "Sales responds within N business minutes": a response-time agreement written by a host
/// against the ``SLA/SLAPolicy`` protocol, implementing every requirement itself.
///
/// - **Clock**: every assigned lead except a nurture-tier one gets a first-response clock of
///   ``firstResponse`` business seconds on ``calendar``, warning at ``warnAt`` of that time.
/// - **Escalation**: after a breach, the ``ladder``'s rungs fall due in business time after the
///   deadline (warn the owner, tell the team lead, then the head of sales' rule: reassign).
/// - **Pause**: a clock pauses while the rep waits on the customer (a meeting time, a document);
///   a lead still in a queue may not pause, since nobody is talking to the customer. On resume
///   the business time that was left counts again.
/// - **Reassignment**: a new owner gets a full clock.
///
/// Every answer depends only on its arguments, so a replay of the journal gives the same
/// clocks and ladders.
public struct FirstResponseSLA: SLAPolicy {
    /// The tier recorded on this policy's clocks.
    public static let tier = "first-response"

    /// The business calendar the clock counts on.
    public var calendar: WeeklyBusinessCalendar
    /// The name the reasons give the calendar (`"berlin-office"`).
    public var calendarName: String
    /// Business time to first response, in seconds.
    public var firstResponse: Double
    /// The fraction of ``firstResponse`` after which the owner is warned; `nil` for no warning.
    public var warnAt: Double?
    /// The escalation ladder, in order.
    public var ladder: [EscalationRung]

    /// Makes a policy.
    ///
    /// - Parameters:
    ///   - calendar: the business calendar the clock counts on.
    ///   - calendarName: the calendar's name in the reasons.
    ///   - firstResponse: business seconds to first response.
    ///   - warnAt: the fraction of the target at which to warn; two thirds by default.
    ///   - ladder: the escalation ladder; rungs must not fall due earlier than the one before.
    public init(
        calendar: WeeklyBusinessCalendar, calendarName: String, firstResponse: Double, warnAt: Double? = 2.0 / 3,
        ladder: [EscalationRung]
    ) {
        self.calendar = calendar
        self.calendarName = calendarName
        self.firstResponse = firstResponse
        self.warnAt = warnAt
        self.ladder = ladder
    }

    /// A first-response clock of ``firstResponse`` business seconds from `input.now`, with the
    /// calendar arithmetic as reasons; `nil` for a nurture-tier lead.
    ///
    /// - Parameter input: the lead as assigned, with `now`.
    /// - Returns: the clock to start, or `nil`.
    public func clock(for input: SLAInput) -> SLAClockStart? {
        guard input.qualificationTier != "nurture" else { return nil }
        return start(from: input.now, reason: "first response within \(format(firstResponse)) of business time")
    }

    /// Rung `index` of the ladder, due its business time after the clock's deadline.
    ///
    /// - Parameters:
    ///   - clock: the breached clock.
    ///   - index: the rung's position, from 0.
    /// - Returns: the step with its instant and reasons; `nil` past the last rung.
    public func escalation(of clock: SLAClock, step index: Int) -> SLAEscalationDue? {
        guard ladder.indices.contains(index) else { return nil }
        let rung = ladder[index]
        let at = rung.after > 0 ? calendar.adding(rung.after, to: clock.deadline) : clock.deadline
        return SLAEscalationDue(
            action: rung.action, at: at,
            reasons: [
                Reason(
                    rule: "first-response-escalation:\(rung.role)",
                    detail: "step \(index + 1) of \(ladder.count), for the \(rung.role): "
                        + (rung.after > 0
                            ? "\(format(rung.after)) of business time after the deadline" : "at the deadline")
                        + " → \(calendar.describe(at))")
            ])
    }

    /// Lets a clock pause when a rep owns the lead.
    ///
    /// - Parameter clock: the running clock.
    /// - Throws: ``SLA/SLAPolicyError`` `refused` when the lead is in a queue, saying to assign it.
    public func checkPause(_ clock: SLAClock) throws(SLAPolicyError) {
        guard case .rep = clock.owner else {
            throw SLAPolicyError(
                .refused, policy: "FirstResponseSLA", operation: .pause,
                message: "a lead in a queue is not waiting on the customer; assign it to a rep before pausing")
        }
    }

    /// The clock after waiting on the customer: the business time left at the pause counts again
    /// from `resumedAt`, and so does the time left to the warning.
    ///
    /// - Parameters:
    ///   - clock: the paused clock.
    ///   - pausedAt: when it paused.
    ///   - resumedAt: when it resumes.
    /// - Returns: the moved deadline and warning, with the business time the pause took.
    public func resume(_ clock: SLAClock, pausedAt: Date, resumedAt: Date) throws(SLAPolicyError) -> SLAResumption? {
        let left = max(0, calendar.businessTime(from: pausedAt, to: clock.deadline))
        let explanation = calendar.explainAdding(left, to: resumedAt)
        let warning = clock.warnAt.flatMap { warnAt in
            warnAt > pausedAt ? calendar.adding(calendar.businessTime(from: pausedAt, to: warnAt), to: resumedAt) : nil
        }
        let reasons =
            [
                Reason(
                    rule: "first-response-pause",
                    detail: "waited on the customer with \(format(left)) of business time left; it counts again")
            ] + explanation.steps.map { Reason(rule: "first-response-calendar:\(calendarName)", detail: $0) }
        return SLAResumption(
            warnAt: warning, deadline: explanation.end,
            pausedFor: max(0, calendar.businessTime(from: pausedAt, to: resumedAt)), reasons: reasons)
    }

    /// A full new clock for the new owner.
    ///
    /// - Parameters:
    ///   - clock: the running clock.
    ///   - input: the lead after the reassignment, with `now`.
    /// - Returns: the restarted clock.
    public func reassigned(_ clock: SLAClock, input: SLAInput) -> SLAClockStart? {
        start(from: input.now, reason: "a new owner gets a full \(format(firstResponse)) of business time")
    }

    /// Business time on ``calendar`` for this policy's tier; wall time for any other.
    ///
    /// - Parameter tier: the tier recorded on a clock.
    /// - Returns: the terms.
    public func healthTerms(forTier tier: String) -> SLAHealthTerms {
        tier == Self.tier ? SLAHealthTerms(calendar: calendar) : SLAHealthTerms()
    }

    /// The target, the warning and the ladder: two policies with the same fingerprint give the
    /// same ladder for every clock, so the engine may trust a monitor snapshot saved under it.
    public var snapshotFingerprint: String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let hours = try? encoder.encode(calendar) else { return nil }
        let rungs = ladder.map { "\($0.action.rawValue)+\(Int($0.after))" }.joined(separator: ",")
        return "first-response/\(Int(firstResponse))/\(rungs)/" + String(decoding: hours, as: UTF8.self)
    }

    private func start(from now: Date, reason: String) -> SLAClockStart {
        let explanation = calendar.explainAdding(firstResponse, to: now)
        var reasons = [Reason(rule: "first-response", detail: reason)]
        reasons += explanation.steps.map { Reason(rule: "first-response-calendar:\(calendarName)", detail: $0) }
        var warning: Date?
        if let warnAt, warnAt > 0, warnAt < 1 {
            let instant = calendar.adding(firstResponse * warnAt, to: now)
            warning = instant
            reasons.append(
                Reason(
                    rule: "first-response-warning",
                    detail: "\(Int((warnAt * 100).rounded()))% of the target → \(calendar.describe(instant))"))
        }
        return SLAClockStart(tier: Self.tier, warnAt: warning, deadline: explanation.end, reasons: reasons)
    }

    private func format(_ seconds: Double) -> String { BusinessTimeExplanation.format(seconds) }
}
