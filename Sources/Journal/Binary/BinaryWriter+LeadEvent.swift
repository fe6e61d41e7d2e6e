import LeadModel

/// The layout of a ``LeadModel/LeadEvent`` record (versions 1 and 2), writing side. The reading side is in
/// `BinaryReader+LeadEvent.swift`; keep the two in the same field order.
extension BinaryWriter {
    /// Writes an event's fields and payload (everything after the layout version byte).
    mutating func writeEvent(_ event: LeadEvent) {
        writeString(event.leadID.rawValue)
        writeDate(event.occurredAt)
        writeActor(event.actor)
        writeOptionalString(event.playbookVersion)
        writeOptionalString(event.idempotencyKey)
        writeCount(event.reasons.count)
        for reason in event.reasons {
            writeString(reason.rule)
            writeString(reason.detail)
        }
        writePayload(event.payload)
    }

    mutating func writeTag<Tag: RawRepresentable<UInt8>>(_ tag: Tag) {
        writeByte(tag.rawValue)
    }

    mutating func writeActor(_ actor: EventActor) {
        switch actor {
        case .system:
            writeTag(RecordTag.Actor.system)
        case .person(let id):
            writeTag(RecordTag.Actor.person)
            writeString(id)
        case .integration(let name):
            writeTag(RecordTag.Actor.integration)
            writeString(name)
        }
    }

    mutating func writeOwner(_ owner: Owner) {
        switch owner {
        case .rep(let id):
            writeTag(RecordTag.Owner.rep)
            writeSharedString(id)
        case .queue(let name):
            writeTag(RecordTag.Owner.queue)
            writeSharedString(name)
        }
    }

    mutating func writeOptionalOwner(_ owner: Owner?) {
        writeOptional(owner) { $0.writeOwner($1) }
    }

    mutating func writeAttribute(_ value: AttributeValue) {
        switch value {
        case .string(let text):
            writeTag(RecordTag.Attribute.string)
            writeSharedString(text)
        case .number(let number):
            writeTag(RecordTag.Attribute.number)
            writeDouble(number)
        case .bool(let flag):
            writeTag(RecordTag.Attribute.bool)
            writeBool(flag)
        case .date(let date):
            writeTag(RecordTag.Attribute.date)
            writeDate(date)
        case .list(let items):
            writeTag(RecordTag.Attribute.list)
            writeArray(items) { $0.writeSharedString($1) }
        }
    }

    package mutating func writeAttributes(_ attributes: [String: AttributeValue]) {
        writeDictionary(attributes) { $0.writeAttribute($1) }
    }

    mutating func writeLead(_ lead: Lead) {
        writeString(lead.id.rawValue)
        writeOptionalString(lead.email)
        writeOptionalString(lead.phone)
        writeOptionalString(lead.firstName)
        writeOptionalString(lead.lastName)
        writeOptionalSharedString(lead.title)
        writeOptionalSharedString(lead.company)
        writeOptionalSharedString(lead.accountID?.rawValue)
        writeOptionalSharedString(lead.source)
        writeOptionalSharedString(lead.campaign)
        writeOptionalSharedString(lead.messageAngle)
        writeArray(lead.externalIDs) {
            $0.writeSharedString($1.system)
            $0.writeString($1.value)
        }
        writeAttributes(lead.attributes)
    }

    mutating func writeSignal(_ signal: Signal) {
        writeSharedString(signal.kind.rawValue)
        writeDate(signal.occurredAt)
        writeOptionalSharedString(signal.source)
        writeOptionalSharedString(signal.campaign)
        writeAttributes(signal.properties)
        writeOptionalString(signal.idempotencyKey)
    }

    mutating func writeFieldChanges(_ changes: FieldChanges) {
        writeCount(changes.values.count)
        let entries = changes.values.sorted {
            $0.key.rawValue.utf8.lexicographicallyPrecedes($1.key.rawValue.utf8)
        }
        for (field, value) in entries {
            writeString(field.rawValue)
            writeOptional(value) { $0.writeAttribute($1) }
        }
    }

    mutating func writeScoreCard(_ card: ScoreCard) {
        writeSharedString(card.scorer)
        writeDouble(card.fit)
        writeDouble(card.engagement)
        writeDouble(card.total)
        writeOptionalSharedString(card.grade)
        writeArray(card.contributions) { writer, contribution in
            writer.writeSharedString(contribution.rule)
            switch contribution.axis {
            case .fit: writer.writeTag(RecordTag.Axis.fit)
            case .engagement: writer.writeTag(RecordTag.Axis.engagement)
            }
            writer.writeDouble(contribution.points)
            writer.writeSharedString(contribution.evidence)
        }
        writeOptionalSharedString(card.playbookVersion)  // since layout 2
    }

    /// `string id, optional f64 amount (a plain f64 before layout 3), string currency, optional
    /// string product, optional date expectedCloseDate, optional Owner owner, optional string
    /// dealStage, optional date openedAt, optional string accountName (since layout 3)` — the
    /// body of an `opportunity-opened` event.
    mutating func writeOpportunity(_ opportunity: Opportunity) {
        writeString(opportunity.id.rawValue)
        writeOptional(opportunity.amount) { $0.writeDouble($1) }
        writeString(opportunity.currency)
        writeOptionalString(opportunity.product)
        writeOptional(opportunity.expectedCloseDate) { $0.writeDate($1) }
        writeOptionalOwner(opportunity.owner)
        writeOptionalString(opportunity.dealStage)
        writeOptional(opportunity.openedAt) { $0.writeDate($1) }
        writeOptionalString(opportunity.accountName)  // since layout 3
    }

    mutating func writePayload(_ payload: LeadEvent.Payload) {
        switch payload {
        case .captured(let lead, let stage):
            writeTag(RecordTag.Payload.captured)
            writeLead(lead)
            writeString(stage.rawValue)
        case .signalRecorded(let signal):
            writeTag(RecordTag.Payload.signalRecorded)
            writeSignal(signal)
        case .fieldsChanged(let changes):
            writeTag(RecordTag.Payload.fieldsChanged)
            writeFieldChanges(changes)
        case .merged(let record):
            writeTag(RecordTag.Payload.merged)
            writeString(record.absorbed.rawValue)
            writeArray(record.matchedOn) { $0.writeString($1) }
            writeLead(record.absorbedLead)
            writeArray(record.absorbedSignals) { $0.writeSignal($1) }
        case .mergedInto(let survivor):
            writeTag(RecordTag.Payload.mergedInto)
            writeString(survivor.rawValue)
        case .stageChanged(let change):
            writeTag(RecordTag.Payload.stageChanged)
            writeString(change.from.rawValue)
            writeString(change.to.rawValue)
        case .scored(let card):
            writeTag(RecordTag.Payload.scored)
            writeScoreCard(card)
        case .assigned(let assignment):
            writeTag(RecordTag.Payload.assigned)
            writeOwner(assignment.owner)
            writeString(assignment.router)
        case .touched(let touch):
            writeTag(RecordTag.Payload.touched)
            writeTouch(touch)
        case .slaStarted(let clock):
            writeTag(RecordTag.Payload.slaStarted)
            writeString(clock.id.rawValue)
            writeString(clock.tier)
            writeOptionalOwner(clock.owner)
            writeOptional(clock.warnAt) { $0.writeDate($1) }
            writeDate(clock.deadline)
        case .slaWarned(let clockID):
            writeTag(RecordTag.Payload.slaWarned)
            writeString(clockID.rawValue)
        case .slaMet(let clockID):
            writeTag(RecordTag.Payload.slaMet)
            writeString(clockID.rawValue)
        case .slaBreached(let clockID):
            writeTag(RecordTag.Payload.slaBreached)
            writeString(clockID.rawValue)
        case .slaEscalated(let escalation):
            writeTag(RecordTag.Payload.slaEscalated)
            writeString(escalation.clockID.rawValue)
            writeString(escalation.step)
            writeOptionalOwner(escalation.target)
        case .dispositionRecorded(let disposition):
            writeTag(RecordTag.Payload.dispositionRecorded)
            writeDisposition(disposition)
        case .erased(let erasure):
            writeTag(RecordTag.Payload.erased)
            writeString(erasure.requestedBy)
            writeOptionalString(erasure.reference)
        case .opportunityOpened(let opportunity):
            writeTag(RecordTag.Payload.opportunityOpened)
            writeOpportunity(opportunity)
        case .opportunityUpdated(let update):
            writeTag(RecordTag.Payload.opportunityUpdated)
            writeString(update.id.rawValue)
            writeOptional(update.amount) { $0.writeDouble($1) }
            writeOptionalString(update.dealStage)
            writeOptional(update.expectedCloseDate) { $0.writeDate($1) }
        case .opportunityClosed(let closing):
            writeTag(RecordTag.Payload.opportunityClosed)
            writeString(closing.id.rawValue)
            switch closing.outcome {
            case .won: writeTag(RecordTag.OpportunityOutcome.won)
            case .lost: writeTag(RecordTag.OpportunityOutcome.lost)
            }
            writeOptional(closing.amount) { $0.writeDouble($1) }  // a plain f64 before layout 3
            writeDate(closing.closedAt)
            writeOptionalString(closing.reason)
        case .disputeRaised(let dispute):
            writeTag(RecordTag.Payload.disputeRaised)
            writeDispute(dispute)
        case .disputeResolved(let resolution):
            writeTag(RecordTag.Payload.disputeResolved)
            writeDisputeResolution(resolution)
        case .requalified(let requalification):
            writeTag(RecordTag.Payload.requalified)
            writeRequalification(requalification)
        case .playbookProposed(let proposal):
            writeTag(RecordTag.Payload.playbookProposed)
            writeString(proposal.name)
            writeString(proposal.version)
            writeString(proposal.digest)
            writeArray(proposal.changedSections) { $0.writeString($1) }
        case .playbookSignedOff(let signOff):
            writeTag(RecordTag.Payload.playbookSignedOff)
            writeString(signOff.version)
            writeString(signOff.digest)
            writeString(signOff.owner)
            writeString(signOff.team)
        case .playbookActivated(let activation):
            writeTag(RecordTag.Payload.playbookActivated)
            writeString(activation.version)
            writeString(activation.digest)
            writeOptionalString(activation.previousVersion)
            writeArray(activation.signedBy) { $0.writeString($1) }
        case .turnTaken(let claim):
            writeTag(RecordTag.Payload.turnTaken)
            writeString(claim.lead.rawValue)
            writeString(claim.rep)
            writeOptionalString(claim.pool)
        case .slaPaused(let pause):
            writeTag(RecordTag.Payload.slaPaused)
            writeString(pause.clockID.rawValue)
            writeString(pause.reason)
        case .slaResumed(let resume):
            writeTag(RecordTag.Payload.slaResumed)
            writeString(resume.clockID.rawValue)
            writeDouble(resume.pausedFor)
            writeOptional(resume.warnAt) { $0.writeDate($1) }
            writeDate(resume.deadline)
        case .handoffBlocked(let block):
            writeTag(RecordTag.Payload.handoffBlocked)
            writeHandoffBlock(block)
        case .accountMatchDecided(let decision):
            writeTag(RecordTag.Payload.accountMatchDecided)
            writeAccountMatchDecision(decision)
        }
    }

    /// `string rule, string to, list string missing, optional string playbookVersion` — the
    /// body of a `handoff-blocked` event (also embedded in lead state snapshots).
    mutating func writeHandoffBlock(_ block: HandoffBlock) {
        writeString(block.rule)
        writeString(block.to.rawValue)
        writeArray(block.missing) { $0.writeString($1.rawValue) }
        writeOptionalString(block.playbookVersion)
    }
}
