import LeadModel

/// The layout of a ``LeadModel/LeadEvent`` record (versions 1 and 2), reading side. The writing side is in
/// `BinaryWriter+LeadEvent.swift`; keep the two in the same field order.
extension BinaryReader {
    /// Reads an event's fields and payload (everything after the layout version byte). The
    /// position is left `nil`.
    mutating func readEvent() throws(EventCodecError) -> LeadEvent {
        let leadID = LeadID(rawValue: try readString("leadID"))
        let occurredAt = try readDate("occurredAt")
        let actor = try readActor()
        let playbookVersion = try readOptionalString("playbookVersion")
        let idempotencyKey = try readOptionalString("idempotencyKey")
        let reasons = try readArray("reasons") { reader throws(EventCodecError) in
            Reason(
                rule: try reader.readString("reason.rule"), detail: try reader.readString("reason.detail"))
        }
        let payload = try readPayload(idempotencyKey: idempotencyKey)
        return LeadEvent(
            leadID: leadID, occurredAt: occurredAt, actor: actor, payload: payload, reasons: reasons,
            idempotencyKey: idempotencyKey, playbookVersion: playbookVersion)
    }

    /// Reads a one-byte tag of the union `Tag`.
    mutating func readTag<Tag: RawRepresentable<UInt8>>(
        _ what: @autoclosure () -> String, as: Tag.Type
    )
        throws(EventCodecError) -> Tag
    {
        let start = offset
        let byte = try readByte(what())
        guard let tag = Tag(rawValue: byte) else {
            throw error(.unknownTag, "\(what()) has unknown tag \(byte)", at: start)
        }
        return tag
    }

    mutating func readActor() throws(EventCodecError) -> EventActor {
        switch try readTag("actor", as: RecordTag.Actor.self) {
        case .system: return .system
        case .person: return .person(try readString("actor.person"))
        case .integration: return .integration(try readString("actor.integration"))
        }
    }

    mutating func readOwner(_ what: @autoclosure () -> String) throws(EventCodecError) -> Owner {
        switch try readTag(what(), as: RecordTag.Owner.self) {
        case .rep: return .rep(try readSharedString(what()))
        case .queue: return .queue(try readSharedString(what()))
        }
    }

    mutating func readOptionalOwner(_ what: @autoclosure () -> String) throws(EventCodecError)
        -> Owner?
    {
        try readPresence(what()) ? try readOwner(what()) : nil
    }

    mutating func readAttribute(_ what: @autoclosure () -> String) throws(EventCodecError)
        -> AttributeValue
    {
        switch try readTag(what(), as: RecordTag.Attribute.self) {
        case .string: return .string(try readSharedString(what()))
        case .number: return .number(try readDouble(what()))
        case .bool: return .bool(try readBool(what()))
        case .date: return .date(try readDate(what()))
        case .list:
            return .list(
                try readArray(what()) { reader throws(EventCodecError) in try reader.readSharedString(what()) })
        }
    }

    package mutating func readAttributes(_ what: @autoclosure () -> String) throws(EventCodecError)
        -> [String: AttributeValue]
    {
        try readDictionary(what()) { reader throws(EventCodecError) in try reader.readAttribute(what())
        }
    }

    mutating func readLead(_ what: String) throws(EventCodecError) -> Lead {
        let id = LeadID(rawValue: try readString("\(what).id"))
        let email = try readOptionalString("\(what).email")
        let phone = try readOptionalString("\(what).phone")
        let firstName = try readOptionalString("\(what).firstName")
        let lastName = try readOptionalString("\(what).lastName")
        let title = try readOptionalSharedString("\(what).title")
        let company = try readOptionalSharedString("\(what).company")
        let accountID = try readOptionalSharedString("\(what).accountID").map(AccountID.init(rawValue:))
        let source = try readOptionalSharedString("\(what).source")
        let campaign = try readOptionalSharedString("\(what).campaign")
        let messageAngle = try readOptionalSharedString("\(what).messageAngle")
        let externalIDs = try readArray("\(what).externalIDs") { reader throws(EventCodecError) in
            ExternalID(
                system: try reader.readSharedString("\(what).externalIDs.system"),
                value: try reader.readString("\(what).externalIDs.value"))
        }
        let attributes = try readAttributes("\(what).attributes")
        return Lead(
            id: id, email: email, phone: phone, firstName: firstName, lastName: lastName, title: title,
            company: company, accountID: accountID, source: source, campaign: campaign,
            messageAngle: messageAngle, externalIDs: externalIDs, attributes: attributes)
    }

    /// Reads a signal; `eventKey` is the idempotency key of the event carrying it, which its own
    /// key usually repeats.
    mutating func readSignal(_ what: @autoclosure () -> String, eventKey: String? = nil) throws(EventCodecError)
        -> Signal
    {
        let kind = SignalKind(rawValue: try readSharedString("\(what()).kind"))
        let occurredAt = try readDate("\(what()).occurredAt")
        let source = try readOptionalSharedString("\(what()).source")
        let campaign = try readOptionalSharedString("\(what()).campaign")
        let properties = try readAttributes("\(what()).properties")
        let idempotencyKey = try readOptionalString("\(what()).idempotencyKey", likely: eventKey)
        return Signal(
            kind: kind, occurredAt: occurredAt, source: source, campaign: campaign,
            properties: properties, idempotencyKey: idempotencyKey)
    }

    mutating func readFieldChanges() throws(EventCodecError) -> FieldChanges {
        let count = try readCount("fieldsChanged", minimumElementSize: 2)
        var values = [LeadField: AttributeValue?](
            minimumCapacity: Swift.min(count, Self.maximumReservation))
        for _ in 0..<count {
            let start = offset
            // The stored name is already normalised; set it as is, so that decoding gives back
            // exactly the field that was encoded.
            var field = LeadField(rawValue: "")
            field.rawValue = try readString("fieldsChanged.field")
            let value: AttributeValue? =
                try readPresence("fieldsChanged.value") ? try readAttribute("fieldsChanged.value") : nil
            if values.updateValue(value, forKey: field) != nil {
                throw error(.malformed, "fieldsChanged repeats a field", at: start)
            }
        }
        return FieldChanges(values)
    }

    mutating func readScoreCard() throws(EventCodecError) -> ScoreCard {
        let scorer = try readSharedString("scored.scorer")
        let fit = try readDouble("scored.fit")
        let engagement = try readDouble("scored.engagement")
        let total = try readDouble("scored.total")
        let grade = try readOptionalSharedString("scored.grade")
        let contributions = try readArray("scored.contributions") {
            reader throws(EventCodecError) -> ScoreCard.Contribution in
            let rule = try reader.readSharedString("scored.contribution.rule")
            let axis: ScoreCard.Axis =
                switch try reader.readTag("scored.contribution.axis", as: RecordTag.Axis.self) {
                case .fit: .fit
                case .engagement: .engagement
                }
            return ScoreCard.Contribution(
                rule: rule, axis: axis, points: try reader.readDouble("scored.contribution.points"),
                evidence: try reader.readSharedString("scored.contribution.evidence"))
        }
        let playbookVersion = layoutVersion >= 2 ? try readOptionalSharedString("scored.playbookVersion") : nil
        return ScoreCard(
            scorer: scorer, fit: fit, engagement: engagement, total: total, grade: grade,
            contributions: contributions, playbookVersion: playbookVersion)
    }

    /// Reads the body of an `opportunity-opened` event (also embedded in lead state snapshots).
    mutating func readOpportunity(_ what: String) throws(EventCodecError) -> Opportunity {
        let id = OpportunityID(rawValue: try readString("\(what).id"))
        let amount = try readAmount("\(what).amount")
        let currency = try readString("\(what).currency")
        let product = try readOptionalString("\(what).product")
        let expectedCloseDate =
            try readPresence("\(what).expectedCloseDate") ? try readDate("\(what).expectedCloseDate") : nil
        let owner = try readOptionalOwner("\(what).owner")
        let dealStage = try readOptionalString("\(what).dealStage")
        let openedAt = try readPresence("\(what).openedAt") ? try readDate("\(what).openedAt") : nil
        let accountName = layoutVersion >= 3 ? try readOptionalString("\(what).accountName") : nil
        return Opportunity(
            id: id, amount: amount, currency: currency, product: product, expectedCloseDate: expectedCloseDate,
            owner: owner, dealStage: dealStage, openedAt: openedAt, accountName: accountName)
    }

    /// A deal amount: optional since layout 3, always present before.
    mutating func readAmount(_ what: @autoclosure () -> String) throws(EventCodecError) -> Double? {
        guard layoutVersion >= 3 else { return try readDouble(what()) }
        return try readPresence(what()) ? try readDouble(what()) : nil
    }

    /// Reads an event's payload; `idempotencyKey` is the event's, which a signal's usually repeats.
    mutating func readPayload(idempotencyKey: String?) throws(EventCodecError) -> LeadEvent.Payload {
        let tagStart = offset
        let tag = try readTag("payload", as: RecordTag.Payload.self)
        if layoutVersion < tag.introducedInLayout {
            throw error(
                .unknownTag,
                "payload tag \(tag.rawValue) exists since layout version \(tag.introducedInLayout), not in a "
                    + "version-\(layoutVersion) record",
                at: tagStart)
        }
        switch tag {
        case .captured:
            let lead = try readLead("captured.lead")
            return .captured(lead, stage: Stage(rawValue: try readString("captured.stage")))
        case .signalRecorded:
            return .signalRecorded(try readSignal("signal", eventKey: idempotencyKey))
        case .fieldsChanged:
            return .fieldsChanged(try readFieldChanges())
        case .merged:
            let absorbed = LeadID(rawValue: try readString("merged.absorbed"))
            let matchedOn = try readArray("merged.matchedOn") { reader throws(EventCodecError) in
                try reader.readString("merged.matchedOn")
            }
            let absorbedLead = try readLead("merged.absorbedLead")
            let absorbedSignals = try readArray("merged.absorbedSignals") {
                reader throws(EventCodecError) in
                try reader.readSignal("merged.absorbedSignals")
            }
            return .merged(
                MergeRecord(
                    absorbed: absorbed, matchedOn: matchedOn, absorbedLead: absorbedLead,
                    absorbedSignals: absorbedSignals))
        case .mergedInto:
            return .mergedInto(LeadID(rawValue: try readString("mergedInto")))
        case .stageChanged:
            let from = Stage(rawValue: try readString("stageChanged.from"))
            return .stageChanged(
                StageChange(from: from, to: Stage(rawValue: try readString("stageChanged.to"))))
        case .scored:
            return .scored(try readScoreCard())
        case .assigned:
            let owner = try readOwner("assigned.owner")
            return .assigned(Assignment(owner: owner, router: try readString("assigned.router")))
        case .touched:
            return .touched(try readTouch("touched"))
        case .slaStarted:
            let id = SLAClockID(rawValue: try readString("slaStarted.id"))
            let tier = try readString("slaStarted.tier")
            let owner = try readOptionalOwner("slaStarted.owner")
            let warnAt = try readPresence("slaStarted.warnAt") ? try readDate("slaStarted.warnAt") : nil
            let deadline = try readDate("slaStarted.deadline")
            return .slaStarted(
                SLAClock(id: id, tier: tier, owner: owner, warnAt: warnAt, deadline: deadline))
        case .slaWarned:
            return .slaWarned(SLAClockID(rawValue: try readString("slaWarned")))
        case .slaMet:
            return .slaMet(SLAClockID(rawValue: try readString("slaMet")))
        case .slaBreached:
            return .slaBreached(SLAClockID(rawValue: try readString("slaBreached")))
        case .slaEscalated:
            let clockID = SLAClockID(rawValue: try readString("slaEscalated.clockID"))
            let step = try readString("slaEscalated.step")
            let target = try readOptionalOwner("slaEscalated.target")
            return .slaEscalated(SLAEscalation(clockID: clockID, step: step, target: target))
        case .dispositionRecorded:
            return .dispositionRecorded(try readDisposition("disposition"))
        case .erased:
            let requestedBy = try readString("erased.requestedBy")
            let reference = try readOptionalString("erased.reference")
            return .erased(Erasure(requestedBy: requestedBy, reference: reference))
        case .opportunityOpened:
            return .opportunityOpened(try readOpportunity("opportunityOpened"))
        case .opportunityUpdated:
            let id = OpportunityID(rawValue: try readString("opportunityUpdated.id"))
            let amount =
                try readPresence("opportunityUpdated.amount") ? try readDouble("opportunityUpdated.amount") : nil
            let dealStage = try readOptionalString("opportunityUpdated.dealStage")
            let expectedCloseDate =
                try readPresence("opportunityUpdated.expectedCloseDate")
                ? try readDate("opportunityUpdated.expectedCloseDate") : nil
            return .opportunityUpdated(
                OpportunityUpdate(id: id, amount: amount, dealStage: dealStage, expectedCloseDate: expectedCloseDate))
        case .opportunityClosed:
            let id = OpportunityID(rawValue: try readString("opportunityClosed.id"))
            let outcome: OpportunityOutcome =
                switch try readTag("opportunityClosed.outcome", as: RecordTag.OpportunityOutcome.self) {
                case .won: .won
                case .lost: .lost
                }
            let amount = try readAmount("opportunityClosed.amount")
            let closedAt = try readDate("opportunityClosed.closedAt")
            let reason = try readOptionalString("opportunityClosed.reason")
            return .opportunityClosed(
                OpportunityClosing(id: id, outcome: outcome, amount: amount, closedAt: closedAt, reason: reason))
        case .disputeRaised:
            return .disputeRaised(try readDispute())
        case .disputeResolved:
            return .disputeResolved(try readDisputeResolution())
        case .requalified:
            return .requalified(try readRequalification())
        case .playbookProposed:
            return .playbookProposed(
                PlaybookProposal(
                    name: try readString("proposal.name"), version: try readString("proposal.version"),
                    digest: try readString("proposal.digest"),
                    changedSections: try readArray("proposal.changedSections") { reader throws(EventCodecError) in
                        try reader.readString("proposal.changedSections")
                    }))
        case .playbookSignedOff:
            return .playbookSignedOff(
                PlaybookSignOff(
                    version: try readString("signOff.version"), digest: try readString("signOff.digest"),
                    owner: try readString("signOff.owner"), team: try readString("signOff.team")))
        case .playbookActivated:
            return .playbookActivated(
                PlaybookActivation(
                    version: try readString("activation.version"), digest: try readString("activation.digest"),
                    previousVersion: try readOptionalString("activation.previousVersion"),
                    signedBy: try readArray("activation.signedBy") { reader throws(EventCodecError) in
                        try reader.readString("activation.signedBy")
                    }))
        case .turnTaken:
            let lead = LeadID(rawValue: try readString("turnTaken.lead"))
            let rep = try readString("turnTaken.rep")
            let pool = try readOptionalString("turnTaken.pool")
            return .turnTaken(TurnClaim(lead: lead, rep: rep, pool: pool))
        case .slaPaused:
            let clockID = SLAClockID(rawValue: try readString("slaPaused.clockID"))
            return .slaPaused(SLAPause(clockID: clockID, reason: try readString("slaPaused.reason")))
        case .slaResumed:
            let clockID = SLAClockID(rawValue: try readString("slaResumed.clockID"))
            let pausedFor = try readDouble("slaResumed.pausedFor")
            let warnAt = try readPresence("slaResumed.warnAt") ? try readDate("slaResumed.warnAt") : nil
            let deadline = try readDate("slaResumed.deadline")
            return .slaResumed(SLAResume(clockID: clockID, pausedFor: pausedFor, warnAt: warnAt, deadline: deadline))
        case .handoffBlocked:
            return .handoffBlocked(try readHandoffBlock("handoffBlocked"))
        case .accountMatchDecided:
            return .accountMatchDecided(try readAccountMatchDecision("accountMatchDecided"))
        }
    }

    /// Reads the body of a `handoff-blocked` event (also embedded in lead state snapshots).
    mutating func readHandoffBlock(_ what: String) throws(EventCodecError) -> HandoffBlock {
        let rule = try readString("\(what).rule")
        let to = Stage(rawValue: try readString("\(what).to"))
        let missing = try readArray("\(what).missing") { reader throws(EventCodecError) in
            LeadField(rawValue: try reader.readString("\(what).missing"))
        }
        return HandoffBlock(
            rule: rule, to: to, missing: missing, playbookVersion: try readOptionalString("\(what).playbookVersion"))
    }
}
