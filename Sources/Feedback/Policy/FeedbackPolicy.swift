public import LeadModel

/// The playbook's `feedback` section: the objection taxonomy, acceptance rules for booked
/// meetings, and how recycling works.
///
/// ```json
/// {
///   "objections": [{"tag": "security-review", "label": "Needs a security review", "content": "security pack"}],
///   "acceptance": {"appliesWhen": ["meeting-booked"], "rules": [{"id": "role", "label": "Finance leader",
///                  "field": "title", "anyOf": ["cfo", "finance"]}]},
///   "maxRecycles": 3,
///   "recycleStage": "recycled",
///   "requalify": {"signalKinds": ["demo-requested", "quote-requested"], "afterDays": 90}
/// }
/// ```
///
/// Every field is optional; an absent one takes the standard value (no acceptance rules).
public struct FeedbackPolicy: Hashable, Sendable, Codable {
    /// The re-qualify trigger a recycle gets when sales names none.
    public struct RequalifyDefault: Hashable, Sendable, Codable {
        /// New signals of these kinds bring the lead back.
        public var signalKinds: [SignalKind]
        /// A score total at or above this brings the lead back.
        public var scoreAtLeast: Double?
        /// The lead comes back this many days after the recycle.
        public var afterDays: Double?

        public init(signalKinds: [SignalKind] = [], scoreAtLeast: Double? = nil, afterDays: Double? = nil) {
            self.signalKinds = signalKinds
            self.scoreAtLeast = scoreAtLeast
            self.afterDays = afterDays
        }

        private enum CodingKeys: String, CodingKey { case signalKinds, scoreAtLeast, afterDays }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            signalKinds = try container.decodeIfPresent([SignalKind].self, forKey: .signalKinds) ?? []
            scoreAtLeast = try container.decodeIfPresent(Double.self, forKey: .scoreAtLeast)
            afterDays = try container.decodeIfPresent(Double.self, forKey: .afterDays)
        }
    }

    /// The objection tags touches and dispositions may carry.
    public var objections: [ObjectionTag]
    /// The rules a booked meeting is judged by; `nil` when handoffs are not meetings.
    public var acceptance: AcceptanceRules?
    /// How many times one lead may be recycled; one more is refused.
    public var maxRecycles: Int
    /// The stage a recycled lead moves to (when the stage graph allows the move).
    public var recycleStage: Stage
    /// The trigger a recycle gets when sales names none; `nil` leaves such a lead in nurture
    /// until someone moves it.
    public var requalify: RequalifyDefault?

    public init(
        objections: [ObjectionTag] = FeedbackPolicy.standardObjections, acceptance: AcceptanceRules? = nil,
        maxRecycles: Int = 3, recycleStage: Stage = .recycled,
        requalify: RequalifyDefault? = FeedbackPolicy.standardRequalify
    ) {
        self.objections = objections
        self.acceptance = acceptance
        self.maxRecycles = maxRecycles
        self.recycleStage = recycleStage
        self.requalify = requalify
    }

    /// Objections from the domain's voice-of-the-customer list, each with the content that
    /// answers it; at most 3 recycles; a recycled lead comes back on a demo, quote or meeting
    /// request, or after 90 days.
    public static let standard = FeedbackPolicy()

    /// The standard objection tags.
    public static let standardObjections: [ObjectionTag] = [
        ObjectionTag(
            tag: "implementation-time", label: "Implementation will take too long", content: "implementation roadmap"),
        ObjectionTag(tag: "security-review", label: "Needs a security review", content: "security pack"),
        ObjectionTag(tag: "no-roi-case", label: "No ROI case", content: "ROI calculator"),
        ObjectionTag(tag: "price", label: "Too expensive", content: "pricing comparison"),
        ObjectionTag(tag: "integration", label: "Does it integrate with our stack", content: "integration guide"),
        ObjectionTag(tag: "incumbent", label: "Happy with the current vendor", content: "switching case study"),
        ObjectionTag(tag: "stakeholder-buy-in", label: "Needs buy-in from others", content: "champion deck"),
    ]

    /// The standard re-qualify trigger.
    public static let standardRequalify = RequalifyDefault(
        signalKinds: [.demoRequested, .quoteRequested, .meetingBooked], afterDays: 90)

    private enum CodingKeys: String, CodingKey { case objections, acceptance, maxRecycles, recycleStage, requalify }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        objections = try container.decodeIfPresent([ObjectionTag].self, forKey: .objections) ?? Self.standardObjections
        acceptance = try container.decodeIfPresent(AcceptanceRules.self, forKey: .acceptance)
        maxRecycles = try container.decodeIfPresent(Int.self, forKey: .maxRecycles) ?? 3
        recycleStage = try container.decodeIfPresent(Stage.self, forKey: .recycleStage) ?? .recycled
        requalify =
            container.contains(.requalify)
            ? try container.decodeIfPresent(RequalifyDefault.self, forKey: .requalify) : Self.standardRequalify
    }

    /// Writes every field; an absent default trigger is written as `null`, so that it reads back
    /// as "no default" rather than the standard one.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(objections, forKey: .objections)
        try container.encodeIfPresent(acceptance, forKey: .acceptance)
        try container.encode(maxRecycles, forKey: .maxRecycles)
        try container.encode(recycleStage, forKey: .recycleStage)
        try container.encode(requalify, forKey: .requalify)
    }

    /// The objection tag named `tag`, if the taxonomy has it.
    public func objection(_ tag: String) -> ObjectionTag? { objections.first { $0.tag == tag } }
}
