/// Sums for one scoreboard row while the people are walked; ``row(label:)`` derives the rates.
struct RowAccumulator {
    var row: ScoreboardRow
    /// Opening to close of each won deal, in days.
    var cycleDays: [Double] = []
    /// The lead's creation to the close of each won deal, in days.
    var creationToWonDays: [Double] = []
    var touchDelays: [Double] = []

    init(label: String) {
        row = ScoreboardRow(label: label)
    }

    mutating func finish(spend: Double?) -> ScoreboardRow {
        var row = self.row
        row.leadToMQL = Self.ratio(row.mqls, row.leads)
        row.mqlToSQL = Self.ratio(row.sqls, row.mqls)
        row.sqlToOpportunity = Self.ratio(row.opportunities, row.sqls)
        row.opportunityToWon = Self.ratio(row.won, row.opportunities)
        row.leadToOpportunity = Self.ratio(row.opportunities, row.leads)
        row.leadToWon = Self.ratio(row.won, row.leads)
        row.winRate = Self.ratio(row.dealsWon, row.dealsWon + row.dealsLost)
        // Won deals of unknown amount are left out of deal size, so of velocity (and counted as
        // such); velocity counts open deals, not their amounts.
        let valuedWins = row.dealsWon - row.dealsWonWithoutAmount
        row.averageDealSize = valuedWins == 0 ? nil : row.revenueWon / Double(valuedWins)
        (row.salesCycleDays, row.salesCycleMedianDays, row.salesCycleP90Days) = Self.summary(&cycleDays)
        (row.creationToWonDays, row.creationToWonMedianDays, row.creationToWonP90Days) = Self.summary(
            &creationToWonDays)
        if let winRate = row.winRate, let size = row.averageDealSize, let days = row.salesCycleDays, days > 0 {
            row.pipelineVelocity = Double(row.openDeals) * winRate * size / days
        }
        row.acceptanceRate = Self.ratio(row.accepted, row.accepted + row.rejected)
        row.slaAttainment = Self.ratio(row.slaMet, row.slaMet + row.slaBreached)
        row.firstTouches = touchDelays.count
        if !touchDelays.isEmpty {
            touchDelays.sort()
            row.mqlToFirstTouchMedianSeconds = Self.nearestRank(0.5, touchDelays)
            row.mqlToFirstTouchP90Seconds = Self.nearestRank(0.9, touchDelays)
        }
        row.spend = spend
        if let spend, row.dealsWon > 0 { row.costPerClosedDeal = spend / Double(row.dealsWon) }
        return row
    }

    static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }

    /// The mean, the median and the 90th percentile (nearest rank) of `values`, sorted in place;
    /// all `nil` when there are none.
    static func summary(_ values: inout [Double]) -> (Double?, Double?, Double?) {
        guard !values.isEmpty else { return (nil, nil, nil) }
        values.sort()
        return (
            values.reduce(0, +) / Double(values.count), nearestRank(0.5, values), nearestRank(0.9, values)
        )
    }

    /// The nearest-rank percentile of sorted values: the ⌈q·n⌉-th smallest.
    static func nearestRank(_ quantile: Double, _ sorted: [Double]) -> Double {
        let rank = Int((quantile * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
