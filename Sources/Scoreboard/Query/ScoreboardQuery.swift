import Foundation
import LeadModel

/// What scoreboard to compute from a ``ScoreboardProjection``: the period, the view, the slice
/// and the optional inputs (spend, which sources sales owns).
///
/// ```swift
/// let query = ScoreboardQuery(period: .quarter(year: 2026, quarter: 4), view: .cohort,
///                             slicedBy: .source, timeZone: TimeZone(identifier: "Europe/Berlin")!)
/// ```
public struct ScoreboardQuery: Hashable, Sendable {
    /// The span of time.
    public var period: ReportPeriod
    /// Cohort (leads created in the period) or activity (what happened in the period).
    public var view: ScoreboardView
    /// The slice dimension; `nil` gives the total row only.
    public var slicedBy: SliceDimension?
    /// The zone whose midnights bound the period.
    public var timeZone: TimeZone
    /// Marketing spend per source, for cost per closed deal; `nil` when unknown.
    public var spend: SpendTable?
    /// Sources that sales, not marketing, generates; revenue from every other source counts as
    /// marketing-sourced.
    public var salesSources: Set<String>

    /// The sources counted as sales-sourced unless told otherwise.
    public static let defaultSalesSources: Set<String> = ["outbound", "sales", "sdr", "partner-referral"]

    /// Creates a query.
    ///
    /// - Parameters:
    ///   - period: the span of time.
    ///   - view: cohort (default) or activity.
    ///   - slicedBy: the slice dimension, or `nil` for the total row only.
    ///   - timeZone: the zone whose midnights bound the period; UTC by default.
    ///   - spend: spend per source, for cost per closed deal.
    ///   - salesSources: the sources sales generates; see ``defaultSalesSources``.
    public init(
        period: ReportPeriod, view: ScoreboardView = .cohort, slicedBy: SliceDimension? = nil,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!, spend: SpendTable? = nil,
        salesSources: Set<String> = ScoreboardQuery.defaultSalesSources
    ) {
        self.period = period
        self.view = view
        self.slicedBy = slicedBy
        self.timeZone = timeZone
        self.spend = spend
        self.salesSources = salesSources
    }
}
