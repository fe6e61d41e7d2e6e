extension LeadEvent.Payload {
    /// JSON keys of the payload object: `kind`, then one field named for what it carries.
    private enum CodingKeys: String, CodingKey {
        case kind, lead, stage, signal, changes, merge, survivor, change, card, assignment, touch, clock
        case clockID, escalation, disposition, erasure, opportunity, update, closing, dispute, resolution
        case requalification, claim, pause, resume, proposal, signOff, activation, block, accountMatch
    }

    /// Reads a payload written by ``encode(to:)``: `{"kind": "signal-recorded", "signal": {…}}`.
    ///
    /// - Throws: `DecodingError` naming the unknown kind or the missing field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "captured":
            self = .captured(
                try container.decode(Lead.self, forKey: .lead), stage: try container.decode(Stage.self, forKey: .stage))
        case "signal-recorded": self = .signalRecorded(try container.decode(Signal.self, forKey: .signal))
        case "fields-changed": self = .fieldsChanged(try container.decode(FieldChanges.self, forKey: .changes))
        case "merged": self = .merged(try container.decode(MergeRecord.self, forKey: .merge))
        case "merged-into": self = .mergedInto(try container.decode(LeadID.self, forKey: .survivor))
        case "stage-changed": self = .stageChanged(try container.decode(StageChange.self, forKey: .change))
        case "scored": self = .scored(try container.decode(ScoreCard.self, forKey: .card))
        case "assigned": self = .assigned(try container.decode(Assignment.self, forKey: .assignment))
        case "touched": self = .touched(try container.decode(Touch.self, forKey: .touch))
        case "sla-started": self = .slaStarted(try container.decode(SLAClock.self, forKey: .clock))
        case "sla-warned": self = .slaWarned(try container.decode(SLAClockID.self, forKey: .clockID))
        case "sla-met": self = .slaMet(try container.decode(SLAClockID.self, forKey: .clockID))
        case "sla-breached": self = .slaBreached(try container.decode(SLAClockID.self, forKey: .clockID))
        case "sla-escalated": self = .slaEscalated(try container.decode(SLAEscalation.self, forKey: .escalation))
        case "disposition-recorded":
            self = .dispositionRecorded(try container.decode(Disposition.self, forKey: .disposition))
        case "erased": self = .erased(try container.decode(Erasure.self, forKey: .erasure))
        case "opportunity-opened":
            self = .opportunityOpened(try container.decode(Opportunity.self, forKey: .opportunity))
        case "opportunity-updated":
            self = .opportunityUpdated(try container.decode(OpportunityUpdate.self, forKey: .update))
        case "opportunity-closed":
            self = .opportunityClosed(try container.decode(OpportunityClosing.self, forKey: .closing))
        case "dispute-raised": self = .disputeRaised(try container.decode(Dispute.self, forKey: .dispute))
        case "dispute-resolved":
            self = .disputeResolved(try container.decode(DisputeResolution.self, forKey: .resolution))
        case "requalified":
            self = .requalified(try container.decode(Requalification.self, forKey: .requalification))
        case "playbook-proposed":
            self = .playbookProposed(try container.decode(PlaybookProposal.self, forKey: .proposal))
        case "playbook-signed-off":
            self = .playbookSignedOff(try container.decode(PlaybookSignOff.self, forKey: .signOff))
        case "playbook-activated":
            self = .playbookActivated(try container.decode(PlaybookActivation.self, forKey: .activation))
        case "turn-taken": self = .turnTaken(try container.decode(TurnClaim.self, forKey: .claim))
        case "sla-paused": self = .slaPaused(try container.decode(SLAPause.self, forKey: .pause))
        case "sla-resumed": self = .slaResumed(try container.decode(SLAResume.self, forKey: .resume))
        case "handoff-blocked": self = .handoffBlocked(try container.decode(HandoffBlock.self, forKey: .block))
        case "account-match-decided":
            self = .accountMatchDecided(try container.decode(AccountMatchDecision.self, forKey: .accountMatch))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown event kind '\(kind)'")
        }
    }

    /// Writes the payload as `{"kind": "<kind>", "<field>": …}`, for exports and `--json`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .captured(let lead, let stage):
            try container.encode(lead, forKey: .lead)
            try container.encode(stage, forKey: .stage)
        case .signalRecorded(let signal): try container.encode(signal, forKey: .signal)
        case .fieldsChanged(let changes): try container.encode(changes, forKey: .changes)
        case .merged(let record): try container.encode(record, forKey: .merge)
        case .mergedInto(let survivor): try container.encode(survivor, forKey: .survivor)
        case .stageChanged(let change): try container.encode(change, forKey: .change)
        case .scored(let card): try container.encode(card, forKey: .card)
        case .assigned(let assignment): try container.encode(assignment, forKey: .assignment)
        case .touched(let touch): try container.encode(touch, forKey: .touch)
        case .slaStarted(let clock): try container.encode(clock, forKey: .clock)
        case .slaWarned(let id), .slaMet(let id), .slaBreached(let id): try container.encode(id, forKey: .clockID)
        case .slaEscalated(let escalation): try container.encode(escalation, forKey: .escalation)
        case .dispositionRecorded(let disposition): try container.encode(disposition, forKey: .disposition)
        case .erased(let erasure): try container.encode(erasure, forKey: .erasure)
        case .opportunityOpened(let opportunity): try container.encode(opportunity, forKey: .opportunity)
        case .opportunityUpdated(let update): try container.encode(update, forKey: .update)
        case .opportunityClosed(let closing): try container.encode(closing, forKey: .closing)
        case .disputeRaised(let dispute): try container.encode(dispute, forKey: .dispute)
        case .disputeResolved(let resolution): try container.encode(resolution, forKey: .resolution)
        case .requalified(let requalification): try container.encode(requalification, forKey: .requalification)
        case .playbookProposed(let proposal): try container.encode(proposal, forKey: .proposal)
        case .playbookSignedOff(let signOff): try container.encode(signOff, forKey: .signOff)
        case .playbookActivated(let activation): try container.encode(activation, forKey: .activation)
        case .turnTaken(let claim): try container.encode(claim, forKey: .claim)
        case .slaPaused(let pause): try container.encode(pause, forKey: .pause)
        case .slaResumed(let resume): try container.encode(resume, forKey: .resume)
        case .handoffBlocked(let block): try container.encode(block, forKey: .block)
        case .accountMatchDecided(let decision): try container.encode(decision, forKey: .accountMatch)
        }
    }
}
