public import LeadModel

/// The playbook's `qualification` section: when a scored lead moves up the funnel, and which
/// SLA tier its handoff gets.
///
/// Three kinds of rule:
/// - **Thresholds**: a lead whose card reaches `minTotal` (and optionally `minFit` /
///   `minEngagement`) moves to the threshold's stage. MQL at 50 is the default; another team
///   may use 80.
/// - **Triggers**: a signal of a listed kind moves the lead straight to a stage (a quote or
///   demo request → SQL), whatever the score. A trigger fires at most once per funnel cycle:
///   a signal from before the lead's last entry into a `rearmOn` stage (`recycled`) does not
///   fire again; a new one after it does.
/// - **Tiers**: the first tier rule whose conditions all hold names the SLA tier of the move
///   (`hot`, `warm`, `nurture`); otherwise `defaultTier`.
///
/// ```json
/// {
///   "thresholds": [{"stage": "mql", "minTotal": 50}],
///   "triggers": [{"name": "quote-or-demo", "kinds": ["quote-requested", "demo-requested"], "stage": "sql"}],
///   "tiers": [
///     {"tier": "hot", "triggered": true},
///     {"tier": "hot", "fitGrades": ["A", "B"], "engagementGrades": [1, 2]},
///     {"tier": "warm", "fitGrades": ["A", "B", "C"]}
///   ],
///   "defaultTier": "nurture",
///   "eligibleStages": ["lead", "mql", "recycled"],
///   "rearmOn": ["recycled"]
/// }
/// ```
///
/// The policy lives in its own section, apart from `scoring`, because it applies to any
/// scorer's card: a team may swap the rule scorer for a learned one and keep its thresholds.
/// ``decide(state:card:graph:now:)`` is a pure function of its arguments.
public struct QualificationPolicy: Hashable, Sendable, Codable {
    /// Moves a lead to `stage` when its card reaches the minimums.
    ///
    /// ```json
    /// {"stage": "mql", "minTotal": 50, "minEngagement": 10}
    /// ```
    public struct Threshold: Hashable, Sendable, Codable {
        /// The stage the lead moves to.
        public var stage: Stage
        /// The least total score.
        public var minTotal: Double
        /// The least fit score, if any.
        public var minFit: Double?
        /// The least engagement score, if any.
        public var minEngagement: Double?

        /// Makes a threshold.
        public init(stage: Stage, minTotal: Double, minFit: Double? = nil, minEngagement: Double? = nil) {
            self.stage = stage
            self.minTotal = minTotal
            self.minFit = minFit
            self.minEngagement = minEngagement
        }
    }

    /// Moves a lead straight to `stage` when a signal of one of `kinds` arrives.
    ///
    /// ```json
    /// {"name": "quote-or-demo", "kinds": ["quote-requested", "demo-requested"], "stage": "sql"}
    /// ```
    public struct Trigger: Hashable, Sendable, Codable {
        /// The trigger's name, used in reasons (`trigger:quote-or-demo`).
        public var name: String
        /// The signal kinds that fire it.
        public var kinds: [SignalKind]
        /// The stage the lead moves to.
        public var stage: Stage
        /// Only signals at most this many days before `now` fire; `nil`: any age.
        public var withinDays: Double?

        /// Makes a trigger.
        public init(name: String, kinds: [SignalKind], stage: Stage, withinDays: Double? = nil) {
            self.name = name
            self.kinds = kinds
            self.stage = stage
            self.withinDays = withinDays
        }
    }

    /// Names the SLA tier of a move when all of its given conditions hold.
    ///
    /// ```json
    /// {"tier": "hot", "fitGrades": ["A", "B"], "engagementGrades": [1, 2]}
    /// ```
    public struct TierRule: Hashable, Sendable, Codable {
        /// The tier's name, as the SLA section knows it.
        public var tier: String
        /// `true`: only moves made by a trigger; `false`: only moves made by a threshold.
        public var triggered: Bool?
        /// The card's fit letter is one of these (`A`–`D`).
        public var fitGrades: [String]?
        /// The card's engagement digit is one of these (1–4).
        public var engagementGrades: [Int]?
        /// The card's total is at least this.
        public var minTotal: Double?
        /// The move goes to one of these stages.
        public var stages: [Stage]?

        /// Makes a tier rule; conditions left `nil` always hold.
        public init(
            tier: String, triggered: Bool? = nil, fitGrades: [String]? = nil, engagementGrades: [Int]? = nil,
            minTotal: Double? = nil, stages: [Stage]? = nil
        ) {
            self.tier = tier
            self.triggered = triggered
            self.fitGrades = fitGrades
            self.engagementGrades = engagementGrades
            self.minTotal = minTotal
            self.stages = stages
        }
    }

    /// Score thresholds.
    public var thresholds: [Threshold]
    /// Instant triggers.
    public var triggers: [Trigger]
    /// Tier rules, first match wins.
    public var tiers: [TierRule]
    /// The tier when no tier rule matches.
    public var defaultTier: String
    /// The stages the policy moves leads out of; leads elsewhere (`sql` and later, terminal
    /// stages) are never re-qualified.
    public var eligibleStages: [Stage]
    /// Entering one of these stages starts a new funnel cycle and re-arms the triggers.
    public var rearmOn: [Stage]

    /// Makes a policy.
    public init(
        thresholds: [Threshold], triggers: [Trigger] = [], tiers: [TierRule] = [], defaultTier: String = "nurture",
        eligibleStages: [Stage] = [.lead, .mql, .recycled], rearmOn: [Stage] = [.recycled]
    ) {
        self.thresholds = thresholds
        self.triggers = triggers
        self.tiers = tiers
        self.defaultTier = defaultTier
        self.eligibleStages = eligibleStages
        self.rearmOn = rearmOn
    }

    /// The default playbook's policy: MQL at a total of 50; a quote or demo request goes
    /// straight to SQL; tiers `hot` (a trigger, or fit A/B with engagement 1/2), `warm` (fit A–C)
    /// and otherwise `nurture`.
    public static let standard = QualificationPolicy(
        thresholds: [Threshold(stage: .mql, minTotal: 50)],
        triggers: [Trigger(name: "quote-or-demo", kinds: [.quoteRequested, .demoRequested], stage: .sql)],
        tiers: [
            TierRule(tier: "hot", triggered: true),
            TierRule(tier: "hot", fitGrades: ["A", "B"], engagementGrades: [1, 2]),
            TierRule(tier: "warm", fitGrades: ["A", "B", "C"]),
        ],
        defaultTier: "nurture")

    private enum CodingKeys: String, CodingKey {
        case thresholds, triggers, tiers, defaultTier, eligibleStages, rearmOn
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        thresholds = try container.decodeIfPresent([Threshold].self, forKey: .thresholds) ?? []
        triggers = try container.decodeIfPresent([Trigger].self, forKey: .triggers) ?? []
        tiers = try container.decodeIfPresent([TierRule].self, forKey: .tiers) ?? []
        defaultTier = try container.decodeIfPresent(String.self, forKey: .defaultTier) ?? "nurture"
        eligibleStages =
            try container.decodeIfPresent([Stage].self, forKey: .eligibleStages) ?? [.lead, .mql, .recycled]
        rearmOn = try container.decodeIfPresent([Stage].self, forKey: .rearmOn) ?? [.recycled]
    }
}
