public import LeadModel

/// The playbook's `routing` section: reps, pools, ordered rules, a default and the fallback
/// queues.
///
/// Rules are tried in order and the first match wins; when none matches, ``defaultTarget``
/// applies. Before the rules, a lead whose account already has an owner goes to that owner (or,
/// with an active opportunity, to the opportunity's owner). ``RuleRouter`` executes the section;
/// ``problems()`` validates it.
///
/// ```json
/// {
///   "reps": [
///     {"id": "ana", "timeZone": "Europe/Berlin", "workingHours": {"monday": ["09:00-17:30"]},
///      "capacity": {"maxOpen": 40, "maxNewPerDay": 12}, "weight": 2},
///     {"id": "bob", "timeZone": "America/New_York"}
///   ],
///   "pools": [{"name": "inbound", "members": [{"rep": "ana"}, {"rep": "bob", "weight": 1}]}],
///   "segments": [{"name": "smb", "maxEmployees": 199}, {"name": "enterprise", "minEmployees": 2000}],
///   "rules": [
///     {"name": "hot-quotes", "when": [{"field": "slaTier", "in": ["hot"]}], "target": {"rep": "ana"}},
///     {"name": "smb", "when": [{"field": "segment", "in": ["smb"]}], "target": {"queue": "smb-desk"}}
///   ],
///   "default": {"pool": "inbound"},
///   "coverageQueue": "after-hours",
///   "unassignedQueue": "unassigned"
/// }
/// ```
public struct RoutingRules: Hashable, Sendable, Codable {
    /// The reps routing may assign to.
    public var reps: [RepProfile]
    /// Groups of reps sharing leads by weighted round robin.
    public var pools: [RoutingPool]
    /// Company-size segments for the field `segment`, first match wins.
    public var segments: [CompanySizeSegment]
    /// The attribute holding the employee count that segments read; `employees` by default.
    public var segmentField: String
    /// The rules, tried in order.
    public var rules: [RoutingRule]
    /// Where a lead goes when no rule matches (JSON key `default`).
    public var defaultTarget: RoutingTarget
    /// The pooled queue for leads that arrive when no candidate is within working hours; `nil`
    /// sends them to ``unassignedQueue``.
    public var coverageQueue: String?
    /// The queue for leads nobody is eligible for (everyone away or at capacity).
    public var unassignedQueue: String
    /// Whether account ownership comes before the rules; `true` by default.
    public var routeToAccountOwner: Bool
    /// Stages in which a lead no longer counts against its owner's open leads.
    public var closedStages: [Stage]
    /// Stages that make a lead an active opportunity on its account.
    public var opportunityStages: [Stage]
    /// Whether an account owner who is away past the first-touch deadline keeps the lead, per
    /// SLA tier; waiting for the owner by default.
    public var ownerAway: OwnerAwayPolicy
    /// Expected deal sizes by segment, for pools that balance expected value; 1 for every lead
    /// by default.
    public var dealSizes: DealSizes

    /// Makes a section.
    ///
    /// - Parameters:
    ///   - reps: the reps.
    ///   - pools: the pools.
    ///   - segments: company-size segments.
    ///   - segmentField: the employee-count attribute; `employees` by default.
    ///   - rules: the rules, in order.
    ///   - defaultTarget: where a lead goes when no rule matches; the unassigned queue by default.
    ///   - coverageQueue: the after-hours queue, if any.
    ///   - unassignedQueue: the queue for leads nobody is eligible for.
    ///   - routeToAccountOwner: whether account ownership comes first.
    ///   - closedStages: stages that close a lead for load counting.
    ///   - opportunityStages: stages that make an active opportunity.
    ///   - ownerAway: what to do when an account owner is away; wait by default.
    ///   - dealSizes: expected deal sizes by segment, for value pools.
    public init(
        reps: [RepProfile] = [], pools: [RoutingPool] = [], segments: [CompanySizeSegment] = [],
        segmentField: String = "employees", rules: [RoutingRule] = [], defaultTarget: RoutingTarget? = nil,
        coverageQueue: String? = nil, unassignedQueue: String = "unassigned", routeToAccountOwner: Bool = true,
        closedStages: [Stage] = RoutingRules.standardClosedStages,
        opportunityStages: [Stage] = [.opportunity], ownerAway: OwnerAwayPolicy = .wait,
        dealSizes: DealSizes = DealSizes()
    ) {
        self.reps = reps
        self.pools = pools
        self.segments = segments
        self.segmentField = segmentField
        self.rules = rules
        self.defaultTarget = defaultTarget ?? .queue(unassignedQueue)
        self.coverageQueue = coverageQueue
        self.unassignedQueue = unassignedQueue
        self.routeToAccountOwner = routeToAccountOwner
        self.closedStages = closedStages
        self.opportunityStages = opportunityStages
        self.ownerAway = ownerAway
        self.dealSizes = dealSizes
    }

    /// `won`, `lost`, `disqualified` and `recycled`: a lead in these is not open work.
    public static let standardClosedStages: [Stage] = [.won, .lost, .disqualified, .recycled]

    private enum CodingKeys: String, CodingKey {
        case reps, pools, segments, segmentField, rules
        case defaultTarget = "default"
        case coverageQueue, unassignedQueue, routeToAccountOwner, closedStages, opportunityStages, ownerAway
        case dealSizes
    }

    /// Decodes the section; every field may be omitted (an empty section sends every lead to the
    /// unassigned queue).
    ///
    /// - Throws: `DecodingError` when a field is mistyped, with its coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reps = try container.decodeIfPresent([RepProfile].self, forKey: .reps) ?? []
        pools = try container.decodeIfPresent([RoutingPool].self, forKey: .pools) ?? []
        segments = try container.decodeIfPresent([CompanySizeSegment].self, forKey: .segments) ?? []
        segmentField = try container.decodeIfPresent(String.self, forKey: .segmentField) ?? "employees"
        rules = try container.decodeIfPresent([RoutingRule].self, forKey: .rules) ?? []
        unassignedQueue = try container.decodeIfPresent(String.self, forKey: .unassignedQueue) ?? "unassigned"
        defaultTarget =
            try container.decodeIfPresent(RoutingTarget.self, forKey: .defaultTarget) ?? .queue(unassignedQueue)
        coverageQueue = try container.decodeIfPresent(String.self, forKey: .coverageQueue)
        routeToAccountOwner = try container.decodeIfPresent(Bool.self, forKey: .routeToAccountOwner) ?? true
        closedStages = try container.decodeIfPresent([Stage].self, forKey: .closedStages) ?? Self.standardClosedStages
        opportunityStages = try container.decodeIfPresent([Stage].self, forKey: .opportunityStages) ?? [.opportunity]
        ownerAway = try container.decodeIfPresent(OwnerAwayPolicy.self, forKey: .ownerAway) ?? .wait
        dealSizes = try container.decodeIfPresent(DealSizes.self, forKey: .dealSizes) ?? DealSizes()
    }
}
