import Foundation

/// The shared KPIs for one period, one view and (optionally) one slice dimension: what both
/// marketing and sales read. Codable, so it travels as JSON; ``csv()`` writes it as a table.
///
/// Every KPI is defined in `Documentation/Scoreboard.md` with its formula. A rate is `nil` when
/// its denominator is zero (no MQLs, no closed deals), never a misleading 0.
///
/// ```swift
/// let board = try projection.scoreboard(ScoreboardQuery(period: .quarter(year: 2026, quarter: 4),
///                                                       slicedBy: .source))
/// print(board.total.winRate ?? 0, board.slices.map(\.label))
/// ```
public struct Scoreboard: Hashable, Sendable, Codable {
    /// The period as resolved: its label, exact bounds and time zone.
    public struct Period: Hashable, Sendable, Codable {
        /// `2026-Q4`, `2026-10`, `2026-W41`, `2026-10-01..2026-10-15`, `all time`.
        public var label: String
        /// The first instant of the period.
        public var start: Date
        /// The first instant after the period.
        public var end: Date
        /// The time zone identifier whose midnights bound it.
        public var timeZone: String
    }

    /// The period covered.
    public var period: Period
    /// Cohort or activity.
    public var view: ScoreboardView
    /// The slice dimension, when sliced.
    public var slicedBy: SliceDimension?
    /// Every person and deal in the view.
    public var total: ScoreboardRow
    /// One row per slice value, sorted by label (`(none)` last); they sum to ``total`` for every
    /// count and amount. Empty when not sliced.
    public var slices: [ScoreboardRow]
    /// Average won deal size by lead source, for every source with a won deal in the view.
    public var averageDealSizeBySource: [String: Double]
    /// The currencies of the deals in the journal; amounts are summed as recorded, so they mean
    /// one thing only when this holds one currency.
    public var currencies: [String]
    /// Handoffs blocked at the gate in the view; `nil` (left out of JSON) when none was.
    public var blockedHandoffs: BlockedHandoffs?
}

/// The KPIs of one row of a ``Scoreboard``: the total, or one slice.
public struct ScoreboardRow: Hashable, Sendable, Codable {
    /// `total`, or the slice value (`webinar`, `(none)`).
    public var label: String

    // Funnel: people.
    /// People created (cohort view: the cohort; activity view: created in the period).
    public var leads = 0
    /// People who reached MQL or a later funnel stage.
    public var mqls = 0
    /// People who reached SQL or later.
    public var sqls = 0
    /// People who reached the opportunity stage or later.
    public var opportunities = 0
    /// People who reached won.
    public var won = 0
    /// People who reached lost.
    public var lost = 0
    /// mqls ÷ leads.
    public var leadToMQL: Double?
    /// sqls ÷ mqls.
    public var mqlToSQL: Double?
    /// opportunities ÷ sqls.
    public var sqlToOpportunity: Double?
    /// won ÷ opportunities.
    public var opportunityToWon: Double?
    /// opportunities ÷ leads.
    public var leadToOpportunity: Double?
    /// won ÷ leads.
    public var leadToWon: Double?

    // Deals.
    /// Deals opened.
    public var dealsOpened = 0
    /// Deals closed won.
    public var dealsWon = 0
    /// Deals closed lost.
    public var dealsLost = 0
    /// Deals open (cohort: now; activity: at the end of the period).
    public var openDeals = 0
    /// Won deals whose amount is unknown: left out of ``revenueWon`` and ``averageDealSize``, so
    /// of ``pipelineVelocity``.
    public var dealsWonWithoutAmount = 0
    /// Open deals whose amount is unknown: counted in ``openDeals`` (and so in velocity, which
    /// counts open deals, not their amounts), left out of ``openPipeline``.
    public var openDealsWithoutAmount = 0
    /// Σ amount of the deals opened (deals of unknown amount add nothing).
    public var pipelineCreated = 0.0
    /// Σ closing amount of the deals won.
    public var revenueWon = 0.0
    /// Σ amount of the open deals (deals of unknown amount add nothing).
    public var openPipeline = 0.0
    /// dealsWon ÷ (dealsWon + dealsLost).
    public var winRate: Double?
    /// revenueWon ÷ (dealsWon − dealsWonWithoutAmount); `nil` when no won deal has an amount.
    public var averageDealSize: Double?
    /// The mean of (closed − opened) over won deals, in days.
    public var salesCycleDays: Double?
    /// The median of (closed − opened) over won deals, in days (nearest rank).
    public var salesCycleMedianDays: Double?
    /// The 90th percentile of (closed − opened) over won deals, in days (nearest rank).
    public var salesCycleP90Days: Double?
    /// The mean of (closed − the lead's creation) over won deals, in days: how long a lead takes
    /// to become revenue.
    public var creationToWonDays: Double?
    /// The median of (closed − the lead's creation) over won deals, in days (nearest rank).
    public var creationToWonMedianDays: Double?
    /// The 90th percentile of (closed − the lead's creation) over won deals, in days (nearest
    /// rank).
    public var creationToWonP90Days: Double?
    /// openDeals × winRate × averageDealSize ÷ salesCycleDays: expected revenue per day; `nil`
    /// when no won deal has an amount.
    public var pipelineVelocity: Double?
    /// Σ closing amount of won deals whose lead came from a marketing source.
    public var marketingSourcedRevenue = 0.0

    // Feedback and speed.
    /// Dispositions: accepted.
    public var accepted = 0
    /// Dispositions: rejected.
    public var rejected = 0
    /// Dispositions: recycled.
    public var recycled = 0
    /// accepted ÷ (accepted + rejected).
    public var acceptanceRate: Double?
    /// SLA clocks met.
    public var slaMet = 0
    /// SLA clocks breached.
    public var slaBreached = 0
    /// slaMet ÷ (slaMet + slaBreached).
    public var slaAttainment: Double?
    /// People with a first touch after becoming qualified.
    public var firstTouches = 0
    /// The median time from MQL to first sales touch, in seconds (nearest rank).
    public var mqlToFirstTouchMedianSeconds: Double?
    /// The 90th percentile of the same, in seconds (nearest rank).
    public var mqlToFirstTouchP90Seconds: Double?

    // Spend.
    /// Marketing spend attributed to the row, when a spend table was given (total row, or
    /// slices by source).
    public var spend: Double?
    /// spend ÷ dealsWon.
    public var costPerClosedDeal: Double?

    /// Creates an empty row.
    public init(label: String) {
        self.label = label
    }
}
