extension LeadEvent {
    /// The event with the lead's personal data removed, as erasure writes it back to the journal.
    ///
    /// Removed: contact fields (email, phone, names, title), external ids, custom attributes,
    /// signal properties, free-text notes, buyer quotes, dispute reasons, the evidence text of
    /// score contributions (it quotes the lead's values) and idempotency keys (they often embed
    /// an email).
    /// Kept: what the scoreboard counts — the event kind, times, source, campaign, message angle,
    /// company and account, stages, scores, assignments, SLA clocks, disposition codes, objection
    /// tags and the other structured feedback fields, and opportunities (amounts, products, dates
    /// and close reasons are about the deal, not the person).
    public func redactingPersonalData() -> LeadEvent {
        var copy = self
        copy.idempotencyKey = nil
        switch payload {
        case .captured(let lead, let stage):
            copy.payload = .captured(lead.redactingPersonalData(), stage: stage)
        case .signalRecorded(let signal):
            copy.payload = .signalRecorded(signal.redactingPersonalData())
        case .fieldsChanged(let changes):
            copy.payload = .fieldsChanged(
                FieldChanges(changes.values.filter { LeadEvent.retainedFields.contains($0.key) }))
        case .merged(var record):
            record.absorbedLead = record.absorbedLead.redactingPersonalData()
            record.absorbedSignals = record.absorbedSignals.map { $0.redactingPersonalData() }
            copy.payload = .merged(record)
        case .touched(var touch):
            touch.note = nil
            touch.buyerSaid = nil
            copy.payload = .touched(touch)
        case .dispositionRecorded(var disposition):
            disposition.note = nil
            disposition.buyerSaid = nil
            copy.payload = .dispositionRecorded(disposition)
        case .disputeRaised(var dispute):
            dispute.reason = ""
            copy.payload = .disputeRaised(dispute)
        case .disputeResolved(var resolution):
            resolution.note = nil
            copy.payload = .disputeResolved(resolution)
        case .scored(let card):
            copy.payload = .scored(card.redactingEvidence())
        case .mergedInto, .stageChanged, .assigned, .slaStarted, .slaWarned, .slaMet,
            .slaBreached, .slaEscalated, .erased, .requalified, .opportunityOpened, .opportunityUpdated,
            .opportunityClosed, .turnTaken, .slaPaused, .slaResumed, .playbookProposed, .playbookSignedOff,
            .playbookActivated, .handoffBlocked, .accountMatchDecided:
            break
        }
        return copy
    }

    /// Fields that are about the business, not the person, and survive erasure.
    static let retainedFields: Set<LeadField> = [
        .company, .account, .source, .campaign, .messageAngle,
    ]
}

extension Lead {
    /// The lead with its personal data removed; see ``LeadEvent/redactingPersonalData()``.
    public func redactingPersonalData() -> Lead {
        Lead(
            id: id, company: company, accountID: accountID, source: source, campaign: campaign,
            messageAngle: messageAngle)
    }
}

extension Signal {
    /// The signal with its properties and idempotency key removed.
    public func redactingPersonalData() -> Signal {
        Signal(kind: kind, occurredAt: occurredAt, source: source, campaign: campaign)
    }
}

extension ScoreCard {
    /// The card without the evidence text of its contributions, which quotes the lead's values
    /// ("title VP Finance contains 'vp'"); rules, axes and points stay.
    public func redactingEvidence() -> ScoreCard {
        var copy = self
        copy.contributions = contributions.map {
            Contribution(rule: $0.rule, axis: $0.axis, points: $0.points, evidence: "")
        }
        return copy
    }
}
