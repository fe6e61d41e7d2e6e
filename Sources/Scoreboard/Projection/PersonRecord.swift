import LeadModel

/// What the scoreboard keeps about one person, folded from their events (and those of leads
/// merged into them). Times are seconds since the reference date; `.nan` means never.
struct PersonRecord {
    /// One deal, with updates and its closing applied.
    struct Deal {
        var id: OpportunityID
        /// `nil` when unknown: counted, but in no sum.
        var amount: Double?
        var currency: String
        var product: String?
        /// The rep (or `queue:NAME`) who owns the deal, when the deal names one.
        var owner: String?
        var openedAt: Double
        var closedAt = Double.nan
        var won = false
        var closedAmount: Double?

        var isClosed: Bool { !closedAt.isNaN }
    }

    /// A disposition, or an SLA outcome: when, and which way.
    struct Outcome {
        var at: Double
        var kind: UInt8
    }

    static let accepted: UInt8 = 0
    static let rejected: UInt8 = 1
    static let recycled: UInt8 = 2
    static let met: UInt8 = 0
    static let breached: UInt8 = 1

    var createdAt: Double
    var source: String?
    var campaign: String?
    var segment: String?
    var productAttribute: String?
    var owner: String?
    /// When the person first entered each funnel stage: MQL, SQL, opportunity, won, lost.
    var entered: (Double, Double, Double, Double, Double) = (.nan, .nan, .nan, .nan, .nan)
    /// When the person first became qualified (entered any funnel stage from MQL on), in
    /// journal order.
    var qualifiedAt = Double.nan
    /// The first touch at or after ``qualifiedAt``.
    var firstTouchAfterQualified = Double.nan
    var dispositions: [Outcome] = []
    var sla: [Outcome] = []
    var deals: [Deal] = []
    /// Moves a handoff gate refused: when, and the fields it found missing.
    var blocks: [(at: Double, fields: [String])] = []
    /// Whether the last block still holds (no stage change since).
    var isBlocked = false
    /// An account's deal stream (deals with no contact), not a person: only its deals count, each
    /// in the cohort of the period it opened in.
    var isAccount = false
    /// Merged into another person: not counted on its own.
    var absorbed = false
    /// Its facts were moved into the survivor.
    var folded = false

    /// The record of an account's deal stream.
    init(account createdAt: Double) {
        self.createdAt = createdAt
        isAccount = true
    }

    init(createdAt: Double, lead: Lead) {
        self.createdAt = createdAt
        source = lead.source
        campaign = lead.campaign
        segment = lead.attributes["segment"]?.text
        productAttribute = lead.attributes["product"]?.text
    }

    /// Funnel stage index 0–4 (MQL … lost); when the person first reached it, or a later stage.
    ///
    /// A person who skipped a stage (a quote request goes straight to SQL) counts as having
    /// reached it when they reached a later one, at that later time.
    func reached(_ index: Int) -> Double {
        let (mql, sql, opportunity, won, lost) = entered
        switch index {
        case 4: return lost
        case 3: return won
        case 2: return Self.earliest(opportunity, won, lost)
        case 1: return Self.earliest(sql, Self.earliest(opportunity, won, lost))
        default: return Self.earliest(mql, Self.earliest(sql, Self.earliest(opportunity, won, lost)))
        }
    }

    static func earliest(_ a: Double, _ b: Double) -> Double {
        if a.isNaN { return b }
        if b.isNaN { return a }
        return min(a, b)
    }

    static func earliest(_ a: Double, _ b: Double, _ c: Double) -> Double {
        earliest(a, earliest(b, c))
    }

    mutating func enter(_ index: Int, at time: Double) {
        switch index {
        case 0: entered.0 = Self.earliest(entered.0, time)
        case 1: entered.1 = Self.earliest(entered.1, time)
        case 2: entered.2 = Self.earliest(entered.2, time)
        case 3: entered.3 = Self.earliest(entered.3, time)
        default: entered.4 = Self.earliest(entered.4, time)
        }
        if qualifiedAt.isNaN { qualifiedAt = time }
    }

    /// The slice value of one of the person's deals: its own owner and product when it names
    /// them, else the person's.
    func slice(_ dimension: SliceDimension, of deal: Deal) -> String {
        switch dimension {
        case .owner: if let owner = deal.owner, !owner.isEmpty { return owner }
        case .product: if let product = deal.product, !product.isEmpty { return product }
        case .source, .campaign, .segment: break
        }
        return slice(dimension)
    }

    /// The slice value of the person for `dimension`; `(none)` when unknown.
    func slice(_ dimension: SliceDimension) -> String {
        let value: String?
        switch dimension {
        case .source: value = source
        case .campaign: value = campaign
        case .segment: value = segment
        case .owner: value = owner
        case .product: value = deals.last?.product ?? productAttribute
        }
        guard let value, !value.isEmpty else { return PersonRecord.none }
        return value
    }

    static let none = "(none)"

    /// Takes in the facts of a person merged into this one.
    mutating func absorb(_ other: PersonRecord) {
        createdAt = min(createdAt, other.createdAt)
        if source == nil { source = other.source }
        if campaign == nil { campaign = other.campaign }
        if segment == nil { segment = other.segment }
        if productAttribute == nil { productAttribute = other.productAttribute }
        if owner == nil { owner = other.owner }
        let (a, b, c, d, e) = other.entered
        for (index, time) in [a, b, c, d, e].enumerated() where !time.isNaN {
            let keep = qualifiedAt
            enter(index, at: time)
            qualifiedAt = Self.earliest(keep, other.qualifiedAt)
        }
        firstTouchAfterQualified = Self.earliest(firstTouchAfterQualified, other.firstTouchAfterQualified)
        dispositions += other.dispositions
        sla += other.sla
        deals += other.deals
        blocks += other.blocks
        isBlocked = isBlocked || other.isBlocked
    }
}
