import Foundation
import LeadModel

/// Rejection reasons by source, campaign, segment or message angle, month over month: what
/// marketing reviews to re-tune targeting and scoring.
///
/// Every disposition counts in the month it was recorded (the activity view): a lead recycled
/// in October and accepted in November counts in both months. A rejection an arbiter overturned
/// is counted under ``Row/overturned`` and not as a rejection.
///
/// ```swift
/// let period = try ReportPeriod(parsing: "2026-09..2026-11", now: now, timeZone: TimeZone(identifier: "UTC")!)
/// let report = RejectionReport(facts, by: .campaign, period: period)
/// for row in report.rows where row.rejected > 0 { print(row.month, row.value, row.reasons) }
/// ```
public struct RejectionReport: Hashable, Sendable, Codable {
    /// One slice value in one month.
    public struct Row: Hashable, Sendable, Codable {
        /// `YYYY-MM`, or `all` in ``RejectionReport/totals``.
        public var month: String
        /// The slice's value (a campaign's name, a segment).
        public var value: String
        /// Dispositions recorded.
        public var decided = 0
        /// Acceptances.
        public var accepted = 0
        /// Rejections that stand.
        public var rejected = 0
        /// Recycles.
        public var recycled = 0
        /// Rejections an arbiter overturned (not counted in ``rejected``).
        public var overturned = 0
        /// Rejections and recycles by reason code.
        public var reasons: [String: Int] = [:]
        /// Rejected meetings by the acceptance rule they failed.
        public var failedRules: [String: Int] = [:]
        /// Dispositions whose message match was `overstated`.
        public var overstated = 0

        /// Rejections per decision, 0 when nothing was decided.
        public var rejectionRate: Double { decided == 0 ? 0 : Double(rejected) / Double(decided) }

        /// The most frequent reason, ties broken by name.
        public var topReason: (code: String, count: Int)? {
            reasons.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { ($0.key, $0.value) }
        }
    }

    /// What the report is sliced by.
    public var dimension: ReportDimension
    /// The months included.
    public var period: ReportMonths
    /// The months with dispositions, oldest first.
    public var months: [String]
    /// One row per month and value with dispositions, by month then value.
    public var rows: [Row]
    /// All months together, one row per value (month `"all"`), most rejections first.
    public var totals: [Row]

    /// Builds the report.
    ///
    /// - Parameters:
    ///   - facts: the folded journal.
    ///   - dimension: what to slice by.
    ///   - period: the dispositions to count, by when they were recorded; one that names an
    ///     impossible date counts none.
    ///   - timeZone: the zone whose calendar cuts the period and names the months; UTC by default.
    public init(
        _ facts: FeedbackFacts, by dimension: ReportDimension, period: ReportPeriod = .allTime,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self = Self.build(facts, by: [dimension], period: period, timeZone: timeZone)[0]
    }

    /// The report sliced by each of `dimensions`, from one pass over the journal's facts.
    ///
    /// - Parameters:
    ///   - facts: the folded journal.
    ///   - dimensions: what to slice by.
    ///   - period: the dispositions to count, by when they were recorded.
    ///   - timeZone: the zone whose calendar cuts the period and names the months; UTC by default.
    /// - Returns: one report per dimension, in the order given.
    public static func reports(
        _ facts: FeedbackFacts, by dimensions: [ReportDimension] = ReportDimension.allCases,
        period: ReportPeriod = .allTime, timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) -> [ReportDimension: RejectionReport] {
        Dictionary(
            uniqueKeysWithValues: zip(dimensions, build(facts, by: dimensions, period: period, timeZone: timeZone)))
    }

    /// Month over month: the change of a row's rejection rate since the same value's row in
    /// the previous month of ``months`` (`+0.25` is 25 points more), or `nil` when that month
    /// has no row for the value or the row is the first month.
    public func rejectionRateChange(of row: Row) -> Double? {
        guard let index = months.firstIndex(of: row.month), index > 0 else { return nil }
        let previous = months[index - 1]
        guard let before = rows.first(where: { $0.month == previous && $0.value == row.value }) else { return nil }
        return row.rejectionRate - before.rejectionRate
    }

    private init(
        dimension: ReportDimension, period: ReportMonths, cells: [String: [String: Row]], totals: [String: Row]
    ) {
        self.dimension = dimension
        self.period = period
        months = cells.keys.sorted()
        rows = months.flatMap { month in cells[month]!.values.sorted { $0.value < $1.value } }
        self.totals = totals.values.sorted { ($1.rejected, $0.value) < ($0.rejected, $1.value) }
    }

    private static func build(
        _ facts: FeedbackFacts, by dimensions: [ReportDimension], period: ReportPeriod, timeZone: TimeZone
    ) -> [RejectionReport] {
        var cells = [[String: [String: Row]]](repeating: [:], count: dimensions.count)
        var totals = [[String: Row]](repeating: [:], count: dimensions.count)
        let buckets = MonthBuckets(period, timeZone: timeZone)
        for lead in facts.all where !lead.merged && !lead.dispositions.isEmpty {
            let values = dimensions.map { $0.value(of: lead) }
            for fact in lead.dispositions {
                guard let month = buckets.month(of: fact.at) else { continue }
                for (slot, value) in values.enumerated() {
                    cells[slot][month, default: [:]][value, default: Row(month: month, value: value)].count(fact)
                    totals[slot][value, default: Row(month: "all", value: value)].count(fact)
                }
            }
        }
        let months = ReportMonths(period, timeZone: timeZone)
        return dimensions.indices.map { slot in
            RejectionReport(dimension: dimensions[slot], period: months, cells: cells[slot], totals: totals[slot])
        }
    }
}

extension RejectionReport.Row {
    mutating func count(_ fact: FeedbackFacts.DispositionFact) {
        decided += 1
        let disposition = fact.disposition
        switch disposition.outcome {
        case .accepted:
            accepted += 1
        case .rejected where fact.overturned:
            overturned += 1
        case .rejected:
            rejected += 1
            for rule in disposition.failedRules { failedRules[rule, default: 0] += 1 }
        case .recycled:
            recycled += 1
        }
        if disposition.outcome != .accepted, !fact.overturned, let code = disposition.reasonCode {
            reasons[code, default: 0] += 1
        }
        if disposition.messageMatch == .overstated { overstated += 1 }
    }
}
