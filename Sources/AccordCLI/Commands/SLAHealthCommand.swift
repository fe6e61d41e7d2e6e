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
            by owner, tier and source, follow-up cadence compliance, and marketing's commitments.
            """,
        options: [
            .value("period", "YYYY-MM|YYYY-Qn|Nd", "the period: a month, a quarter or the last N days (default 30d)")
        ],
        examples: [
            "accord sla health", "accord sla health --period 2026-11", "accord sla health --period 2026-Q4 --json",
        ]
    ) { arguments, console in
        let now = Date()
        let (from, to, label) = try SLAPeriod.parse(arguments.value("period") ?? "30d", now: now)
        let health = try await console.dataDirectory.withEngine(now: { now }) { engine in
            try await engine.slaHealth(from: from, to: to)
        }
        if console.json {
            try console.printJSON(health)
            return
        }
        for line in SLAHealthText.lines(health, label: label) { console.print(line) }
    }
}

/// The `--period` of `accord sla health`.
enum SLAPeriod {
    /// `2026-11` (a month), `2026-Q4` (a quarter) or `30d` (the last 30 days up to `now`), in UTC.
    ///
    /// - Throws: ``CLIError`` (usage) naming the expected forms.
    static func parse(_ text: String, now: Date) throws(CLIError) -> (from: Date, to: Date, label: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = text.split(separator: "-")
        if text.hasSuffix("d"), let days = Int(text.dropLast()), days > 0, days <= 3_660 {
            return (now.addingTimeInterval(-Double(days) * 86_400), now, "the last \(days) days")
        }
        if parts.count == 2, let year = Int(parts[0]), (1970...9999).contains(year) {
            if parts[1].hasPrefix("Q"), let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter),
                let start = calendar.date(from: DateComponents(year: year, month: quarter * 3 - 2, day: 1)),
                let end = calendar.date(byAdding: .month, value: 3, to: start)
            {
                return (start, end, "\(year) Q\(quarter)")
            }
            if let month = Int(parts[1]), (1...12).contains(month), parts[1].count == 2,
                let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
                let end = calendar.date(byAdding: .month, value: 1, to: start)
            {
                return (start, end, text)
            }
        }
        throw CLIError.usage("--period expects a month (2026-11), a quarter (2026-Q4) or days (30d), got '\(text)'")
    }
}

/// The text form of an ``SLAHealth`` report.
enum SLAHealthText {
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
