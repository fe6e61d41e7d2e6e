import Foundation
public import LeadModel

/// What the feedback analytics need from the journal, folded per lead: attribution, the
/// dispositions and objections with the stage and time they were recorded at, the scoring
/// rules that fired before sales decided, signal counts and the furthest stages reached.
///
/// Fold every event of the journal in order (``apply(_:)``), or pass them to
/// ``init(events:convertedStages:)``. Leads merged into another are left out of every report: their survivor
/// carries their history, so a merged person counts once.
///
/// ```swift
/// var facts = FeedbackFacts()
/// for try await event in store.events(from: .start, pageSize: 8192) { facts.apply(event) }
/// let report = RejectionReport(facts, by: .campaign)
/// ```
public struct FeedbackFacts: Hashable, Sendable {
    /// One disposition as recorded.
    public struct DispositionFact: Hashable, Sendable {
        /// When sales decided.
        public var at: Date
        public var disposition: Disposition
        /// The lead's stage when sales decided.
        public var stage: Stage
        /// Whether an arbiter later overturned this rejection.
        public var overturned: Bool
    }

    /// Objection tags heard on one touch or disposition.
    public struct ObjectionFact: Hashable, Sendable {
        /// When the objections were heard.
        public var at: Date
        /// The objection tags.
        public var tags: [String]
        /// The lead's stage at the time.
        public var stage: Stage
    }

    /// One lead's facts.
    public struct LeadFacts: Hashable, Sendable {
        public var id: LeadID
        /// When the lead was captured.
        public var createdAt: Date
        /// The lead's data with field changes and merges applied (redacted after erasure).
        public var lead: Lead
        /// The current stage.
        public var stage: Stage
        /// Every stage the lead ever entered, the capture stage included.
        public var reached: Set<Stage> = []
        /// Sales' verdicts, oldest first.
        public var dispositions: [DispositionFact] = []
        /// Objections heard on touches and dispositions, oldest first.
        public var objections: [ObjectionFact] = []
        /// Signals recorded, by kind (a merged record's included).
        public var signalCounts: [SignalKind: Int] = [:]
        /// The latest score card.
        public var score: ScoreCard?
        /// Rules with non-zero points on any card recorded before the first disposition.
        public var firedRules: Set<String> = []
        /// How many times a re-qualify trigger brought the lead back.
        public var requalifications = 0
        /// How many times marketing disputed a rejection of the lead.
        public var disputes = 0
        /// Whether the lead was merged into another (reports leave it out).
        public var merged = false
        /// The move a handoff gate refuses, while it holds (a later stage change lifts it).
        public var handoffBlock: HandoffBlock?

        /// Whether sales decided on the lead at least once.
        public var isDecided: Bool { !dispositions.isEmpty }
        /// Whether sales ever accepted the lead (an overturned rejection counts as accepted).
        public var wasAccepted: Bool {
            dispositions.contains { $0.disposition.outcome == .accepted || $0.overturned }
        }
        public var source: String { lead.source ?? "(none)" }
        public var campaign: String { lead.campaign ?? "(none)" }
        public var messageAngle: String { lead.messageAngle ?? "(none)" }
        /// The lead's segment: its `segment` attribute, else a band of its `employees`
        /// attribute (`smb` under 200, `mid-market` under 2,000, `enterprise`), else `(none)`.
        public var segment: String {
            if let segment = lead.attributes["segment"]?.text, !segment.isEmpty { return segment }
            guard let employees = lead.attributes["employees"]?.number else { return "(none)" }
            return employees < 200 ? "smb" : employees < 2_000 ? "mid-market" : "enterprise"
        }
    }

    /// Every lead in the order its capture appears in the journal, merged duplicates included
    /// (marked ``LeadFacts/merged``).
    public private(set) var all: [LeadFacts] = []
    /// The position of each lead in ``all``.
    private var index: [LeadID: Int] = [:]

    /// A lead's facts, merged duplicates included.
    public subscript(id: LeadID) -> LeadFacts? { index[id].map { all[$0] } }
    /// The stages that count as converted (an opportunity or a win).
    public var convertedStages: Set<Stage>

    /// The stages that make a lead converted unless told otherwise — an opportunity or a win —
    /// for the feedback reports and for the outcomes learned scorers train on.
    public static let standardConvertedStages: Set<Stage> = [.opportunity, .won]

    /// Empty facts.
    ///
    /// - Parameter convertedStages: the stages that make a lead converted.
    public init(convertedStages: Set<Stage> = FeedbackFacts.standardConvertedStages) {
        self.convertedStages = convertedStages
    }

    /// Facts folded from events in journal order.
    public init(events: some Sequence<LeadEvent>, convertedStages: Set<Stage> = FeedbackFacts.standardConvertedStages) {
        self.init(convertedStages: convertedStages)
        for event in events { apply(event) }
    }

    /// The leads reports count: not merged into another, in journal order.
    public var countedLeads: [LeadFacts] { all.filter { !$0.merged } }

    /// Whether the lead reached a converted stage.
    public func converted(_ lead: LeadFacts) -> Bool { !lead.reached.isDisjoint(with: convertedStages) }

    /// Folds one event of any lead.
    public mutating func apply(_ event: LeadEvent) {
        let id = event.leadID
        guard let position = index[id] else {
            guard case .captured(let lead, let stage) = event.payload else { return }
            index[id] = all.count
            all.append(LeadFacts(id: id, createdAt: event.occurredAt, lead: lead, stage: stage, reached: [stage]))
            return
        }
        var absorbed: LeadFacts?
        if case .merged(let record) = event.payload, record.absorbed != id { absorbed = self[record.absorbed] }
        Self.apply(event, absorbed: absorbed, to: &all[position])
    }

    /// Folds one event of the lead into its facts, in place.
    private static func apply(_ event: LeadEvent, absorbed: LeadFacts?, to facts: inout LeadFacts) {
        switch event.payload {
        case .captured(let lead, _):
            facts.lead.fillGaps(from: lead)
        case .fieldsChanged(let changes):
            facts.lead.apply(changes)
        case .merged(let record):
            facts.lead.fillGaps(from: record.absorbedLead)
            for signal in record.absorbedSignals { facts.signalCounts[signal.kind, default: 0] += 1 }
            // The survivor carries the absorbed lead's feedback, so a merged person counts once
            // with everything sales said about either record.
            if let absorbed {
                facts.dispositions = (facts.dispositions + absorbed.dispositions).sorted { $0.at < $1.at }
                facts.objections = (facts.objections + absorbed.objections).sorted { $0.at < $1.at }
                facts.reached.formUnion(absorbed.reached)
                facts.requalifications += absorbed.requalifications
                facts.disputes += absorbed.disputes
                if facts.firedRules.isEmpty { facts.firedRules = absorbed.firedRules }
            }
        case .mergedInto:
            facts.merged = true
        case .signalRecorded(let signal):
            facts.signalCounts[signal.kind, default: 0] += 1
        case .stageChanged(let change):
            facts.stage = change.to
            facts.reached.insert(change.to)
            facts.handoffBlock = nil
        case .handoffBlocked(let block):
            facts.handoffBlock = block
        case .scored(let card):
            facts.score = card
            if facts.dispositions.isEmpty {
                for contribution in card.contributions where contribution.points != 0 {
                    facts.firedRules.insert(contribution.rule)
                }
            }
        case .touched(let touch):
            if !touch.objections.isEmpty {
                facts.objections.append(ObjectionFact(at: event.occurredAt, tags: touch.objections, stage: facts.stage))
            }
        case .dispositionRecorded(let disposition):
            facts.dispositions.append(
                DispositionFact(at: event.occurredAt, disposition: disposition, stage: facts.stage, overturned: false))
            if !disposition.objections.isEmpty {
                facts.objections.append(
                    ObjectionFact(at: event.occurredAt, tags: disposition.objections, stage: facts.stage))
            }
        case .disputeRaised:
            facts.disputes += 1
        case .disputeResolved(let resolution):
            if resolution.verdict == .overturned, !facts.dispositions.isEmpty {
                facts.dispositions[facts.dispositions.count - 1].overturned = true
            }
        case .requalified:
            facts.requalifications += 1
        case .erased:
            facts.lead = facts.lead.redactingPersonalData()
        case .accountMatchDecided(let decision):
            facts.lead.accountID = decision.assigned
        case .assigned, .slaStarted, .slaWarned, .slaMet, .slaBreached, .slaEscalated, .playbookProposed,
            .playbookSignedOff, .playbookActivated, .opportunityOpened, .opportunityUpdated, .opportunityClosed,
            .turnTaken, .slaPaused, .slaResumed:
            break
        }
    }
}
