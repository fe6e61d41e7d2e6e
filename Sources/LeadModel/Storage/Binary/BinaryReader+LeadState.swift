import Foundation

/// Layout version 2 of one lead state in a ``LeadStateSnapshot``, reading side. The writing side
/// is in `BinaryWriter+LeadState.swift`; keep the two in the same field order.
extension BinaryReader {
    /// The fewest bytes one encoded lead state takes: a lead with an empty id, no optional fields
    /// and no external ids or attributes (13), an empty stage (1), an empty stage history (1),
    /// two dates (16), a one-byte version (1), and one byte for each of the 16 remaining lists,
    /// optionals and the erased flag. A snapshot's state count is checked against it.
    static let minimumLeadStateSize = 48

    /// Reads every stored property of a lead state, in declaration order.
    mutating func readLeadState() throws(EventCodecError) -> LeadState {
        let lead = try readLead("state.lead")
        let stage = Stage(rawValue: try readString("state.stage"))
        let stageHistory = try readArray("state.stageHistory") {
            reader throws(EventCodecError) -> LeadState.StageEntry in
            let stage = Stage(rawValue: try reader.readString("state.stageHistory.stage"))
            return LeadState.StageEntry(
                stage: stage, enteredAt: try reader.readDate("state.stageHistory.enteredAt"))
        }
        let createdAt = try readDate("state.createdAt")
        let updatedAt = try readDate("state.updatedAt")
        let versionStart = offset
        let rawVersion = try readVarint("state.version")
        guard rawVersion <= UInt64(Int.max) else {
            throw error(.malformed, "state.version is too large", at: versionStart)
        }
        let lastPosition =
            try readPresence("state.lastPosition")
            ? JournalPosition(try readVarint("state.lastPosition")) : nil
        let signals = try readArray("state.signals") { reader throws(EventCodecError) in
            try reader.readSignal("state.signals")
        }
        let absorbed = try readArray("state.absorbed") { reader throws(EventCodecError) in
            LeadID(rawValue: try reader.readString("state.absorbed"))
        }
        let mergedInto = try readOptionalString("state.mergedInto").map(LeadID.init(rawValue:))
        let score = try readPresence("state.score") ? try readScoreCard() : nil
        let scoredAt = try readOptionalDate("state.scoredAt")
        let owner = try readOptionalOwner("state.owner")
        let assignedAt = try readOptionalDate("state.assignedAt")
        let touches = try readArray("state.touches") { reader throws(EventCodecError) in
            try reader.readStateTouch()
        }
        let firstTouchAt = try readOptionalDate("state.firstTouchAt")
        let lastTouchAt = try readOptionalDate("state.lastTouchAt")
        let openClocks = try readOpenClocks()
        let breachedClocks = try readBreachedClocks()
        let disposition = try readPresence("state.disposition") ? try readStateDisposition() : nil
        let isErased = try readBool("state.isErased")
        let opportunity = try readPresence("state.opportunity") ? try readStateOpportunity() : nil
        return LeadState(
            lead: lead, stage: stage, stageHistory: stageHistory, createdAt: createdAt,
            updatedAt: updatedAt, version: Int(rawVersion), lastPosition: lastPosition,
            signals: signals, absorbed: absorbed, mergedInto: mergedInto, score: score,
            scoredAt: scoredAt, owner: owner, assignedAt: assignedAt, touches: touches,
            firstTouchAt: firstTouchAt, lastTouchAt: lastTouchAt, openClocks: openClocks,
            breachedClocks: breachedClocks, disposition: disposition, isErased: isErased,
            opportunity: opportunity)
    }

    private mutating func readOptionalDate(_ what: @autoclosure () -> String) throws(EventCodecError)
        -> Date?
    {
        try readPresence(what()) ? try readDate(what()) : nil
    }

    private mutating func readStateOpportunity() throws(EventCodecError) -> OpportunityState {
        let opportunity = try readOpportunity("state.opportunity")
        let openedAt = try readDate("state.opportunity.openedAt")
        guard try readPresence("state.opportunity.closing") else {
            return OpportunityState(opportunity: opportunity, openedAt: openedAt)
        }
        let id = OpportunityID(rawValue: try readString("state.opportunity.closing.id"))
        let outcome: OpportunityOutcome =
            switch try readTag("state.opportunity.closing.outcome", as: RecordTag.OpportunityOutcome.self) {
            case .won: .won
            case .lost: .lost
            }
        let amount = try readDouble("state.opportunity.closing.amount")
        let closedAt = try readDate("state.opportunity.closing.closedAt")
        let reason = try readOptionalString("state.opportunity.closing.reason")
        return OpportunityState(
            opportunity: opportunity, openedAt: openedAt,
            closing: OpportunityClosing(id: id, outcome: outcome, amount: amount, closedAt: closedAt, reason: reason))
    }

    private mutating func readStateTouch() throws(EventCodecError) -> Touch {
        let channel = TouchChannel(rawValue: try readString("state.touches.channel"))
        let by = try readString("state.touches.by")
        let connected = try readBool("state.touches.connected")
        let note = try readOptionalString("state.touches.note")
        return Touch(channel: channel, by: by, connected: connected, note: note)
    }

    private mutating func readStateDisposition() throws(EventCodecError) -> Disposition {
        let outcome: Disposition.Outcome =
            switch try readTag("state.disposition.outcome", as: RecordTag.Outcome.self) {
            case .accepted: .accepted
            case .rejected: .rejected
            case .recycled: .recycled
            }
        let reasonCode = try readOptionalString("state.disposition.reasonCode")
        let note = try readOptionalString("state.disposition.note")
        return Disposition(outcome: outcome, reasonCode: reasonCode, note: note)
    }

    private mutating func readStateClock() throws(EventCodecError) -> SLAClock {
        let id = SLAClockID(rawValue: try readString("state.openClocks.id"))
        let tier = try readString("state.openClocks.tier")
        let owner = try readOptionalOwner("state.openClocks.owner")
        let warnAt = try readOptionalDate("state.openClocks.warnAt")
        let deadline = try readDate("state.openClocks.deadline")
        return SLAClock(id: id, tier: tier, owner: owner, warnAt: warnAt, deadline: deadline)
    }

    /// Reads the open clocks, each keyed by its own id; a repeated id is malformed.
    private mutating func readOpenClocks() throws(EventCodecError) -> [SLAClockID: SLAClock] {
        // A clock takes at least 12 bytes: two empty strings, an absent owner and warnAt, a date.
        let count = try readCount("state.openClocks", minimumElementSize: 12)
        if count == 0 { return [:] }
        var clocks = [SLAClockID: SLAClock](
            minimumCapacity: Swift.min(count, Self.maximumReservation))
        for _ in 0..<count {
            let start = offset
            let clock = try readStateClock()
            if clocks.updateValue(clock, forKey: clock.id) != nil {
                throw error(.malformed, "state.openClocks repeats a clock id", at: start)
            }
        }
        return clocks
    }

    /// Reads the breached clock ids; a repeated id is malformed.
    private mutating func readBreachedClocks() throws(EventCodecError) -> Set<SLAClockID> {
        let count = try readCount("state.breachedClocks")
        if count == 0 { return [] }
        var ids = Set<SLAClockID>(minimumCapacity: Swift.min(count, Self.maximumReservation))
        for _ in 0..<count {
            let start = offset
            let id = SLAClockID(rawValue: try readString("state.breachedClocks"))
            guard ids.insert(id).inserted else {
                throw error(.malformed, "state.breachedClocks repeats a clock id", at: start)
            }
        }
        return ids
    }
}
