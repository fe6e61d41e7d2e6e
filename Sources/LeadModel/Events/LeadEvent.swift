import Foundation

/// One fact in the journal: something that happened to a lead, when, who caused it and why.
///
/// Events are immutable once appended. The store assigns ``position`` on append; an event that is
/// not yet stored has `nil`. Current state is never stored — it is folded from events by
/// ``LeadState``.
///
/// ```swift
/// let event = LeadEvent(leadID: "lead-1", occurredAt: now, actor: .integration("webform"),
///                       payload: .signalRecorded(signal),
///                       idempotencyKey: signal.idempotencyKey)
/// ```
public struct LeadEvent: Hashable, Sendable, Codable {
    /// The global position, assigned by the store; `nil` before the event is appended.
    public var position: JournalPosition?
    /// The lead the fact is about.
    public var leadID: LeadID
    /// When it happened, by the engine's injected clock.
    public var occurredAt: Date
    /// Who caused it.
    public var actor: EventActor
    /// What happened.
    public var payload: Payload
    /// Why: the rules, thresholds or codes behind a decision. Empty for plain facts.
    public var reasons: [Reason]
    /// A key the journal records once; a second append with the same key is a no-op.
    public var idempotencyKey: String?
    /// The playbook version whose rules made this decision, when a policy made it.
    public var playbookVersion: String?

    public init(
        position: JournalPosition? = nil,
        leadID: LeadID,
        occurredAt: Date,
        actor: EventActor,
        payload: Payload,
        reasons: [Reason] = [],
        idempotencyKey: String? = nil,
        playbookVersion: String? = nil
    ) {
        self.position = position
        self.leadID = leadID
        self.occurredAt = occurredAt
        self.actor = actor
        self.payload = payload
        self.reasons = reasons
        self.idempotencyKey = idempotencyKey
        self.playbookVersion = playbookVersion
    }
}

extension LeadEvent {
    /// Every kind of fact the journal records.
    public enum Payload: Hashable, Sendable, Codable {
        /// A new lead entered the funnel with this data, in this stage (the stage graph's initial).
        indirect case captured(Lead, stage: Stage)
        /// An engagement or intent signal.
        case signalRecorded(Signal)
        /// Fields changed; a `nil` value removes the field.
        case fieldsChanged(FieldChanges)
        /// Another lead was merged into this one; both histories are kept.
        indirect case merged(MergeRecord)
        /// This lead was merged into another (the survivor); it accepts no new facts.
        case mergedInto(LeadID)
        /// The lead moved through the funnel.
        case stageChanged(StageChange)
        /// A scorer scored the lead.
        case scored(ScoreCard)
        /// The lead was assigned to an owner or a queue.
        case assigned(Assignment)
        /// Sales touched the lead (call, email, …).
        case touched(Touch)
        /// A response clock started.
        case slaStarted(SLAClock)
        /// A response clock reached its warning point.
        case slaWarned(SLAClockID)
        /// A response clock stopped in time.
        case slaMet(SLAClockID)
        /// A response clock ran past its deadline; the clock is closed.
        case slaBreached(SLAClockID)
        /// A step of a tier's escalation ladder ran.
        case slaEscalated(SLAEscalation)
        /// Sales accepted, rejected or recycled the lead.
        case dispositionRecorded(Disposition)
        /// Marketing disputed the lead's rejection (since layout 2).
        case disputeRaised(Dispute)
        /// An arbiter upheld or overturned the disputed rejection (since layout 2).
        case disputeResolved(DisputeResolution)
        /// A recycled lead's re-qualify trigger fired (since layout 2).
        case requalified(Requalification)
        /// The lead's personal data was erased from the journal.
        case erased(Erasure)
        /// A deal was opened on the lead.
        case opportunityOpened(Opportunity)
        /// An open deal's amount, deal stage or expected close date changed.
        case opportunityUpdated(OpportunityUpdate)
        /// A deal was won or lost.
        case opportunityClosed(OpportunityClosing)
        /// A playbook version was put forward for sign-off (on the ``LeadID/playbook`` stream).
        case playbookProposed(PlaybookProposal)
        /// An owner signed a proposed playbook version off.
        case playbookSignedOff(PlaybookSignOff)
        /// A signed-off playbook version became active.
        case playbookActivated(PlaybookActivation)
        /// A routing turn was taken; on a claim stream (`pool:<name>`, `rep:<id>`), not a lead's.
        case turnTaken(TurnClaim)
        /// A response clock stopped counting, where its tier allows.
        case slaPaused(SLAPause)
        /// A paused response clock counts again, its deadline moved out.
        case slaResumed(SLAResume)
        /// A threshold or trigger would have moved the lead, and a handoff gate refused.
        case handoffBlocked(HandoffBlock)
        /// Account matching or a reviewer decided which account the lead belongs to.
        case accountMatchDecided(AccountMatchDecision)
    }
}

extension LeadEvent.Payload {
    /// A stable name for the kind of payload, used in timelines and exports.
    public var kind: String {
        switch self {
        case .captured: return "captured"
        case .signalRecorded: return "signal-recorded"
        case .fieldsChanged: return "fields-changed"
        case .merged: return "merged"
        case .mergedInto: return "merged-into"
        case .stageChanged: return "stage-changed"
        case .scored: return "scored"
        case .assigned: return "assigned"
        case .touched: return "touched"
        case .slaStarted: return "sla-started"
        case .slaWarned: return "sla-warned"
        case .slaMet: return "sla-met"
        case .slaBreached: return "sla-breached"
        case .slaEscalated: return "sla-escalated"
        case .dispositionRecorded: return "disposition-recorded"
        case .disputeRaised: return "dispute-raised"
        case .disputeResolved: return "dispute-resolved"
        case .requalified: return "requalified"
        case .erased: return "erased"
        case .opportunityOpened: return "opportunity-opened"
        case .opportunityUpdated: return "opportunity-updated"
        case .opportunityClosed: return "opportunity-closed"
        case .playbookProposed: return "playbook-proposed"
        case .playbookSignedOff: return "playbook-signed-off"
        case .playbookActivated: return "playbook-activated"
        case .turnTaken: return "turn-taken"
        case .slaPaused: return "sla-paused"
        case .slaResumed: return "sla-resumed"
        case .handoffBlocked: return "handoff-blocked"
        case .accountMatchDecided: return "account-match-decided"
        }
    }
}
