import Accord
import Foundation
import LeadModel
import SLA

extension CommandDefinition {
    static let slaHealth = CommandDefinition(
        name: "sla health",
        summary: "The monthly SLA health check: attainment, time to first touch, breaches, cadence, commitments.",
        discussion: """
            Counts the response clocks started in the period (UTC): how many were met in time, the \
            median and 90th percentile time to first touch in wall-clock and business time, breaches \
            by owner, tier and source, follow-up cadence compliance, and marketing's commitments. \
            --period takes the same forms as accord report and accord feedback report \
            (Documentation/CommandLine.md, "Periods"); the default is the last 30 days.
            """,
        options: [.period(default: "30d")],
        examples: [
            "accord sla health", "accord sla health --period 2026-11", "accord sla health --period 2026-Q4 --json",
        ]
    ) { arguments, console in
        let now = Date()
        let period = try arguments.period(default: "30d", now: now, timeZone: TimeZone(identifier: "UTC")!)
        let health = try await console.dataDirectory.withReports(now: { now }) { reports, store in
            try await reports.slaHealth(for: period, timeZone: TimeZone(identifier: "UTC")!, on: store)
        }
        if console.json {
            try console.printJSON(health)
            return
        }
        for line in SLAHealthText.lines(health, label: SLAHealthText.label(period)) { console.print(line) }
    }
}

/// The text form of an ``SLAHealth`` report.
enum SLAHealthText {
    /// The period as the report's first line names it: `2026 Q4` for a quarter (as this
    /// command always printed it), otherwise the period's label (`2026-11`, `the last 30 days`).
    static func label(_ period: ReportPeriod) -> String {
        if case .quarter(let year, let quarter) = period { return "\(year) Q\(quarter)" }
        return period.label(in: TimeZone(identifier: "UTC")!)
    }

    static func lines(_ health: SLAHealth, label: String) -> [String] {
        func percent(_ value: Double?) -> String {
            value.map { String(format: "%.1f%%", $0 * 100) } ?? "n/a"
        }
        func time(_ value: TimeInterval?) -> String {
            value.map { BusinessTimeExplanation.format($0) } ?? "n/a"
        }
        func tally(_ counts: [String: Int]) -> String {
            counts.isEmpty
                ? "none"
                : counts.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value }
                    .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var lines = [
            "SLA health, \(label) (\(health.from.formatted(.iso8601)) to \(health.to.formatted(.iso8601)))",
            "  clocks started     \(health.clocksStarted): \(health.met) met, \(health.breached) breached, "
                + "\(health.open) open",
            "  attainment         \(percent(health.attainment))",
            "  first touch        median \(time(health.firstTouchWall.median)) wall, "
                + "\(time(health.firstTouchBusiness.median)) business; p90 \(time(health.firstTouchWall.p90)) wall, "
                + "\(time(health.firstTouchBusiness.p90)) business (\(health.firstTouchWall.count) touched)",
            "  breaches by owner  \(tally(health.breachesByOwner))",
            "  breaches by tier   \(tally(health.breachesByTier))",
            "  breaches by source \(tally(health.breachesBySource))",
            "  follow-up cadence  \(health.cadenceMet) of \(health.cadenceEvaluated) leads "
                + "(\(percent(health.cadenceCompliance)))",
        ]
        if health.commitments.isEmpty {
            lines.append("  commitments        none in the period")
        } else {
            lines.append("  commitments")
            for commitment in health.commitments {
                let actual = commitment.actual.map { String(format: "%g", $0) } ?? "n/a"
                lines.append(
                    "    \(commitment.name), period from \(commitment.periodStart.formatted(.iso8601)): "
                        + "\(actual) of \(String(format: "%g", commitment.target)) — "
                        + (commitment.isMet ? "met" : "missed"))
            }
        }
        return lines
    }
}
