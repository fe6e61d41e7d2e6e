public import Feedback
import Foundation
public import LeadModel
public import Routing
public import SLA
public import Scoring

/// The written agreement between marketing and sales, as one versioned JSON document.
///
/// Each module owns its section. Decisions record the ``version`` that made them, so a changed
/// rule never rewrites history. Load with ``load(contentsOf:)``, which reports every problem at
/// once with its JSON path.
///
/// ```swift
/// let playbook = try Playbook.load(contentsOf: URL(fileURLWithPath: "playbook.json"))
/// let engine = try await AlignmentEngine(playbook: playbook, store: store)
/// ```
public struct Playbook: Hashable, Sendable, Codable {
    /// What the team calls this agreement (`"Acme inbound agreement"`).
    public var name: String
    /// The version decisions record (`"2026.11.1"`).
    public var version: String
    /// Who owns the agreement; a version goes live with the sign-off of at least one marketing
    /// and one sales owner (see ``PlaybookGovernance``). Empty: the agreement has no governance
    /// yet, and `accord playbook activate` says so.
    public var owners: [PlaybookOwner]
    /// How often the owners review the agreement; `nil` when not agreed.
    public var reviewCadence: ReviewCadence?
    /// Lifecycle stages, allowed moves, handoff gates.
    public var stages: StagesSection
    /// How records are recognised as the same person (email, phone and id normalisation,
    /// free-mail domains).
    public var identity: StandardIdentityResolver.Configuration
    /// Approved disposition reason codes.
    public var reasonCodes: ReasonCodeTaxonomy
    /// Fit and engagement rules; `nil` records no scores (unless the host plugs in a scorer).
    public var scoring: ScoringRules?
    /// When a scored lead moves up the funnel and which SLA tier its handoff gets; `nil` moves
    /// leads only by hand.
    public var qualification: QualificationPolicy?
    /// Response-time tiers, business calendars and marketing's commitments; `nil` starts no
    /// clocks (unless the host plugs in an SLA policy).
    public var sla: SLAConfiguration?
    /// Reps, pools, territories and the rules that pick an owner at handoff; `nil` leaves handed-off
    /// leads unassigned (unless the host plugs in a router).
    public var routing: RoutingRules?
    /// Objection tags, acceptance rules for booked meetings, recycling and re-qualify defaults.
    public var feedback: FeedbackPolicy
    /// The host's plugins this agreement uses, by registered name; `nil` uses none.
    public var plugins: PluginsSection?
    /// How leads are matched to accounts by more than their email domain — name, website,
    /// phone, postal code, country — with a review queue for unsure matches; `nil` keeps
    /// matching by the work-email domain alone.
    public var accountMatching: AccountMatchingConfiguration?

    public init(
        name: String, version: String, owners: [PlaybookOwner] = [], reviewCadence: ReviewCadence? = nil,
        stages: StagesSection = StagesSection(),
        identity: StandardIdentityResolver.Configuration = .init(),
        reasonCodes: ReasonCodeTaxonomy = .standard, scoring: ScoringRules? = nil,
        qualification: QualificationPolicy? = nil, sla: SLAConfiguration? = nil, routing: RoutingRules? = nil,
        feedback: FeedbackPolicy = .standard, plugins: PluginsSection? = nil,
        accountMatching: AccountMatchingConfiguration? = nil
    ) {
        self.name = name
        self.version = version
        self.owners = owners
        self.reviewCadence = reviewCadence
        self.stages = stages
        self.identity = identity
        self.reasonCodes = reasonCodes
        self.scoring = scoring
        self.qualification = qualification
        self.sla = sla
        self.routing = routing
        self.feedback = feedback
        self.plugins = plugins
        self.accountMatching = accountMatching
    }

    /// The agreement Accord starts with: the standard funnel, gates before sales gets a lead,
    /// the standard reason codes, the default scoring rules (MQL at 50 points, a quote or demo
    /// request straight to SQL) and response times (hot leads within 15 minutes).
    public static let standard = Playbook(
        name: "Default agreement", version: "1", scoring: .standard, qualification: .standard, sla: .standard)

    /// The top-level keys this version of Accord understands.
    static let knownKeys: Set<String> = [
        "name", "version", "owners", "reviewCadence", "stages", "identity", "reasonCodes", "scoring", "qualification",
        "sla", "routing", "feedback", "plugins", "accountMatching",
    ]

    private enum CodingKeys: String, CodingKey {
        case name, version, owners, reviewCadence, stages, identity, reasonCodes, scoring, qualification, sla, routing,
            feedback, plugins, accountMatching
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decode(String.self, forKey: .version)
        owners = try container.decodeIfPresent([PlaybookOwner].self, forKey: .owners) ?? []
        reviewCadence = try container.decodeIfPresent(ReviewCadence.self, forKey: .reviewCadence)
        stages = try container.decodeIfPresent(StagesSection.self, forKey: .stages) ?? StagesSection()
        identity =
            try container.decodeIfPresent(StandardIdentityResolver.Configuration.self, forKey: .identity)
            ?? .init()
        reasonCodes =
            try container.decodeIfPresent(ReasonCodeTaxonomy.self, forKey: .reasonCodes) ?? .standard
        scoring = try container.decodeIfPresent(ScoringRules.self, forKey: .scoring)
        qualification = try container.decodeIfPresent(QualificationPolicy.self, forKey: .qualification)
        sla = try container.decodeIfPresent(SLAConfiguration.self, forKey: .sla)
        routing = try container.decodeIfPresent(RoutingRules.self, forKey: .routing)
        feedback = try container.decodeIfPresent(FeedbackPolicy.self, forKey: .feedback) ?? .standard
        plugins = try container.decodeIfPresent(PluginsSection.self, forKey: .plugins)
        accountMatching = try container.decodeIfPresent(AccountMatchingConfiguration.self, forKey: .accountMatching)
    }
}

/// The playbook's `stages` section: the funnel, its gates, and which stage is the handoff.
public struct StagesSection: Hashable, Sendable, Codable {
    public var graph: StageGraph
    public var gates: HandoffGates
    /// The stage at which a lead passes to sales and is routed (`sql`).
    public var handoff: Stage

    public init(
        graph: StageGraph = .standard,
        gates: HandoffGates = StagesSection.standardGates,
        handoff: Stage = .sql
    ) {
        self.graph = graph
        self.gates = gates
        self.handoff = handoff
    }

    /// Sales gets a lead only with a way to reach them, the company, where it came from and
    /// what it is about.
    public static let standardGates = HandoffGates([
        HandoffGate(stage: .sql, requiredFields: [.email, .company, .source]),
        HandoffGate(stage: .opportunity, requiredFields: ["useCase"]),
    ])

    private enum CodingKeys: String, CodingKey { case graph, gates, handoff }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        graph = try container.decodeIfPresent(StageGraph.self, forKey: .graph) ?? .standard
        gates = try container.decodeIfPresent(HandoffGates.self, forKey: .gates) ?? Self.standardGates
        handoff = try container.decodeIfPresent(Stage.self, forKey: .handoff) ?? .sql
    }
}
