import Foundation
import LeadModel

extension ScoreboardRow {
    /// One KPI column of a row: its name and its value as a number (`nil` when undefined).
    public struct Column: Sendable {
        /// The column name, as in the JSON (`winRate`).
        public let name: String
        /// Reads the value.
        public let value: @Sendable (ScoreboardRow) -> Double?
    }

    /// Every KPI column, in the order the CSV writes them.
    public static let columns: [Column] = [
        Column(name: "leads") { Double($0.leads) },
        Column(name: "mqls") { Double($0.mqls) },
        Column(name: "sqls") { Double($0.sqls) },
        Column(name: "opportunities") { Double($0.opportunities) },
        Column(name: "won") { Double($0.won) },
        Column(name: "lost") { Double($0.lost) },
        Column(name: "leadToMQL") { $0.leadToMQL },
        Column(name: "mqlToSQL") { $0.mqlToSQL },
        Column(name: "sqlToOpportunity") { $0.sqlToOpportunity },
        Column(name: "opportunityToWon") { $0.opportunityToWon },
        Column(name: "leadToOpportunity") { $0.leadToOpportunity },
        Column(name: "leadToWon") { $0.leadToWon },
        Column(name: "dealsOpened") { Double($0.dealsOpened) },
        Column(name: "dealsWon") { Double($0.dealsWon) },
        Column(name: "dealsLost") { Double($0.dealsLost) },
        Column(name: "openDeals") { Double($0.openDeals) },
        Column(name: "pipelineCreated") { $0.pipelineCreated },
        Column(name: "revenueWon") { $0.revenueWon },
        Column(name: "openPipeline") { $0.openPipeline },
        Column(name: "winRate") { $0.winRate },
        Column(name: "averageDealSize") { $0.averageDealSize },
        Column(name: "salesCycleDays") { $0.salesCycleDays },
        Column(name: "salesCycleMedianDays") { $0.salesCycleMedianDays },
        Column(name: "salesCycleP90Days") { $0.salesCycleP90Days },
        Column(name: "creationToWonDays") { $0.creationToWonDays },
        Column(name: "creationToWonMedianDays") { $0.creationToWonMedianDays },
        Column(name: "creationToWonP90Days") { $0.creationToWonP90Days },
        Column(name: "pipelineVelocity") { $0.pipelineVelocity },
        Column(name: "marketingSourcedRevenue") { $0.marketingSourcedRevenue },
        Column(name: "accepted") { Double($0.accepted) },
        Column(name: "rejected") { Double($0.rejected) },
        Column(name: "recycled") { Double($0.recycled) },
        Column(name: "acceptanceRate") { $0.acceptanceRate },
        Column(name: "slaMet") { Double($0.slaMet) },
        Column(name: "slaBreached") { Double($0.slaBreached) },
        Column(name: "slaAttainment") { $0.slaAttainment },
        Column(name: "firstTouches") { Double($0.firstTouches) },
        Column(name: "mqlToFirstTouchMedianSeconds") { $0.mqlToFirstTouchMedianSeconds },
        Column(name: "mqlToFirstTouchP90Seconds") { $0.mqlToFirstTouchP90Seconds },
        Column(name: "spend") { $0.spend },
        Column(name: "costPerClosedDeal") { $0.costPerClosedDeal },
        // Added after the others, so that readers that take columns by position keep working.
        Column(name: "dealsWonWithoutAmount") { Double($0.dealsWonWithoutAmount) },
        Column(name: "openDealsWithoutAmount") { Double($0.openDealsWithoutAmount) },
    ]
}

extension Scoreboard {
    /// Every row — the total first, then the slices.
    public var rows: [ScoreboardRow] { [total] + slices }

    /// The scoreboard as CSV: a header (`period,view,slice,label,` then every KPI column of
    /// ``ScoreboardRow/columns``), then the total row and one row per slice. Undefined values
    /// are empty fields; numbers are written in full precision with a `.` decimal point.
    public func csv() -> String {
        var lines = ["period,view,slice,label," + ScoreboardRow.columns.map(\.name).joined(separator: ",")]
        for row in rows {
            let labels = CSVText.line([period.label, view.rawValue, slicedBy?.rawValue ?? "", row.label])
            let values = ScoreboardRow.columns.map { column in column.value(row).map(Self.number) ?? "" }
            lines.append(([labels] + values).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number without a trailing `.0` for whole values.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
