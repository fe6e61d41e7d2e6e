import Foundation
import LeadModel

/// Voice of the customer: objection tags heard on touches and dispositions, counted per month
/// by segment, by the lead's stage when they were heard, and by message angle, so marketing
/// builds the content that unblocks deals.
///
/// ```swift
/// let report = ObjectionReport(facts, objections: playbook.feedback.objections)
/// for tag in report.tags { print(tag.tag, tag.count, tag.content ?? "") }
/// ```
public struct ObjectionReport: Hashable, Sendable, Codable {
    /// One tag's count in one month for one value of one slice.
    public struct Row: Hashable, Sendable, Codable {
        public var month: String
        /// `segment`, `stage` or `angle`.
        public var slice: String
        public var value: String
        public var tag: String
        public var count: Int
    }

    /// One tag over the whole period.
    public struct TagTotal: Hashable, Sendable, Codable {
        public var tag: String
        public var label: String
        public var count: Int
        /// The content that answers the objection, from the taxonomy.
        public var content: String?
        /// The segment and message angle where it was heard most.
        public var topSegment: String
        public var topAngle: String
        /// Counts per month, oldest first.
        public var byMonth: [String: Int]
    }

    /// The months included.
    public var period: ReportMonths
    public var months: [String]
    /// Rows by month, slice, value, then tag.
    public var rows: [Row]
    /// Tags, most heard first.
    public var tags: [TagTotal]

    /// Builds the report.
    ///
    /// - Parameters:
    ///   - facts: the folded journal.
    ///   - objections: the playbook's taxonomy, for labels and content; tags not in it keep
    ///     their tag as label.
    ///   - period: the objections to count, by when they were heard; one that names an impossible
    ///     date counts none.
    ///   - timeZone: the zone whose calendar cuts the period and names the months; UTC by default.
    public init(
        _ facts: FeedbackFacts, objections: [ObjectionTag], period: ReportPeriod = .allTime,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self.period = ReportMonths(period, timeZone: timeZone)
        struct Key: Hashable, Comparable {
            var month, slice, value, tag: String
            static func < (a: Key, b: Key) -> Bool {
                (a.month, a.slice, a.value, a.tag) < (b.month, b.slice, b.value, b.tag)
            }
        }
        var counts: [Key: Int] = [:]
        var perTag: [String: (count: Int, segments: [String: Int], angles: [String: Int], months: [String: Int])] = [:]
        let buckets = MonthBuckets(period, timeZone: timeZone)
        for lead in facts.all where !lead.merged {
            for fact in lead.objections {
                guard let month = buckets.month(of: fact.at) else { continue }
                for tag in fact.tags {
                    for (slice, value) in [
                        ("segment", lead.segment), ("stage", fact.stage.rawValue), ("angle", lead.messageAngle),
                    ] {
                        counts[Key(month: month, slice: slice, value: value, tag: tag), default: 0] += 1
                    }
                    var entry = perTag[tag] ?? (0, [:], [:], [:])
                    entry.count += 1
                    entry.segments[lead.segment, default: 0] += 1
                    entry.angles[lead.messageAngle, default: 0] += 1
                    entry.months[month, default: 0] += 1
                    perTag[tag] = entry
                }
            }
        }
        rows = counts.keys.sorted().map {
            Row(month: $0.month, slice: $0.slice, value: $0.value, tag: $0.tag, count: counts[$0]!)
        }
        months = Set(rows.map(\.month)).sorted()
        func top(_ counts: [String: Int]) -> String {
            counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "(none)"
        }
        tags = perTag.map { tag, entry in
            let known = objections.first { $0.tag == tag }
            return TagTotal(
                tag: tag, label: known?.label ?? tag, count: entry.count, content: known?.content,
                topSegment: top(entry.segments), topAngle: top(entry.angles), byMonth: entry.months)
        }
        .sorted { ($1.count, $0.tag) < ($0.count, $1.tag) }
    }
}
