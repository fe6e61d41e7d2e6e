import Foundation
import LeadModel

/// The decisions behind a lead's current state, read from its journal: what
/// `accord lead explain --json` prints and what a service answers for a lead's explanation.
///
/// Each decision carries the reasons stored in its event and the playbook version that made it,
/// grouped by what it decided. Value semantics; build one with ``init(state:events:)`` from a
/// lead's state and its timeline (``AlignmentEngine/timeline(of:includingMerged:)``).
public struct LeadExplanation: Codable, Hashable, Sendable {
    /// One recorded decision.
    public struct Decision: Codable, Hashable, Sendable {
        /// The event's position in the journal.
        public var position: UInt64?
        /// When the decision was recorded.
        public var at: Date
        /// What was decided, in one line (`LeadEvent.summary`).
        public var what: String
        /// Who or what made it.
        public var by: String
        /// The playbook version that made it.
        public var playbookVersion: String?
        /// Why: the rules that decided and their details.
        public var reasons: [Reason]
    }

    /// The lead's id.
    public var lead: String
    /// The current stage.
    public var stage: String
    /// The latest score card, with every contribution.
    public var score: ScoreCard?
    /// The owner, as `rep:NAME` or `queue:NAME`.
    public var owner: String?
    /// The move up the funnel a handoff gate refuses, while it holds; `nil` (left out of JSON)
    /// when none does.
    public var blocked: HandoffBlock?
    /// When ``blocked`` was recorded.
    public var blockedSince: Date?
    /// For a lead the playbook's qualification could still move, what each of its rules found
    /// (`QualificationPolicy.outlook`): the points a threshold lacks, why a trigger did not fire.
    /// `nil` (left out of JSON) until the host sets it, and for a lead past the stages
    /// qualification moves.
    public var qualification: [QualificationFinding]?
    /// Why a lead at or past the handoff stage has no owner; `nil` (left out of JSON) otherwise.
    /// Set by the host, which knows whether a router is configured.
    public var unassigned: String?
    /// Captures with reasons, merges and erasure.
    public var identity: [Decision]
    /// Account matches and reviewers' decisions on the lead's account, each with the evidence
    /// behind it as reasons (`evidence:<account>`); `nil` (left out of JSON) when account
    /// matching never decided for the lead.
    public var accounts: [Decision]?
    /// Stage moves, and moves a handoff gate refused.
    public var stages: [Decision]
    /// Scorings.
    public var scores: [Decision]
    /// Assignments.
    public var assignments: [Decision]
    /// Response clock starts, warnings, outcomes and escalations.
    public var clocks: [Decision]
    /// Dispositions, disputes and re-qualifications.
    public var dispositions: [Decision]
    /// The lead's deal events, with where they came from (`history: imported from deals.csv`);
    /// `nil` (left out of JSON) when the lead never had a deal.
    public var deals: [Decision]?

    /// Groups a lead's events into the decisions they record.
    /// - Parameters:
    ///   - state: the lead's current state.
    ///   - events: the lead's timeline, oldest first (merged leads' events included).
    public init(state: LeadState, events: [LeadEvent]) {
        lead = state.id.rawValue
        stage = state.stage.rawValue
        score = state.score
        owner = state.owner?.description
        blocked = state.handoffBlock
        blockedSince = state.handoffBlockedAt
        func decision(_ event: LeadEvent) -> Decision {
            Decision(
                position: event.position?.rawValue, at: event.occurredAt, what: event.summary,
                by: event.actor.description, playbookVersion: event.playbookVersion, reasons: event.reasons)
        }
        var identity: [Decision] = []
        var stages: [Decision] = []
        var scores: [Decision] = []
        var assignments: [Decision] = []
        var clocks: [Decision] = []
        var dispositions: [Decision] = []
        var deals: [Decision] = []
        var accounts: [Decision] = []
        for event in events {
            switch event.payload {
            case .captured where !event.reasons.isEmpty, .merged, .mergedInto, .erased:
                identity.append(decision(event))
            case .stageChanged, .handoffBlocked: stages.append(decision(event))
            case .scored: scores.append(decision(event))
            case .assigned: assignments.append(decision(event))
            case .slaStarted, .slaWarned, .slaMet, .slaBreached, .slaEscalated: clocks.append(decision(event))
            case .dispositionRecorded, .disputeRaised, .disputeResolved, .requalified:
                dispositions.append(decision(event))
            case .opportunityOpened, .opportunityUpdated, .opportunityClosed: deals.append(decision(event))
            case .accountMatchDecided(let match):
                var item = decision(event)
                item.reasons.append(Reason(rule: "account-match", detail: match.summary))
                for candidate in match.candidates {
                    item.reasons += candidate.evidence.map {
                        Reason(rule: "evidence:\(candidate.account)", detail: $0.description)
                    }
                }
                accounts.append(item)
            default: break
            }
        }
        self.identity = identity
        self.stages = stages
        self.scores = scores
        self.assignments = assignments
        self.clocks = clocks
        self.dispositions = dispositions
        self.deals = deals.isEmpty ? nil : deals
        self.accounts = accounts.isEmpty ? nil : accounts
    }
}
