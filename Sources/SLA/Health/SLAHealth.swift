public import Foundation

/// How well the agreement held over a period: the monthly SLA health check as one value.
///
/// Computed from the journal by ``SLAHealthReport``; Codable for `accord sla health --json` and
/// for hosts that chart it.
///
/// - **Attainment**: of the response clocks started in the period that ended (met or breached),
///   the share met.
/// - **Time to first touch**: from each clock's start to the lead's first touch after it, as wall
///   time and as business time on the tier's calendar; median and 90th percentile.
/// - **Breaches** by the owner at the breach, the tier, and the lead's source.
/// - **Follow-up cadence**: leads whose cadence period ended by the report's `now`, and how many
///   made the required attempts.
/// - **Marketing commitments**: each commitment in each of its periods that started in the range.
public struct SLAHealth: Hashable, Sendable, Codable {
    /// Median and 90th percentile of a set of durations, in seconds.
    public struct Distribution: Hashable, Sendable, Codable {
        /// How many durations.
        public var count: Int
        /// The median; `nil` when there are none.
        public var median: TimeInterval?
        /// The 90th percentile (nearest rank); `nil` when there are none.
        public var p90: TimeInterval?

        /// The distribution of `values`.
        public init(_ values: [TimeInterval]) {
            let sorted = values.sorted()
            count = sorted.count
            median = Self.rank(sorted, 0.5)
            p90 = Self.rank(sorted, 0.9)
        }

        /// Nearest-rank percentile: the smallest value with at least `fraction` of the values at or
        /// below it.
        static func rank(_ sorted: [TimeInterval], _ fraction: Double) -> TimeInterval? {
            guard !sorted.isEmpty else { return nil }
            let rank = Int((fraction * Double(sorted.count)).rounded(.up))
            return sorted[min(max(rank, 1), sorted.count) - 1]
        }
    }

    /// One marketing commitment in one period.
    public struct Commitment: Hashable, Sendable, Codable {
        /// The commitment's name.
        public var name: String
        /// When its period started.
        public var periodStart: Date
        /// What happened (leads, or an acceptance rate); `nil` when nothing could be measured.
        public var actual: Double?
        /// What was promised.
        public var target: Double
        /// Whether it was kept.
        public var isMet: Bool
    }

    /// The first instant of the period.
    public var from: Date
    /// The first instant after the period.
    public var to: Date
    /// Response clocks started in the period.
    public var clocksStarted: Int
    /// Of those, met by a touch in time.
    public var met: Int
    /// Of those, breached.
    public var breached: Int
    /// Of those, still open (neither met nor breached yet).
    public var open: Int
    /// `met / (met + breached)`, as a fraction; `nil` when none ended.
    public var attainment: Double?
    /// Time to first touch, wall-clock seconds.
    public var firstTouchWall: Distribution
    /// Time to first touch, business seconds on the tier's calendar.
    public var firstTouchBusiness: Distribution
    /// Breaches by owner (`rep:ana`, `queue:after-hours`, `none`).
    public var breachesByOwner: [String: Int]
    /// Breaches by tier.
    public var breachesByTier: [String: Int]
    /// Breaches by the lead's source (`unknown` when it has none).
    public var breachesBySource: [String: Int]
    /// Leads whose follow-up cadence period ended.
    public var cadenceEvaluated: Int
    /// Of those, the leads that made the required attempts.
    public var cadenceMet: Int
    /// `cadenceMet / cadenceEvaluated`; `nil` when none ended.
    public var cadenceCompliance: Double? {
        cadenceEvaluated == 0 ? nil : Double(cadenceMet) / Double(cadenceEvaluated)
    }
    /// Marketing's commitments per period.
    public var commitments: [Commitment]

    private enum CodingKeys: String, CodingKey {
        case from, to, clocksStarted, met, breached, open, attainment, firstTouchWall, firstTouchBusiness
        case breachesByOwner, breachesByTier, breachesBySource, cadenceEvaluated, cadenceMet, cadenceCompliance
        case commitments
    }

    /// Decodes a report.
    ///
    /// - Throws: `DecodingError` for a missing or mistyped field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        from = try container.decode(Date.self, forKey: .from)
        to = try container.decode(Date.self, forKey: .to)
        clocksStarted = try container.decode(Int.self, forKey: .clocksStarted)
        met = try container.decode(Int.self, forKey: .met)
        breached = try container.decode(Int.self, forKey: .breached)
        open = try container.decode(Int.self, forKey: .open)
        attainment = try container.decodeIfPresent(Double.self, forKey: .attainment)
        firstTouchWall = try container.decode(Distribution.self, forKey: .firstTouchWall)
        firstTouchBusiness = try container.decode(Distribution.self, forKey: .firstTouchBusiness)
        breachesByOwner = try container.decode([String: Int].self, forKey: .breachesByOwner)
        breachesByTier = try container.decode([String: Int].self, forKey: .breachesByTier)
        breachesBySource = try container.decode([String: Int].self, forKey: .breachesBySource)
        cadenceEvaluated = try container.decode(Int.self, forKey: .cadenceEvaluated)
        cadenceMet = try container.decode(Int.self, forKey: .cadenceMet)
        commitments = try container.decode([Commitment].self, forKey: .commitments)
    }

    /// Encodes the report, with ``cadenceCompliance`` spelled out.
    ///
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(clocksStarted, forKey: .clocksStarted)
        try container.encode(met, forKey: .met)
        try container.encode(breached, forKey: .breached)
        try container.encode(open, forKey: .open)
        try container.encodeIfPresent(attainment, forKey: .attainment)
        try container.encode(firstTouchWall, forKey: .firstTouchWall)
        try container.encode(firstTouchBusiness, forKey: .firstTouchBusiness)
        try container.encode(breachesByOwner, forKey: .breachesByOwner)
        try container.encode(breachesByTier, forKey: .breachesByTier)
        try container.encode(breachesBySource, forKey: .breachesBySource)
        try container.encode(cadenceEvaluated, forKey: .cadenceEvaluated)
        try container.encode(cadenceMet, forKey: .cadenceMet)
        try container.encodeIfPresent(cadenceCompliance, forKey: .cadenceCompliance)
        try container.encode(commitments, forKey: .commitments)
    }

    init(from: Date, to: Date) {
        self.from = from
        self.to = to
        clocksStarted = 0
        met = 0
        breached = 0
        open = 0
        firstTouchWall = Distribution([])
        firstTouchBusiness = Distribution([])
        breachesByOwner = [:]
        breachesByTier = [:]
        breachesBySource = [:]
        cadenceEvaluated = 0
        cadenceMet = 0
        commitments = []
    }
}
