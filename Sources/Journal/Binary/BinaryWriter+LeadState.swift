import LeadModel

/// Layout versions 1 to 5 of one lead state in a ``LeadStateSnapshot``, writing side. The reading side
/// is in `BinaryReader+LeadState.swift`; keep the two in the same field order, and both in step
/// with `Documentation/RecordLayout.md` ("Lead state snapshots").
extension BinaryWriter {
    /// Writes every stored property of `state`, in declaration order.
    ///
    /// Unordered collections are written sorted, so equal states encode to equal bytes: open
    /// clocks by id (the map key is not written, the fold keys each clock by its own id) and
    /// breached clock ids by their UTF-8 bytes.
    mutating func writeLeadState(_ state: LeadState) {
        writeLead(state.lead)
        writeSharedString(state.stage.rawValue)
        writeArray(state.stageHistory) { writer, entry in
            writer.writeSharedString(entry.stage.rawValue)
            writer.writeDate(entry.enteredAt)
        }
        writeDate(state.createdAt)
        writeDate(state.updatedAt)
        // A count, never negative from the fold; a negative one would read back as too large and
        // fail to decode rather than trap here.
        writeVarint(UInt64(truncatingIfNeeded: state.version))
        writeOptional(state.lastPosition) { $0.writeVarint($1.rawValue) }
        writeArray(state.signals) { $0.writeSignal($1) }
        writeArray(state.absorbed) { $0.writeString($1.rawValue) }
        writeOptionalString(state.mergedInto?.rawValue)
        writeOptional(state.score) { $0.writeScoreCard($1) }
        writeOptional(state.scoredAt) { $0.writeDate($1) }
        writeOptionalOwner(state.owner)
        writeOptional(state.assignedAt) { $0.writeDate($1) }
        writeArray(state.touches) { $0.writeTouch($1) }
        writeOptional(state.firstTouchAt) { $0.writeDate($1) }
        writeOptional(state.lastTouchAt) { $0.writeDate($1) }
        writeOpenClocks(state.openClocks)
        writeBreachedClocks(state.breachedClocks)
        writeOptional(state.disposition) { $0.writeDisposition($1) }
        writeBool(state.isErased)
        writeFeedbackStatus(state.feedback)
        writeOptional(state.opportunity) { writer, deal in
            writer.writeOpportunity(deal.opportunity)
            writer.writeDate(deal.openedAt)
            writer.writeOptional(deal.closing) { $0.writeStateClosing($1) }
        }
        writeOptional(state.handoffBlock) { writer, block in
            writer.writeHandoffBlock(block)
            writer.writeDate(state.handoffBlockedAt ?? state.updatedAt)
        }
        writeOptional(state.accountReview) { $0.writeAccountMatchDecision($1) }
        writeOptional(state.accountMatch) { $0.writeAccountMatchDecision($1) }
        writeArray(state.accountVerdicts.sorted { $0.key < $1.key }) { writer, entry in
            writer.writeString(entry.key.rawValue)
            writer.writeTag(RecordTag.AccountVerdict(entry.value))
        }
    }

    /// `string id, tag outcome, optional f64 amount (a plain f64 before format 3), date
    /// closedAt, optional string reason` — the body of an `opportunity-closed` event.
    private mutating func writeStateClosing(_ closing: OpportunityClosing) {
        writeString(closing.id.rawValue)
        switch closing.outcome {
        case .won: writeTag(RecordTag.OpportunityOutcome.won)
        case .lost: writeTag(RecordTag.OpportunityOutcome.lost)
        }
        writeOptional(closing.amount) { $0.writeDouble($1) }
        writeDate(closing.closedAt)
        writeOptionalString(closing.reason)
    }

    /// `varint recycles, varint requalifications, optional (string state, string raisedBy,
    /// string reason, date raisedAt, optional string resolvedBy) dispute` (since snapshot format 2).
    private mutating func writeFeedbackStatus(_ status: FeedbackStatus) {
        writeVarint(UInt64(truncatingIfNeeded: max(0, status.recycles)))
        writeVarint(UInt64(truncatingIfNeeded: max(0, status.requalifications)))
        writeOptional(status.dispute) { writer, dispute in
            writer.writeString(dispute.state.rawValue)
            writer.writeString(dispute.raisedBy)
            writer.writeString(dispute.reason)
            writer.writeDate(dispute.raisedAt)
            writer.writeOptionalString(dispute.resolvedBy)
        }
    }

    /// `string id, string tier, optional Owner owner, optional date warnAt, date deadline` — the
    /// body of an `sla-started` event.
    private mutating func writeStateClock(_ clock: SLAClock) {
        writeString(clock.id.rawValue)
        writeString(clock.tier)
        writeOptionalOwner(clock.owner)
        writeOptional(clock.warnAt) { $0.writeDate($1) }
        writeDate(clock.deadline)
    }

    /// A list of the open clocks sorted by their ids' UTF-8 bytes.
    private mutating func writeOpenClocks(_ clocks: [SLAClockID: SLAClock]) {
        writeCount(clocks.count)
        if clocks.count == 1, let clock = clocks.first?.value {
            writeStateClock(clock)
            return
        }
        let sorted = clocks.values.sorted {
            $0.id.rawValue.utf8.lexicographicallyPrecedes($1.id.rawValue.utf8)
        }
        for clock in sorted {
            writeStateClock(clock)
        }
    }

    /// A list of the breached clock ids sorted by their UTF-8 bytes.
    private mutating func writeBreachedClocks(_ ids: Set<SLAClockID>) {
        writeCount(ids.count)
        if ids.count == 1, let id = ids.first {
            writeString(id.rawValue)
            return
        }
        for id in ids.sorted(by: { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }) {
            writeString(id.rawValue)
        }
    }
}
