import Foundation
import LeadModel

/// Layout versions 1 to 5 of one lead state in a ``LeadStateSnapshot``, reading side. The writing side
/// is in `BinaryWriter+LeadState.swift`; keep the two in the same field order.
extension BinaryReader {
    /// The fewest bytes one encoded lead state takes: a lead with an empty id, no optional fields
    /// and no external ids or attributes (13), an empty stage (1), an empty stage history (1),
    /// two dates (16), a one-byte version (1), and one byte for each of the 15 remaining lists,
    /// optionals and the erased flag. That is layout 1; later layouts only add to it (the
    /// feedback status and deal of layout 2, 4 bytes; the handoff block of layout 4, 1; the
    /// account review and verdicts of layout 5, 2), so it holds for every format. A snapshot's
    /// state count is checked against it.
    static let minimumLeadStateSize = 47

    /// Reads every stored property of a lead state, in declaration order.
    mutating func readLeadState() throws(EventCodecError) -> LeadState {
        let lead = try readLead("state.lead")
        let stage = Stage(rawValue: try readSharedString("state.stage"))
        let stageHistory = try readArray("state.stageHistory") {
            reader throws(EventCodecError) -> LeadState.StageEntry in
            let stage = Stage(rawValue: try reader.readSharedString("state.stageHistory.stage"))
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
            try reader.readTouch("state.touches")
        }
        let firstTouchAt = try readOptionalDate("state.firstTouchAt")
        let lastTouchAt = try readOptionalDate("state.lastTouchAt")
        let openClocks = try readOpenClocks()
        let breachedClocks = try readBreachedClocks()
        let disposition = try readPresence("state.disposition") ? try readDisposition("state.disposition") : nil
        let isErased = try readBool("state.isErased")
        let feedback = layoutVersion >= 2 ? try readFeedbackStatus() : FeedbackStatus()
        var opportunity: OpportunityState?
        if layoutVersion >= 2, try readPresence("state.opportunity") { opportunity = try readStateOpportunity() }
        var handoffBlock: (block: HandoffBlock, at: Date)?
        if layoutVersion >= 4, try readPresence("state.handoffBlock") {
            handoffBlock = (try readHandoffBlock("state.handoffBlock"), try readDate("state.handoffBlockedAt"))
        }
        var accountReview: AccountMatchDecision?
        var accountMatch: AccountMatchDecision?
        var accountVerdicts: [AccountID: AccountMatchDecision.Verdict] = [:]
        if layoutVersion >= 5 {
            if try readPresence("state.accountReview") {
                accountReview = try readAccountMatchDecision("state.accountReview")
            }
            if try readPresence("state.accountMatch") {
                accountMatch = try readAccountMatchDecision("state.accountMatch")
            }
            accountVerdicts = try readAccountVerdicts()
        }
        return LeadState(
            lead: lead, stage: stage, stageHistory: stageHistory, createdAt: createdAt,
            updatedAt: updatedAt, version: Int(rawVersion), lastPosition: lastPosition,
            signals: signals, absorbed: absorbed, mergedInto: mergedInto, score: score,
            scoredAt: scoredAt, owner: owner, assignedAt: assignedAt, touches: touches,
            firstTouchAt: firstTouchAt, lastTouchAt: lastTouchAt, openClocks: openClocks,
            breachedClocks: breachedClocks, disposition: disposition, isErased: isErased,
            feedback: feedback, opportunity: opportunity, handoffBlock: handoffBlock?.block,
            handoffBlockedAt: handoffBlock?.at, accountReview: accountReview,
            accountMatch: accountMatch, accountVerdicts: accountVerdicts)
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
        let amount = try readAmount("state.opportunity.closing.amount")
        let closedAt = try readDate("state.opportunity.closing.closedAt")
        let reason = try readOptionalString("state.opportunity.closing.reason")
        return OpportunityState(
            opportunity: opportunity, openedAt: openedAt,
            closing: OpportunityClosing(id: id, outcome: outcome, amount: amount, closedAt: closedAt, reason: reason))
    }

    private mutating func readFeedbackStatus() throws(EventCodecError) -> FeedbackStatus {
        let recycles = try readSmallCount("state.feedback.recycles")
        let requalifications = try readSmallCount("state.feedback.requalifications")
        var status = FeedbackStatus(recycles: recycles, requalifications: requalifications)
        if try readPresence("state.feedback.dispute") {
            let start = offset
            let raw = try readString("state.feedback.dispute.state")
            guard let state = FeedbackStatus.DisputeState(rawValue: raw) else {
                throw error(.malformed, "state.feedback.dispute.state '\(raw)' is not a known value", at: start)
            }
            let raisedBy = try readString("state.feedback.dispute.raisedBy")
            let reason = try readString("state.feedback.dispute.reason")
            let raisedAt = try readDate("state.feedback.dispute.raisedAt")
            let resolvedBy = try readOptionalString("state.feedback.dispute.resolvedBy")
            status.dispute = FeedbackStatus.DisputeRecord(
                state: state, raisedBy: raisedBy, reason: reason, raisedAt: raisedAt, resolvedBy: resolvedBy)
        }
        return status
    }

    private mutating func readSmallCount(_ what: String) throws(EventCodecError) -> Int {
        let start = offset
        let value = try readVarint(what)
        guard value <= UInt64(Int32.max) else { throw error(.malformed, "\(what) is too large", at: start) }
        return Int(value)
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

    /// Reads the reviewers' verdicts, each keyed by its account; a repeated account is malformed
    /// (the writer never repeats one, and keeping either would make two byte strings one state).
    private mutating func readAccountVerdicts() throws(EventCodecError)
        -> [AccountID: AccountMatchDecision.Verdict]
    {
        // A verdict takes at least 2 bytes: an empty account id and a tag.
        let count = try readCount("state.accountVerdicts", minimumElementSize: 2)
        if count == 0 { return [:] }
        var verdicts = [AccountID: AccountMatchDecision.Verdict](
            minimumCapacity: Swift.min(count, Self.maximumReservation))
        for _ in 0..<count {
            let start = offset
            let account = AccountID(rawValue: try readString("state.accountVerdicts.account"))
            let verdict = try readTag("state.accountVerdicts.verdict", as: RecordTag.AccountVerdict.self)
            if verdicts.updateValue(verdict.verdict, forKey: account) != nil {
                throw error(.malformed, "state.accountVerdicts repeats an account", at: start)
            }
        }
        return verdicts
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
