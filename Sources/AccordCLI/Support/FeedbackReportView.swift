import Accord
import Feedback
import Foundation
import LeadModel

/// The feedback report as `accord feedback report` and `accord demo` print it.
struct FeedbackReportView: Codable {
    var rejections: RejectionReport
    var leaks: FunnelLeaks
    var objections: ObjectionReport
    var proposals: [BacklogProposal]

    init(
        _ facts: FeedbackFacts, playbook: Playbook, by dimension: ReportDimension = .campaign,
        period: ReportPeriod = .allTime
    ) {
        rejections = RejectionReport(facts, by: dimension, period: period)
        let stages = playbook.stages.graph.stages.filter { [.mql, .sql].contains($0) }
        leaks = FunnelLeaks(facts, stages: stages, period: period)
        objections = ObjectionReport(facts, objections: playbook.feedback.objections, period: period)
        proposals = BacklogProposal.proposals(from: facts, objections: playbook.feedback.objections, period: period)
    }

    /// The report as terminal lines; `maximumRows` limits the rejection table per month.
    func lines(maximumRows: Int = .max) -> [String] {
        let dimension = rejections.dimension
        let range = rejections.period.label
        var lines = ["FEEDBACK REPORT — rejections by \(dimension.label), month over month (\(range))"]
        guard !rejections.rows.isEmpty else {
            lines.append("  no dispositions recorded yet (accord feedback LEAD accepted|rejected|recycled)")
            return lines + leakLines()
        }
        lines.append(
            "  " + pad("MONTH", 8) + pad(dimension.label.uppercased(), 26) + pad("DECIDED", 8, right: true)
                + pad("ACCEPT", 8, right: true) + pad("REJECT", 8, right: true) + pad("RECYCLE", 8, right: true)
                + pad("REJ%", 6, right: true) + pad("Δ", 7, right: true) + "  TOP REASONS")
        for month in rejections.months {
            let rows = rejections.rows.filter { $0.month == month }
                .sorted { ($1.rejected, $0.value) < ($0.rejected, $1.value) }
            for row in rows.prefix(maximumRows) {
                let reasons = row.reasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3)
                    .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                lines.append(
                    "  " + pad(month, 8) + pad(row.value, 26) + pad("\(row.decided)", 8, right: true)
                        + pad("\(row.accepted)", 8, right: true) + pad("\(row.rejected)", 8, right: true)
                        + pad("\(row.recycled)", 8, right: true)
                        + pad(FunnelLeaks.percent(row.rejectionRate), 6, right: true)
                        + pad(rejections.rejectionRateChange(of: row).map(Self.points) ?? "", 7, right: true) + "  "
                        + reasons)
            }
            if rows.count > maximumRows { lines.append("  " + pad(month, 8) + "… \(rows.count - maximumRows) more") }
        }
        return lines + leakLines() + objectionLines() + proposalLines()
    }

    private func leakLines() -> [String] {
        var lines = ["", "WHERE THE FUNNEL LEAKS (leads created in the period)"]
        lines.append(
            "  "
                + leaks.steps.enumerated().map { index, step in
                    index == 0
                        ? "\(step.name) \(step.leads)"
                        : "\(step.name) \(step.leads) (\(FunnelLeaks.percent(step.rate)))"
                }.joined(separator: " → "))
        lines += leaks.summary.map { "  " + $0 }
        return lines
    }

    private func objectionLines() -> [String] {
        guard !objections.tags.isEmpty else { return [] }
        var lines = ["", "OBJECTIONS HEARD"]
        for tag in objections.tags.prefix(5) {
            lines.append(
                "  " + pad(tag.tag, 22) + pad("\(tag.count)", 5, right: true)
                    + "  most in \(tag.topSegment), angle '\(tag.topAngle)'"
                    + (tag.content.map { " — build: \($0)" } ?? ""))
        }
        return lines
    }

    private func proposalLines() -> [String] {
        guard !proposals.isEmpty else { return [] }
        var lines = ["", "PROPOSED FIXES (accord backlog add --from-patterns adds them to the shared backlog)"]
        for proposal in proposals.prefix(6) {
            lines.append("  [\(proposal.kind.rawValue)] \(proposal.title) — \(proposal.evidence)")
        }
        return lines
    }

    /// A change of rate in percentage points: `+12pt`, `-5pt`, `0pt`.
    static func points(_ change: Double) -> String {
        let value = Int((change * 100).rounded())
        return (value > 0 ? "+" : "") + "\(value)pt"
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let clipped = text.count > width - 1 ? String(text.prefix(width - 2)) + "…" : text
        let fill = String(repeating: " ", count: max(0, width - clipped.count))
        return right ? fill + clipped : clipped + fill
    }
}
