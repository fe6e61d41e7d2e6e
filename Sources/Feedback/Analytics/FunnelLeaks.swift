import Foundation
import LeadModel
public import LeadModel

/// Where the funnel leaks: how many leads pass each step from capture to a win, the step that
/// loses the most, and the slices whose handoffs sales rejects most, with their main reason.
///
/// The steps follow leads created in the period (the cohort view): captured → each stage of
/// `stages` reached → accepted by sales → converted. A lead counts at a stage if it ever
/// reached it; merged duplicates count once.
public struct FunnelLeaks: Hashable, Sendable, Codable {
    /// One step of the funnel.
    public struct Step: Hashable, Sendable, Codable {
        public var name: String
        public var leads: Int
        /// The share of the previous step's leads that reached this one (1 for the first).
        public var rate: Double
    }

    /// A slice whose handoffs sales rejects often.
    public struct Hotspot: Hashable, Sendable, Codable {
        public var dimension: ReportDimension
        public var value: String
        public var decided: Int
        public var rejected: Int
        public var rejectionRate: Double
        public var topReason: String?
        public var topReasonCount: Int
    }

    public var steps: [Step]
    /// The step with the lowest pass rate (after the first), if any lead entered the funnel.
    public var worstStep: Step?
    /// Slices with at least `minimumDecided` decisions and a rejection rate of at least
    /// `threshold`, worst first.
    public var hotspots: [Hotspot]
    /// Leads of the period that a rule would move but a handoff gate holds back for want of a
    /// field: a leak before sales ever sees them.
    public var blockedAtGate: Int
    /// Those leads by missing field (a lead missing two fields counts under both).
    public var blockedByField: [String: Int]
    /// The summary in sentences, for a terminal or a weekly email.
    public var summary: [String]

    /// Builds the summary.
    ///
    /// - Parameters:
    ///   - facts: the folded journal.
    ///   - stages: the funnel stages in order, between capture and sales' acceptance (`mql`, `sql`).
    ///   - period: the leads created in this period (and the dispositions recorded in it, for
    ///     the hotspots).
    ///   - timeZone: the zone whose calendar cuts the period; UTC by default.
    ///   - minimumDecided: the fewest decisions a slice needs to be a hotspot.
    ///   - threshold: the least rejection rate of a hotspot.
    public init(
        _ facts: FeedbackFacts, stages: [Stage] = [.mql, .sql], period: ReportPeriod = .allTime,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!, minimumDecided: Int = 5, threshold: Double = 0.4
    ) {
        let buckets = MonthBuckets(period, timeZone: timeZone)
        let cohort = facts.all.filter { !$0.merged && buckets.month(of: $0.createdAt) != nil }
        // A lead counts at a step when it reached that step or any later one, so a lead moved
        // straight from capture to sql also passed mql, and the counts never grow down the funnel.
        func furthest(_ lead: FeedbackFacts.LeadFacts) -> Int {
            if facts.converted(lead) { return stages.count + 2 }
            if lead.wasAccepted { return stages.count + 1 }
            return (stages.lastIndex { lead.reached.contains($0) }).map { $0 + 1 } ?? 0
        }
        let depths = cohort.map(furthest)
        let names = ["captured"] + stages.map(\.rawValue) + ["accepted", "converted"]
        let counts = names.enumerated().map { index, name in (name, depths.filter { $0 >= index }.count) }
        var steps: [Step] = []
        for (index, (name, leads)) in counts.enumerated() {
            let previous = index == 0 ? leads : counts[index - 1].1
            steps.append(Step(name: name, leads: leads, rate: previous == 0 ? 0 : Double(leads) / Double(previous)))
        }
        self.steps = steps
        let blocked = cohort.compactMap(\.handoffBlock)
        blockedAtGate = blocked.count
        var byField: [String: Int] = [:]
        for block in blocked {
            for field in Set(block.missing) { byField[field.rawValue, default: 0] += 1 }
        }
        blockedByField = byField
        worstStep = cohort.isEmpty ? nil : steps.dropFirst().min { ($0.rate, $0.name) < ($1.rate, $1.name) }
        var hotspots: [Hotspot] = []
        let reports = RejectionReport.reports(facts, period: period, timeZone: timeZone)
        for dimension in ReportDimension.allCases {
            guard let report = reports[dimension] else { continue }
            for row in report.totals where row.decided >= minimumDecided && row.rejectionRate >= threshold {
                let top = row.topReason
                hotspots.append(
                    Hotspot(
                        dimension: dimension, value: row.value, decided: row.decided, rejected: row.rejected,
                        rejectionRate: row.rejectionRate, topReason: top?.code, topReasonCount: top?.count ?? 0))
            }
        }
        self.hotspots = hotspots.sorted {
            ($1.rejectionRate, $1.rejected, $0.dimension.rawValue, $0.value)
                < ($0.rejectionRate, $0.rejected, $1.dimension.rawValue, $1.value)
        }
        var summary: [String] = []
        if let worst = worstStep, let index = steps.firstIndex(of: worst), index > 0 {
            summary.append(
                "Biggest leak: \(steps[index - 1].name) → \(worst.name), \(Self.percent(worst.rate)) pass "
                    + "(\(worst.leads) of \(steps[index - 1].leads) leads).")
        } else {
            summary.append("No leads in the period.")
        }
        if blockedAtGate > 0 {
            let fields = byField.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            summary.append(
                "Blocked at the gate: \(blockedAtGate) lead\(blockedAtGate == 1 ? "" : "s") a rule would hand on "
                    + "\(blockedAtGate == 1 ? "lacks" : "lack") a required field (\(fields)).")
        }
        for hotspot in self.hotspots.prefix(3) {
            summary.append(
                "\(hotspot.dimension.label) \(hotspot.value): \(hotspot.rejected) of \(hotspot.decided) decisions "
                    + "rejected (\(Self.percent(hotspot.rejectionRate)))"
                    + (hotspot.topReason.map { ", mostly \($0) (\(hotspot.topReasonCount))" } ?? "") + ".")
        }
        self.summary = summary
    }

    /// A rate as a whole percentage (`0.425` → `"43%"`).
    public static func percent(_ rate: Double) -> String { "\(Int((rate * 100).rounded()))%" }
}
