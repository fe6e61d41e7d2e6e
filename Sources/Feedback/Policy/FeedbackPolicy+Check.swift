import Foundation
public import LeadModel

extension FeedbackPolicy {
    /// A disposition as the agreement allows it: completed with defaults, with the reasons to
    /// store on its event.
    public struct CheckedDisposition: Hashable, Sendable {
        /// The disposition to record (a recycle gets the default re-qualify trigger when it
        /// names none).
        public var disposition: Disposition
        /// The approved reason code, acceptance rule checks and re-qualify trigger, as event
        /// reasons.
        public var reasons: [Reason]
    }

    /// Checks a disposition against the whole agreement: the reason code taxonomy, the objection
    /// tags, the acceptance rules of booked meetings and the recycle cap.
    ///
    /// - Rejections and recycles need an approved reason code (see ``ReasonCodeTaxonomy``).
    /// - Every objection tag must be in ``objections``.
    /// - For a booked meeting (see ``AcceptanceRules/apply(to:)``) the rules are evaluated and
    ///   their results stored as reasons; a rejection must cite at least one rule in
    ///   `failedRules`, and every cited rule must exist.
    /// - A recycle beyond ``maxRecycles`` is refused; one without a trigger gets ``requalify``,
    ///   its date `afterDays` from `now`.
    ///
    /// ```swift
    /// let checked = try FeedbackPolicy.standard.check(
    ///     Disposition(outcome: .recycled, reasonCode: "poor-timing"), on: state,
    ///     reasonCodes: .standard, opportunityConflict: false, now: now)
    /// print(checked.disposition.requalify?.on as Any)   // now + 90 days
    /// ```
    ///
    /// - Parameters:
    ///   - disposition: sales' verdict.
    ///   - state: the lead as folded from the journal.
    ///   - reasonCodes: the playbook's reason code taxonomy.
    ///   - opportunityConflict: whether another lead of the account is in an active opportunity.
    ///   - now: the time of the verdict.
    /// - Returns: the disposition to record and its reasons.
    /// - Throws: ``FeedbackError`` — the reason code errors of ``ReasonCodeTaxonomy/check(_:for:)``,
    ///   `unknownObjection`, `ruleRequired`, `unknownRule` (each listing the allowed values) and
    ///   `recycleLimitReached`.
    public func check(
        _ disposition: Disposition, on state: LeadState, reasonCodes: ReasonCodeTaxonomy, opportunityConflict: Bool,
        now: Date
    ) throws(FeedbackError) -> CheckedDisposition {
        let id = state.id
        var checked = disposition
        var reasons: [Reason] = []
        if let reason = try reasonCodes.check(disposition, for: id) { reasons.append(reason) }
        try checkObjections(disposition.objections, for: id)
        reasons += try checkAcceptance(disposition, on: state, opportunityConflict: opportunityConflict)
        if disposition.outcome == .recycled {
            guard state.feedback.recycles < maxRecycles else {
                throw FeedbackError(
                    .recycleLimitReached, leadID: id, allowedCodes: [],
                    message:
                        "the lead was recycled \(state.feedback.recycles) time\(state.feedback.recycles == 1 ? "" : "s");"
                        + " the playbook allows \(maxRecycles) (feedback.maxRecycles): reject or disqualify it instead")
            }
            if checked.requalify == nil, let template = requalify {
                checked.requalify = RequalifyTrigger(
                    signalKinds: template.signalKinds, scoreAtLeast: template.scoreAtLeast,
                    on: template.afterDays.map { now.addingTimeInterval($0 * 86_400) })
            }
            if let trigger = checked.requalify {
                reasons.append(
                    Reason(
                        rule: "requalify",
                        detail: Self.describe(trigger)
                            + " (recycle \(state.feedback.recycles + 1) of at most \(maxRecycles))"))
            }
        } else if disposition.requalify != nil {
            checked.requalify = nil
        }
        return CheckedDisposition(disposition: checked, reasons: reasons)
    }

    /// Checks that every tag is in the objection taxonomy.
    ///
    /// - Throws: ``FeedbackError`` `unknownObjection`, listing the allowed tags.
    public func checkObjections(_ tags: [String], for id: LeadID) throws(FeedbackError) {
        let allowed = objections.map(\.tag)
        for tag in tags where !allowed.contains(tag) {
            throw FeedbackError(
                .unknownObjection, leadID: id, allowedCodes: allowed,
                message: allowed.isEmpty
                    ? "unknown objection tag '\(tag)': the playbook lists no objection tags (feedback.objections)"
                    : "unknown objection tag '\(tag)'; allowed: \(allowed.joined(separator: ", "))")
        }
    }

    private func checkAcceptance(_ disposition: Disposition, on state: LeadState, opportunityConflict: Bool)
        throws(FeedbackError) -> [Reason]
    {
        let ruleIDs = acceptance?.rules.map(\.id) ?? []
        let list =
            ruleIDs.isEmpty ? "none (the playbook has no feedback.acceptance rules)" : ruleIDs.joined(separator: ", ")
        for cited in disposition.failedRules where !ruleIDs.contains(cited) {
            throw FeedbackError(
                .unknownRule, leadID: state.id, allowedCodes: ruleIDs,
                message: "unknown acceptance rule '\(cited)'; the rules are: \(list)")
        }
        guard let acceptance, acceptance.apply(to: state) else { return [] }
        let checks = acceptance.evaluate(state, opportunityConflict: opportunityConflict)
        switch disposition.outcome {
        case .rejected:
            guard !disposition.failedRules.isEmpty else {
                throw FeedbackError(
                    .ruleRequired, leadID: state.id, allowedCodes: ruleIDs,
                    message: "a booked meeting may be rejected only against the acceptance rules; "
                        + "cite the rule that failed (--rule): \(list)")
            }
            return checks.filter { disposition.failedRules.contains($0.rule) }.map { check in
                let data =
                    switch check.passed {
                    case false?: "the data agrees: \(check.evidence)"
                    case true?: "the data says it passes: \(check.evidence)"
                    case nil: check.evidence
                    }
                return Reason(rule: "acceptance:\(check.rule)", detail: "cited as failed; \(data)")
            }
        case .accepted, .recycled:
            return checks.map { check in
                let verdict =
                    switch check.passed {
                    case true?: "passed"
                    case false?: "failed"
                    case nil: "not checked"
                    }
                return Reason(rule: "acceptance:\(check.rule)", detail: "\(verdict): \(check.evidence)")
            }
        }
    }

    /// A trigger in words: `"re-qualifies on a new demo-requested or quote-requested signal, or
    /// score ≥ 60, or the date 2027-02-21T00:00:00Z"`.
    public static func describe(_ trigger: RequalifyTrigger) -> String {
        var parts: [String] = []
        if !trigger.signalKinds.isEmpty {
            parts.append("a new \(trigger.signalKinds.map(\.rawValue).joined(separator: " or ")) signal")
        }
        if let score = trigger.scoreAtLeast { parts.append("score ≥ \(AcceptanceRules.format(score))") }
        if let date = trigger.on { parts.append("the date \(date.formatted(.iso8601))") }
        return parts.isEmpty ? "no re-qualify trigger" : "re-qualifies on " + parts.joined(separator: ", or ")
    }
}
