import Foundation
public import LeadModel

extension QualificationPolicy {
    /// Decides whether a scored lead moves up the funnel.
    ///
    /// The rules, in order:
    /// 1. Only leads in an ``eligibleStages`` stage that is not terminal are considered; leads
    ///    in `sql` or later are never re-qualified.
    /// 2. Every threshold the card meets, and every trigger with a firing signal, proposes its
    ///    stage. A trigger fires on a signal of its kinds at or before `now` (within
    ///    `withinDays`, if set) that happened after the lead's last entry into a ``rearmOn``
    ///    stage. After such an entry, thresholds too need a signal newer than it, so a recycled
    ///    lead does not bounce straight back on its old score.
    /// 3. A proposal counts only if the graph allows the move from the current stage and it is
    ///    not backwards: the target must be later in funnel order than the current stage, except
    ///    from a ``rearmOn`` stage (`recycled`), which re-enters the funnel wherever the graph
    ///    allows.
    /// 4. The furthest proposal in funnel order wins; its tier is that of the first matching
    ///    tier rule, else ``defaultTier``.
    ///
    /// ```swift
    /// let card = RuleScorer(.standard).score(ScoringInput(state: state, now: now))!
    /// if let decision = QualificationPolicy.standard.decide(state: state, card: card, graph: .standard, now: now) {
    ///     print(decision.to, decision.tier, decision.reasons)   // sql hot [trigger:quote-or-demo: …]
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - state: the lead as folded from the journal.
    ///   - card: the lead's current score card (from any scorer).
    ///   - graph: the playbook's stage graph.
    ///   - now: the time of the decision.
    /// - Returns: the move, or `nil` when the lead stays where it is.
    public func decide(state: LeadState, card: ScoreCard, graph: StageGraph, now: Date) -> QualificationDecision? {
        let current = state.stage
        guard isEligible(current, graph: graph) else { return nil }
        let cycle = Cycle(policy: self, state: state, graph: graph, now: now)

        var proposals: [(stage: Stage, reason: Reason, trigger: Trigger?, signal: Signal?)] = []
        if cycle.hasFreshSignal {
            for threshold in thresholds where cycle.reaches(threshold.stage) && meets(threshold, card) {
                proposals.append((threshold.stage, describe(threshold, card), nil, nil))
            }
        }
        let cycleStart = cycle.start
        for trigger in triggers where cycle.reaches(trigger.stage) {
            guard let signal = firing(trigger, in: state.signals, after: cycleStart, now: now) else { continue }
            let rearmed =
                cycleStart.map { ", after the lead re-entered the funnel on \(Self.format($0))" } ?? ""
            let reason = Reason(
                rule: "trigger:\(trigger.name)",
                detail: "\(signal.kind) on \(Self.format(signal.occurredAt))\(rearmed)")
            proposals.append((trigger.stage, reason, trigger, signal))
        }
        guard let best = proposals.max(by: { graph.rank(of: $0.stage) < graph.rank(of: $1.stage) }) else {
            return nil
        }
        let chosen = proposals.filter { $0.stage == best.stage }
        let fired = chosen.first { $0.trigger != nil }
        var reasons =
            chosen.filter { $0.trigger == nil }.map(\.reason) + chosen.filter { $0.trigger != nil }.map(\.reason)
        let (tier, tierReason) = self.tier(for: card, to: best.stage, triggered: fired != nil)
        reasons.append(tierReason)
        return QualificationDecision(
            from: current, to: best.stage, tier: tier, trigger: fired?.trigger?.name, triggerSignal: fired?.signal,
            reasons: reasons)
    }

    /// Whether the policy considers leads in `stage` at all: an eligible, non-terminal stage.
    func isEligible(_ stage: Stage, graph: StageGraph) -> Bool {
        eligibleStages.contains(stage) && !graph.terminal.contains(stage)
    }

    /// Where a lead stands in its funnel cycle: when it last re-entered the funnel, whether a
    /// signal came since, and which stages a move may target from where it is.
    struct Cycle {
        /// The lead's last entry into a ``rearmOn`` stage, if any.
        let start: Date?
        /// Whether a signal came after ``start`` (always, without a start): thresholds need one.
        let hasFreshSignal: Bool
        private let current: Stage
        private let reentering: Bool
        private let graph: StageGraph

        init(policy: QualificationPolicy, state: LeadState, graph: StageGraph, now: Date) {
            current = state.stage
            self.graph = graph
            let start = policy.rearmOn.compactMap { state.enteredAt($0) }.max()
            self.start = start
            reentering = policy.rearmOn.contains(state.stage)
            hasFreshSignal =
                start.map { start in state.signals.contains { $0.occurredAt > start && $0.occurredAt <= now } }
                ?? true
        }

        /// Whether a move to `target` counts: the graph allows it and it goes forward in funnel
        /// order, or anywhere the graph allows from a ``rearmOn`` stage.
        func reaches(_ target: Stage) -> Bool {
            guard target != current, graph.contains(target), graph.allows(from: current, to: target) else {
                return false
            }
            return reentering || graph.rank(of: target) > graph.rank(of: current)
        }
    }

    func meets(_ threshold: Threshold, _ card: ScoreCard) -> Bool {
        card.total >= threshold.minTotal && card.fit >= (threshold.minFit ?? -.infinity)
            && card.engagement >= (threshold.minEngagement ?? -.infinity)
    }

    func describe(_ threshold: Threshold, _ card: ScoreCard) -> Reason {
        var detail =
            "total \(TextMatching.format(card.total)) ≥ \(TextMatching.format(threshold.minTotal))"
            + " (fit \(TextMatching.format(card.fit)), engagement \(TextMatching.format(card.engagement))"
            + (card.grade.map { ", grade \($0)" } ?? "") + ")"
        if let minFit = threshold.minFit { detail += "; fit ≥ \(TextMatching.format(minFit))" }
        if let minEngagement = threshold.minEngagement {
            detail += "; engagement ≥ \(TextMatching.format(minEngagement))"
        }
        return Reason(rule: "threshold:\(threshold.stage)", detail: detail + " [\(card.scorer)]")
    }

    /// The newest signal that fires `trigger` in this cycle, if any.
    func firing(_ trigger: Trigger, in signals: [Signal], after cycleStart: Date?, now: Date) -> Signal? {
        var newest: Signal?
        for signal in signals where trigger.kinds.contains(signal.kind) {
            guard signal.occurredAt <= now else { continue }
            if let cycleStart, signal.occurredAt <= cycleStart { continue }
            if let withinDays = trigger.withinDays, now.timeIntervalSince(signal.occurredAt) > withinDays * 86_400 {
                continue
            }
            if newest.map({ signal.occurredAt >= $0.occurredAt }) ?? true { newest = signal }
        }
        return newest
    }

    private func tier(for card: ScoreCard, to stage: Stage, triggered: Bool) -> (String, Reason) {
        let grade = card.grade.flatMap(Grade.init)
        for (index, rule) in tiers.enumerated() {
            if let wanted = rule.triggered, wanted != triggered { continue }
            if let fitGrades = rule.fitGrades {
                guard let grade, fitGrades.contains(String(grade.fit)) else { continue }
            }
            if let engagementGrades = rule.engagementGrades {
                guard let grade, engagementGrades.contains(grade.engagement) else { continue }
            }
            if let minTotal = rule.minTotal, card.total < minTotal { continue }
            if let stages = rule.stages, !stages.contains(stage) { continue }
            var parts: [String] = []
            if let wanted = rule.triggered { parts.append(wanted ? "moved by a trigger" : "moved by a threshold") }
            if let fitGrades = rule.fitGrades, let grade {
                parts.append("fit \(grade.fit) in \(fitGrades.joined(separator: "/"))")
            }
            if let engagementGrades = rule.engagementGrades, let grade {
                parts.append(
                    "engagement \(grade.engagement) in \(engagementGrades.map(String.init).joined(separator: "/"))")
            }
            if let minTotal = rule.minTotal {
                parts.append("total \(TextMatching.format(card.total)) ≥ \(TextMatching.format(minTotal))")
            }
            if rule.stages != nil { parts.append("moving to \(stage)") }
            let detail = parts.isEmpty ? "tiers[\(index)] always applies" : parts.joined(separator: ", ")
            return (rule.tier, Reason(rule: "tier:\(rule.tier)", detail: detail))
        }
        return (defaultTier, Reason(rule: "tier:\(defaultTier)", detail: "no tier rule matched; the default tier"))
    }

    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
