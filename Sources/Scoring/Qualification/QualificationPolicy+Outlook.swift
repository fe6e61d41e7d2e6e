import Foundation
public import LeadModel

/// What one qualification rule makes of a lead that it does not move: what a threshold lacks,
/// or why a trigger did not fire.
public struct QualificationFinding: Hashable, Sendable, Codable {
    /// The rule: `threshold:mql` or `trigger:quote-or-demo`.
    public var rule: String
    /// The stage the rule moves leads to.
    public var to: Stage
    /// What the rule found, in words: `total 38 is 12 short of 50`.
    public var detail: String
    /// Whether the rule would move the lead now (a handoff gate may still hold it back).
    public var isMet: Bool

    public init(rule: String, to: Stage, detail: String, isMet: Bool = false) {
        self.rule = rule
        self.to = to
        self.detail = detail
        self.isMet = isMet
    }
}

extension QualificationPolicy {
    /// Why the policy does not move the lead now, rule by rule: for each threshold the lead could
    /// reach, the points it lacks (or the fresh signal it needs after re-entering the funnel);
    /// for each trigger, why no signal fires it — none seen, one from before the lead re-entered
    /// the funnel, one older than the trigger's window, one dated in the future. A rule that
    /// would move the lead says so (a handoff gate may still hold it back).
    ///
    /// The rules are those of ``decide(state:card:graph:now:)``; this only says what they found.
    ///
    /// ```swift
    /// for finding in policy.outlook(state: state, card: state.score, graph: .standard, now: now) {
    ///     print(finding.rule, finding.detail)   // threshold:mql total 38 is 12 short of 50
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - state: the lead as folded from the journal.
    ///   - card: the lead's current score card; `nil` when it was never scored.
    ///   - graph: the playbook's stage graph.
    ///   - now: the time of the question.
    /// - Returns: one finding per rule that could move the lead from its stage; empty when the
    ///   policy never moves leads out of it (a stage not in ``eligibleStages``, or terminal).
    public func outlook(state: LeadState, card: ScoreCard?, graph: StageGraph, now: Date) -> [QualificationFinding] {
        guard isEligible(state.stage, graph: graph) else { return [] }
        let cycle = Cycle(policy: self, state: state, graph: graph, now: now)
        var findings: [QualificationFinding] = []
        for threshold in thresholds where cycle.reaches(threshold.stage) {
            let rule = "threshold:\(threshold.stage)"
            guard let card else {
                findings.append(QualificationFinding(rule: rule, to: threshold.stage, detail: "the lead is not scored"))
                continue
            }
            let shortfalls = Self.shortfalls(of: threshold, card)
            var finding = QualificationFinding(rule: rule, to: threshold.stage, detail: "")
            if !shortfalls.isEmpty {
                finding.detail = shortfalls.joined(separator: "; ")
            } else if let start = cycle.start, !cycle.hasFreshSignal {
                finding.detail =
                    "met, but the lead re-entered the funnel on \(Self.format(start)) and needs a signal after that"
            } else {
                finding.detail = "met: " + describe(threshold, card).detail
                finding.isMet = true
            }
            findings.append(finding)
        }
        for trigger in triggers where cycle.reaches(trigger.stage) {
            let (detail, fired) = triggerDetail(trigger, state.signals, after: cycle.start, now: now)
            findings.append(
                QualificationFinding(rule: "trigger:\(trigger.name)", to: trigger.stage, detail: detail, isMet: fired))
        }
        return findings
    }

    /// ``outlook(state:card:graph:now:)`` with the lead scored afresh by `scorer` at `now`, and,
    /// for a threshold the lead falls short of, what decay will take away and when: `total 40 is
    /// 10 short of 50; decay takes the total to 31 by 2026-12-20T10:00:00Z` (at the scorer's next
    /// review, ``LeadScorer/nextReview(_:after:)``).
    ///
    /// - Parameters:
    ///   - state: the lead as folded from the journal.
    ///   - scorer: the scorer the engine uses.
    ///   - graph: the playbook's stage graph.
    ///   - now: the time of the question.
    ///   - playbookVersion: the playbook version the scorer's cards carry.
    /// - Returns: one finding per rule that could move the lead from its stage.
    public func outlook(
        state: LeadState, scoredBy scorer: any LeadScorer, graph: StageGraph, now: Date,
        playbookVersion: String? = nil
    ) -> [QualificationFinding] {
        let input = ScoringInput(state: state, now: now, playbookVersion: playbookVersion)
        guard let (card, review) = scorer.scoreWithReview(input) else {
            return outlook(state: state, card: nil, graph: graph, now: now)
        }
        var findings = outlook(state: state, card: card, graph: graph, now: now)
        guard let review, review > now,
            let later = scorer.score(ScoringInput(state: state, now: review, playbookVersion: playbookVersion)),
            later.total < card.total
        else { return findings }
        for index in findings.indices where !findings[index].isMet && findings[index].rule.hasPrefix("threshold:") {
            findings[index].detail +=
                "; decay takes the total to \(TextMatching.format(later.total)) by \(Self.format(review))"
        }
        return findings
    }

    /// What a card lacks for a threshold: `total 38 is 12 short of 50`, and the same for fit and
    /// engagement minimums.
    private static func shortfalls(of threshold: Threshold, _ card: ScoreCard) -> [String] {
        var found: [String] = []
        func check(_ name: String, _ value: Double, _ minimum: Double?) {
            guard let minimum, value < minimum else { return }
            found.append(
                "\(name) \(TextMatching.format(value)) is \(TextMatching.format(minimum - value)) short of "
                    + TextMatching.format(minimum))
        }
        check("total", card.total, threshold.minTotal)
        check("fit", card.fit, threshold.minFit)
        check("engagement", card.engagement, threshold.minEngagement)
        return found
    }

    /// Why `trigger` fires or not, from the newest signal of its kinds, and whether it fires.
    private func triggerDetail(_ trigger: Trigger, _ signals: [Signal], after start: Date?, now: Date)
        -> (String, fired: Bool)
    {
        let kinds = trigger.kinds.map(\.rawValue).joined(separator: " or ")
        if let signal = firing(trigger, in: signals, after: start, now: now) {
            return ("fired by \(signal.kind) on \(Self.format(signal.occurredAt))", true)
        }
        let seen = signals.filter { trigger.kinds.contains($0.kind) }
        guard let newest = seen.max(by: { $0.occurredAt < $1.occurredAt }) else {
            return ("no \(kinds) signal yet", false)
        }
        let past = seen.filter { $0.occurredAt <= now }.max { $0.occurredAt < $1.occurredAt }
        guard let past else {
            return ("the only \(kinds) signals are dated after now (\(Self.format(newest.occurredAt)))", false)
        }
        if let start, past.occurredAt <= start {
            return (
                "\(past.kind) on \(Self.format(past.occurredAt)) came before the lead re-entered the funnel on "
                    + "\(Self.format(start)); it fires once per cycle, and a new one would fire it", false
            )
        }
        let days = trigger.withinDays.map(TextMatching.format) ?? "?"
        return (
            "\(past.kind) on \(Self.format(past.occurredAt)) is older than the trigger's \(days) days: "
                + "history, not a live signal", false
        )
    }
}
