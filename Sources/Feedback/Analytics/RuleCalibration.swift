import Foundation
import LeadModel

/// How well each scoring rule predicts sales' verdict and conversion: for the leads sales
/// decided, the acceptance and conversion rates of leads the rule fired on against those it
/// did not, and a flag on rules that fire on rejected leads.
///
/// A rule fired on a lead when a score card recorded before sales' first decision gave it
/// non-zero points. Lift is the fired rate divided by the not-fired rate (`nil` when the
/// not-fired rate is 0). A rule that fired on at least `minimumFired` decided leads is flagged
/// when half or more of them were rejected, or when they were accepted at least 10 points less
/// often than the leads it did not fire on.
///
/// ```swift
/// for rule in RuleCalibration(facts).rules where rule.flagged { print(rule.rule, rule.flagReason!) }
/// ```
public struct RuleCalibration: Hashable, Sendable, Codable {
    /// One rule's figures.
    public struct RuleFigures: Hashable, Sendable, Codable {
        public var rule: String
        /// Decided leads the rule fired on, and of those accepted, rejected and converted.
        public var fired: Int
        public var firedAccepted: Int
        public var firedRejected: Int
        public var firedConverted: Int
        /// Decided leads the rule did not fire on, and of those accepted and converted.
        public var notFired: Int
        public var notFiredAccepted: Int
        public var notFiredConverted: Int

        public var acceptanceRate: Double { Self.rate(firedAccepted, fired) }
        public var acceptanceRateWithout: Double { Self.rate(notFiredAccepted, notFired) }
        public var conversionRate: Double { Self.rate(firedConverted, fired) }
        public var conversionRateWithout: Double { Self.rate(notFiredConverted, notFired) }
        /// Acceptance rate with the rule over without it.
        public var acceptanceLift: Double? { acceptanceRateWithout == 0 ? nil : acceptanceRate / acceptanceRateWithout }
        /// Conversion rate with the rule over without it.
        public var conversionLift: Double? { conversionRateWithout == 0 ? nil : conversionRate / conversionRateWithout }
        /// Why the rule is flagged, if it is.
        public var flagReason: String?
        public var flagged: Bool { flagReason != nil }

        static func rate(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
    }

    /// Decided leads counted.
    public var decidedLeads: Int
    /// Rules by name.
    public var rules: [RuleFigures]

    /// Computes the figures.
    ///
    /// - Parameters:
    ///   - facts: the folded journal.
    ///   - minimumFired: the fewest decided leads a rule must fire on to be flagged.
    ///   - rejectedShare: a rule is flagged when at least this share of the decided leads it
    ///     fired on were rejected,
    ///   - acceptanceGap: or when its acceptance rate is at least this much (0.1 = 10 points)
    ///     below the rate of the leads it did not fire on.
    public init(_ facts: FeedbackFacts, minimumFired: Int = 5, rejectedShare: Double = 0.5, acceptanceGap: Double = 0.1)
    {
        let decided = facts.all.filter { !$0.merged && $0.isDecided }
        decidedLeads = decided.count
        let names = Set(decided.flatMap(\.firedRules)).sorted()
        rules = names.map { rule in
            var figures = RuleFigures(
                rule: rule, fired: 0, firedAccepted: 0, firedRejected: 0, firedConverted: 0, notFired: 0,
                notFiredAccepted: 0, notFiredConverted: 0)
            for lead in decided {
                let accepted = lead.wasAccepted
                let converted = facts.converted(lead)
                if lead.firedRules.contains(rule) {
                    figures.fired += 1
                    if accepted { figures.firedAccepted += 1 }
                    if converted { figures.firedConverted += 1 }
                    if lead.dispositions.contains(where: { $0.disposition.outcome == .rejected && !$0.overturned }) {
                        figures.firedRejected += 1
                    }
                } else {
                    figures.notFired += 1
                    if accepted { figures.notFiredAccepted += 1 }
                    if converted { figures.notFiredConverted += 1 }
                }
            }
            if figures.fired >= minimumFired {
                let share = RuleFigures.rate(figures.firedRejected, figures.fired)
                if share >= rejectedShare {
                    figures.flagReason =
                        "fires on rejected leads: \(figures.firedRejected) of \(figures.fired) "
                        + "(\(FunnelLeaks.percent(share))) were rejected"
                } else if figures.notFired > 0,
                    figures.acceptanceRate <= figures.acceptanceRateWithout - acceptanceGap
                {
                    figures.flagReason =
                        "leads it fires on are accepted less often: \(FunnelLeaks.percent(figures.acceptanceRate)) "
                        + "vs \(FunnelLeaks.percent(figures.acceptanceRateWithout)) without it"
                }
            }
            return figures
        }
    }
}
