import Foundation

/// What the system knows about a lead now, folded from its events.
///
/// The fold is the only way state is made: there is no public initialiser, so a `LeadState`
/// always agrees with the journal it came from.
///
/// ```swift
/// let events = try await store.events(forLead: "lead-1")
/// guard let state = LeadState.fold(events) else { return }   // nil: never captured
/// print(state.stage, state.score?.total ?? 0)
/// ```
public struct LeadState: Hashable, Sendable {
    /// One entry of the stage history: the stage entered and when.
    public struct StageEntry: Hashable, Sendable, Codable {
        public var stage: Stage
        public var enteredAt: Date

        /// Package access, like ``LeadState``'s initialiser from every stored property: the
        /// Journal module's snapshot decoder makes entries; users get them from the fold only.
        package init(stage: Stage, enteredAt: Date) {
            self.stage = stage
            self.enteredAt = enteredAt
        }
    }

    /// The lead's current data (capture, field changes and merges applied).
    public private(set) var lead: Lead
    public private(set) var stage: Stage
    /// Every stage the lead entered, oldest first, starting with the capture.
    public private(set) var stageHistory: [StageEntry]
    public private(set) var createdAt: Date
    public private(set) var updatedAt: Date
    /// The number of events in the lead's stream; the expected version for the next append.
    public private(set) var version: Int
    /// The journal position of the last event folded.
    public private(set) var lastPosition: JournalPosition?
    /// Every signal, its own and those of leads merged into it, in the order recorded.
    public private(set) var signals: [Signal]
    /// Leads merged into this one.
    public private(set) var absorbed: [LeadID]
    /// The survivor this lead was merged into; such a lead accepts no new facts.
    public private(set) var mergedInto: LeadID?
    public private(set) var score: ScoreCard?
    public private(set) var scoredAt: Date?
    public private(set) var owner: Owner?
    public private(set) var assignedAt: Date?
    public private(set) var touches: [Touch]
    public private(set) var firstTouchAt: Date?
    public private(set) var lastTouchAt: Date?
    /// Response clocks that started and have neither been met nor breached.
    public private(set) var openClocks: [SLAClockID: SLAClock]
    /// Clocks that ran past their deadline; a breach closes the clock.
    public private(set) var breachedClocks: Set<SLAClockID>
    /// The latest disposition, if sales gave one.
    public private(set) var disposition: Disposition? {
        get { rare?.disposition }
        set { setRare { $0.disposition = newValue } }
    }
    /// Whether the lead's personal data was erased.
    public private(set) var isErased: Bool
    /// Recycles, re-qualifications and the dispute over a rejection.
    public private(set) var feedback: FeedbackStatus {
        get { rare?.feedback ?? FeedbackStatus() }
        set { setRare { $0.feedback = newValue } }
    }
    /// The lead's latest deal, with its updates applied and its closing once it closed.
    public private(set) var opportunity: OpportunityState? {
        get { rare?.opportunity }
        set { setRare { $0.opportunity = newValue } }
    }
    /// The move up the funnel a handoff gate refused, while it holds: set when the lead's rules
    /// asked for a move its gate refused, cleared when the lead moves.
    public private(set) var handoffBlock: HandoffBlock? {
        get { rare?.values.handoffBlock }
        set { setRare { $0.handoffBlock = newValue } }
    }
    /// When the ``handoffBlock`` in force was recorded.
    public private(set) var handoffBlockedAt: Date? {
        get { rare?.values.handoffBlockedAt }
        set { setRare { $0.handoffBlockedAt = newValue } }
    }
    /// The account match waiting for a person, while it waits: set when account matching was
    /// not sure, its candidates narrowed by each rejection, cleared by an acceptance, by the
    /// rejection of its last candidate, or by a later sure match.
    public private(set) var accountReview: AccountMatchDecision? {
        get { rare?.values.accountReview }
        set { setRare { $0.accountReview = newValue } }
    }
    /// The decision that put the lead on its account — the matcher's, with its confidence and
    /// evidence, or a reviewer's acceptance — while the lead is still on that account.
    public private(set) var accountMatch: AccountMatchDecision? {
        get { rare?.values.accountMatch }
        set { setRare { $0.accountMatch = newValue } }
    }
    /// Reviewers' decisions on accounts for this lead, the latest per account: ``AccountMatchDecision/Verdict-swift.enum/accepted``
    /// (an always-match) or ``AccountMatchDecision/Verdict-swift.enum/rejected`` (a never-match).
    public private(set) var accountVerdicts: [AccountID: AccountMatchDecision.Verdict] {
        get { rare?.values.accountVerdicts ?? [:] }
        set { setRare { $0.accountVerdicts = newValue } }
    }

    /// The disposition, feedback, deal and handoff block, which most leads never get, behind one
    /// reference: `nil` when all are empty. Inline they took 417 of a state's 936 bytes, so a
    /// million states held about 0.4 GB of empty space and every move of a state copied it.
    private var rare: RareParts?

    private mutating func setRare(_ change: (inout RareParts.Values) -> Void) {
        var values = rare?.values ?? RareParts.Values()
        change(&values)
        rare = values.isEmpty ? nil : RareParts(values)
    }

    public var id: LeadID { lead.id }

    /// When the lead entered a stage most recently, if it ever did.
    public func enteredAt(_ stage: Stage) -> Date? {
        stageHistory.last { $0.stage == stage }?.enteredAt
    }

    private init(lead: Lead, stage: Stage, at time: Date) {
        self.lead = lead
        self.stage = stage
        self.stageHistory = [StageEntry(stage: stage, enteredAt: time)]
        self.createdAt = time
        self.updatedAt = time
        self.version = 0
        self.signals = []
        self.absorbed = []
        self.touches = []
        self.openClocks = [:]
        self.breachedClocks = []
        self.isErased = false
    }

    /// Makes a state from every stored property, for decoding a lead state snapshot
    /// (`LeadStateSnapshot`, in the Journal module).
    ///
    /// Package access on purpose: users get state from the fold only, and the Journal module's
    /// snapshot decoder needs it. It lives in this file because the `private(set)` setters are out
    /// of reach of extensions elsewhere. A stored property added to `LeadState` must be added
    /// here, to the snapshot layout (a new version) and to `LeadStateSnapshotRoundTripTests`,
    /// whose field-count test fails until it is.
    package init(
        lead: Lead, stage: Stage, stageHistory: [StageEntry], createdAt: Date, updatedAt: Date,
        version: Int, lastPosition: JournalPosition?, signals: [Signal], absorbed: [LeadID],
        mergedInto: LeadID?, score: ScoreCard?, scoredAt: Date?, owner: Owner?, assignedAt: Date?,
        touches: [Touch], firstTouchAt: Date?, lastTouchAt: Date?,
        openClocks: [SLAClockID: SLAClock], breachedClocks: Set<SLAClockID>,
        disposition: Disposition?, isErased: Bool, feedback: FeedbackStatus = FeedbackStatus(),
        opportunity: OpportunityState? = nil, handoffBlock: HandoffBlock? = nil, handoffBlockedAt: Date? = nil,
        accountReview: AccountMatchDecision? = nil, accountMatch: AccountMatchDecision? = nil,
        accountVerdicts: [AccountID: AccountMatchDecision.Verdict] = [:]
    ) {
        self.lead = lead
        self.stage = stage
        self.stageHistory = stageHistory
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
        self.lastPosition = lastPosition
        self.signals = signals
        self.absorbed = absorbed
        self.mergedInto = mergedInto
        self.score = score
        self.scoredAt = scoredAt
        self.owner = owner
        self.assignedAt = assignedAt
        self.touches = touches
        self.firstTouchAt = firstTouchAt
        self.lastTouchAt = lastTouchAt
        self.openClocks = openClocks
        self.breachedClocks = breachedClocks
        self.isErased = isErased
        let values = RareParts.Values(
            disposition: disposition, feedback: feedback, opportunity: opportunity, handoffBlock: handoffBlock,
            handoffBlockedAt: handoffBlockedAt, accountReview: accountReview, accountMatch: accountMatch,
            accountVerdicts: accountVerdicts)
        rare = values.isEmpty ? nil : RareParts(values)
    }

    /// Folds a lead's events, oldest first, into its state.
    ///
    /// - Parameter events: the events of one lead's stream, in journal order.
    /// - Returns: the state, or `nil` when the events hold no capture.
    public static func fold(_ events: some Sequence<LeadEvent>) -> LeadState? {
        var state: LeadState?
        for event in events {
            if state == nil {
                guard case .captured(let lead, let stage) = event.payload else { continue }
                state = LeadState(lead: lead, stage: stage, at: event.occurredAt)
            }
            state!.apply(event)
        }
        return state
    }

    /// Applies one more event of this lead's stream.
    ///
    /// Events of other leads are ignored, so a caller may feed a mixed journal.
    public mutating func apply(_ event: LeadEvent) {
        guard event.leadID == lead.id else { return }
        version += 1
        lastPosition = event.position ?? lastPosition
        updatedAt = max(updatedAt, event.occurredAt)
        switch event.payload {
        case .captured(let captured, _):
            if version > 1 { lead.fillGaps(from: captured) }
        case .signalRecorded(let signal):
            signals.append(signal)
        case .fieldsChanged(let changes):
            lead.apply(changes)
            if let match = accountMatch, match.account != lead.accountID { accountMatch = nil }
        case .merged(let record):
            absorbed.append(record.absorbed)
            lead.fillGaps(from: record.absorbedLead)
            signals.append(contentsOf: record.absorbedSignals)
            signals.sort { $0.occurredAt < $1.occurredAt }
        case .mergedInto(let survivor):
            mergedInto = survivor
        case .stageChanged(let change):
            stage = change.to
            stageHistory.append(StageEntry(stage: change.to, enteredAt: event.occurredAt))
            if handoffBlock != nil {
                setRare {
                    $0.handoffBlock = nil
                    $0.handoffBlockedAt = nil
                }
            }
        case .scored(let card):
            score = card
            scoredAt = event.occurredAt
        case .assigned(let assignment):
            owner = assignment.owner
            assignedAt = event.occurredAt
        case .touched(let touch):
            touches.append(touch)
            if firstTouchAt == nil { firstTouchAt = event.occurredAt }
            lastTouchAt = event.occurredAt
        case .slaStarted(let clock):
            openClocks[clock.id] = clock
        case .slaWarned:
            break
        case .slaMet(let id):
            openClocks[id] = nil
        case .slaBreached(let id):
            openClocks[id] = nil
            breachedClocks.insert(id)
        case .slaEscalated, .slaPaused, .turnTaken:
            break
        case .slaResumed(let resume):
            openClocks[resume.clockID]?.warnAt = resume.warnAt
            openClocks[resume.clockID]?.deadline = resume.deadline
        case .dispositionRecorded(let disposition):
            self.disposition = disposition
            feedback.dispute = nil
            if disposition.outcome == .recycled { feedback.recycles += 1 }
        case .disputeRaised(let dispute):
            feedback.dispute = FeedbackStatus.DisputeRecord(
                state: .open, raisedBy: dispute.raisedBy, reason: dispute.reason, raisedAt: event.occurredAt)
        case .disputeResolved(let resolution):
            feedback.dispute?.state = resolution.verdict == .upheld ? .upheld : .overturned
            feedback.dispute?.resolvedBy = resolution.by
            if resolution.verdict == .overturned { disposition = nil }
        case .requalified:
            feedback.requalifications += 1
        case .erased:
            isErased = true
            lead = lead.redactingPersonalData()
            signals = signals.map { $0.redactingPersonalData() }
            touches = touches.map {
                Touch(channel: $0.channel, by: $0.by, connected: $0.connected, objections: $0.objections)
            }
            disposition?.note = nil
            disposition?.buyerSaid = nil
            feedback.dispute?.reason = ""
            score = score?.redactingEvidence()
        case .playbookProposed, .playbookSignedOff, .playbookActivated:
            break  // governance facts, on the playbook's stream
        case .handoffBlocked(let block):
            setRare {
                $0.handoffBlock = block
                $0.handoffBlockedAt = event.occurredAt
            }
        case .accountMatchDecided(let decision):
            lead.accountID = decision.assigned
            apply(decision)
        case .opportunityOpened(let deal):
            opportunity = OpportunityState(opportunity: deal, openedAt: deal.openedAt ?? event.occurredAt)
        case .opportunityUpdated(let update):
            if opportunity?.opportunity.id == update.id { opportunity!.apply(update) }
        case .opportunityClosed(let closing):
            if opportunity?.opportunity.id == closing.id { opportunity!.closing = closing }
        }
    }
}

extension LeadState {
    /// Keeps ``accountReview`` in step with an account decision.
    fileprivate mutating func apply(_ decision: AccountMatchDecision) {
        switch decision.verdict {
        case .review:
            accountReview = decision
            if accountMatch?.account != decision.assigned { accountMatch = nil }
        case .matched:
            accountReview = nil
            accountMatch = decision
        case .accepted:
            accountReview = nil
            accountMatch = decision
            if let account = decision.account { accountVerdicts[account] = .accepted }
        case .rejected:
            if let account = decision.account { accountVerdicts[account] = .rejected }
            if accountMatch?.account == decision.account { accountMatch = nil }
            guard var review = accountReview else { return }
            review.candidates.removeAll { $0.account == decision.account }
            accountReview = review.candidates.isEmpty ? nil : review
        }
    }
}

extension Lead {
    /// Fills fields this lead lacks from another record of the same person: standard fields,
    /// attributes and external ids it does not have yet. Nothing it has is overwritten.
    public mutating func fillGaps(from other: Lead) {
        for field in LeadField.standard where self[field] == nil {
            if let value = other[field] { apply(FieldChanges([field: value])) }
        }
        for (key, value) in other.attributes where attributes[key] == nil {
            attributes[key] = value
        }
        for id in other.externalIDs where !externalIDs.contains(id) {
            externalIDs.append(id)
        }
    }
}

/// The rarely set parts of a ``LeadState``, immutable: a change makes a new value (see
/// `LeadState.setRare`), so states that share one never see each other's changes.
private final class RareParts: Hashable, Sendable {
    struct Values: Hashable, Sendable {
        var disposition: Disposition?
        var feedback = FeedbackStatus()
        var opportunity: OpportunityState?
        var handoffBlock: HandoffBlock?
        var handoffBlockedAt: Date?
        var accountReview: AccountMatchDecision?
        var accountMatch: AccountMatchDecision?
        var accountVerdicts: [AccountID: AccountMatchDecision.Verdict] = [:]

        var isEmpty: Bool {
            disposition == nil && opportunity == nil && handoffBlock == nil && handoffBlockedAt == nil
                && accountReview == nil && accountMatch == nil && accountVerdicts.isEmpty
                && feedback == FeedbackStatus()
        }
    }

    let values: Values
    var disposition: Disposition? { values.disposition }
    var feedback: FeedbackStatus { values.feedback }
    var opportunity: OpportunityState? { values.opportunity }

    init(_ values: Values) {
        self.values = values
    }

    static func == (left: RareParts, right: RareParts) -> Bool {
        left === right || left.values == right.values
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(values)
    }
}
