import Foundation
import Scoreboard

/// Renders a ``Scoreboard`` as a terminal table: one line per KPI, one column for the total and
/// one per slice.
enum ScoreboardTable {
    enum Format: Sendable { case count, rate, money, days, duration, perDay }

    struct Line: Sendable {
        var label: String
        var format: Format
        var value: @Sendable (ScoreboardRow) -> Double?
    }

    static let sections: [(String, [Line])] = [
        (
            "Funnel (people)",
            [
                Line(label: "Leads", format: .count) { Double($0.leads) },
                Line(label: "MQLs", format: .count) { Double($0.mqls) },
                Line(label: "SQLs", format: .count) { Double($0.sqls) },
                Line(label: "Opportunities", format: .count) { Double($0.opportunities) },
                Line(label: "Won", format: .count) { Double($0.won) },
                Line(label: "Lost", format: .count) { Double($0.lost) },
                Line(label: "Lead → MQL", format: .rate) { $0.leadToMQL },
                Line(label: "MQL → SQL", format: .rate) { $0.mqlToSQL },
                Line(label: "SQL → opportunity", format: .rate) { $0.sqlToOpportunity },
                Line(label: "Opportunity → won", format: .rate) { $0.opportunityToWon },
                Line(label: "Lead → opportunity", format: .rate) { $0.leadToOpportunity },
                Line(label: "Lead → won", format: .rate) { $0.leadToWon },
            ]
        ),
        (
            "Pipeline (deals)",
            [
                Line(label: "Deals opened", format: .count) { Double($0.dealsOpened) },
                Line(label: "Pipeline created", format: .money) { $0.pipelineCreated },
                Line(label: "Deals won", format: .count) { Double($0.dealsWon) },
                Line(label: "Deals lost", format: .count) { Double($0.dealsLost) },
                Line(label: "Win rate", format: .rate) { $0.winRate },
                Line(label: "Revenue won", format: .money) { $0.revenueWon },
                Line(label: "Average deal size", format: .money) { $0.averageDealSize },
                Line(label: "Sales cycle, mean", format: .days) { $0.salesCycleDays },
                Line(label: "Sales cycle, median", format: .days) { $0.salesCycleMedianDays },
                Line(label: "Sales cycle, p90", format: .days) { $0.salesCycleP90Days },
                Line(label: "Lead created → won, median", format: .days) { $0.creationToWonMedianDays },
                Line(label: "Open deals", format: .count) { Double($0.openDeals) },
                Line(label: "Open pipeline", format: .money) { $0.openPipeline },
                Line(label: "Pipeline velocity", format: .perDay) { $0.pipelineVelocity },
                Line(label: "Marketing-sourced revenue", format: .money) { $0.marketingSourcedRevenue },
            ]
        ),
        (
            "Feedback and speed",
            [
                Line(label: "Accepted", format: .count) { Double($0.accepted) },
                Line(label: "Rejected", format: .count) { Double($0.rejected) },
                Line(label: "Recycled", format: .count) { Double($0.recycled) },
                Line(label: "Acceptance rate", format: .rate) { $0.acceptanceRate },
                Line(label: "SLA met", format: .count) { Double($0.slaMet) },
                Line(label: "SLA breached", format: .count) { Double($0.slaBreached) },
                Line(label: "SLA attainment", format: .rate) { $0.slaAttainment },
                Line(label: "MQL → first touch, median", format: .duration) { $0.mqlToFirstTouchMedianSeconds },
                Line(label: "MQL → first touch, p90", format: .duration) { $0.mqlToFirstTouchP90Seconds },
            ]
        ),
    ]

    static let spendLines = [
        Line(label: "Spend", format: .money) { $0.spend },
        Line(label: "Cost per closed deal", format: .money) { $0.costPerClosedDeal },
    ]

    /// The table's lines, headed by the period, the view and the time zone.
    static func render(_ board: Scoreboard) -> [String] {
        let rows = board.rows
        let viewText =
            board.view == .cohort
            ? "cohort view: people created in the period, followed to their outcome"
            : "activity view: what happened in the period"
        var out = ["Scoreboard \(board.period.label) — \(viewText); time zone \(board.period.timeZone)"]
        if board.currencies.count > 1 {
            out.append(
                "note: deals in several currencies (\(board.currencies.joined(separator: ", "))) are summed as recorded"
            )
        }
        let total = board.total
        if total.dealsWonWithoutAmount + total.openDealsWithoutAmount > 0 {
            out.append(
                "note: \(total.dealsWonWithoutAmount) won and \(total.openDealsWithoutAmount) open deals have no amount; "
                    + "they count as deals but are left out of revenue, deal size and pipeline sums")
        }
        var sections = sections
        if rows.contains(where: { $0.spend != nil }) { sections.append(("Spend", spendLines)) }
        let labelWidth = sections.flatMap { $0.1.map(\.label.count) }.max()! + 2
        var columns: [[String]] = []
        for row in rows {
            var cells = [row.label]
            for (_, lines) in sections {
                cells.append("")
                cells += lines.map { format($0.value(row), $0.format) }
            }
            columns.append(cells)
        }
        let widths = columns.map { max(8, $0.map(\.count).max() ?? 0) }
        func line(_ label: String, _ index: Int) -> String {
            var text = label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            for (column, width) in zip(columns, widths) {
                text += "  " + String(repeating: " ", count: max(0, width - column[index].count)) + column[index]
            }
            return text
        }
        out.append("")
        out.append(line(board.slicedBy.map { "by \($0.rawValue)" } ?? "", 0))
        var index = 1
        for (title, lines) in sections {
            out.append(title)
            index += 1
            for kpi in lines {
                out.append(line("  " + kpi.label, index))
                index += 1
            }
        }
        if let blocked = board.blockedHandoffs { out += [""] + blockedLines(blocked) }
        return out
    }

    /// `Handoffs blocked at the gate: 12 people (5 still held back)`, then the counts by
    /// missing field, source and campaign, largest first.
    static func blockedLines(_ blocked: BlockedHandoffs) -> [String] {
        func counts(_ table: [String: Int]) -> String {
            table.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \(grouped(Double($0.value)))" }.joined(separator: ", ")
        }
        let people = blocked.leads == 1 ? "1 person" : "\(grouped(Double(blocked.leads))) people"
        return [
            "Handoffs blocked at the gate: \(people) (\(grouped(Double(blocked.stillBlocked))) still held back)",
            "  missing     \(counts(blocked.byField))",
            "  by source   \(counts(blocked.bySource))",
            "  by campaign \(counts(blocked.byCampaign))",
        ]
    }

    static func format(_ value: Double?, _ format: Format) -> String {
        guard let value else { return "–" }
        switch format {
        case .count: return grouped(value)
        case .rate: return String(format: "%.1f%%", value * 100)
        case .money: return grouped(value.rounded())
        case .perDay: return grouped(value.rounded()) + "/d"
        case .days: return String(format: "%.1f d", value)
        case .duration:
            if value < 3_600 { return "\(Int((value / 60).rounded()))m" }
            if value < 86_400 { return String(format: "%.1fh", value / 3_600) }
            return String(format: "%.1f d", value / 86_400)
        }
    }

    static func grouped(_ value: Double) -> String {
        let whole = Int64(value.rounded())
        var digits = String(abs(whole))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return (whole < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
