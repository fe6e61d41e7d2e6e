import Foundation
import LeadModel

/// A fix the feedback patterns suggest: a slice whose handoffs sales rejects, a message angle
/// that overstates, an objection heard often.
public struct BacklogProposal: Hashable, Sendable, Codable {
    public var kind: BacklogItem.Kind
    public var title: String
    /// The figures behind it.
    public var evidence: String

    public init(kind: BacklogItem.Kind, title: String, evidence: String) {
        self.kind = kind
        self.title = title
        self.evidence = evidence
    }

    /// The backlog kind a rejection reason points to: fit reasons to scoring, need and timing
    /// to messaging, duplicates to routing, unreachable leads to enablement.
    public static func kind(forReason code: String) -> BacklogItem.Kind {
        switch code {
        case "out-of-icp", "wrong-persona": .scoring
        case "duplicate": .routing
        case "unreachable": .enablement
        default: .messaging
        }
    }

    /// Proposals from the journal's patterns.
    ///
    /// - A campaign, source or message angle with at least `minimumDecided` decisions and a
    ///   rejection rate of at least `rejectionThreshold`: a fix of the kind its top reason
    ///   points to.
    /// - A message angle whose dispositions say `overstated` at least `minimumDecided` times and
    ///   in at least `rejectionThreshold` of its decisions: a messaging fix.
    /// - An objection heard at least `minimumObjections` times: the content that answers it.
    ///
    /// - Parameters:
    ///   - facts: the folded journal.
    ///   - objections: the playbook's objection taxonomy (for the content to build).
    ///   - period: the dispositions and objections to look at, by when they were recorded.
    ///   - timeZone: the zone whose calendar cuts the period; UTC by default.
    ///   - minimumDecided: the fewest decisions a slice needs before its rejection rate counts.
    ///   - rejectionThreshold: the rejection (or `overstated`) share that calls for a fix.
    ///   - minimumObjections: how often an objection must be heard before content is proposed.
    /// - Returns: proposals, strongest evidence first within each rule.
    public static func proposals(
        from facts: FeedbackFacts, objections: [ObjectionTag], period: ReportPeriod = .allTime,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!, minimumDecided: Int = 5,
        rejectionThreshold: Double = 0.4, minimumObjections: Int = 3
    ) -> [BacklogProposal] {
        var proposals: [BacklogProposal] = []
        let reports = RejectionReport.reports(
            facts, by: [.campaign, .source, .angle], period: period, timeZone: timeZone)
        for dimension in [ReportDimension.campaign, .source, .angle] {
            guard let report = reports[dimension] else { continue }
            for row in report.totals where row.decided >= minimumDecided && row.rejectionRate >= rejectionThreshold {
                guard let top = row.topReason else { continue }
                let kind = kind(forReason: top.code)
                let action =
                    switch kind {
                    case .scoring: "Tighten scoring and targeting for"
                    case .routing: "Fix duplicate handoffs from"
                    case .enablement: "Check contact data and follow-up from"
                    default: "Rework the message and timing of"
                    }
                proposals.append(
                    BacklogProposal(
                        kind: kind, title: "\(action) \(dimension.label) '\(row.value)'",
                        evidence: "\(row.rejected) of \(row.decided) decisions rejected "
                            + "(\(FunnelLeaks.percent(row.rejectionRate))), mostly \(top.code) (\(top.count))"))
            }
        }
        for row in reports[.angle]?.totals ?? []
        where row.overstated >= minimumDecided && Double(row.overstated) / Double(row.decided) >= rejectionThreshold {
            proposals.append(
                BacklogProposal(
                    kind: .messaging, title: "Stop overstating in message angle '\(row.value)'",
                    evidence: "\(row.overstated) of \(row.decided) dispositions say the message overstated"))
        }
        let report = ObjectionReport(facts, objections: objections, period: period, timeZone: timeZone)
        for tag in report.tags where tag.count >= minimumObjections {
            let content = tag.content ?? "an answer"
            proposals.append(
                BacklogProposal(
                    kind: .content, title: "Build \(content) for '\(tag.label)'",
                    evidence: "heard \(tag.count) times, most in segment \(tag.topSegment) "
                        + "and message angle '\(tag.topAngle)'"))
        }
        return proposals
    }
}
