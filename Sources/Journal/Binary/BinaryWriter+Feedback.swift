import LeadModel

/// The feedback bodies of the record layout, writing side: dispositions and touches (shared by
/// events and lead state snapshots), disputes and re-qualifications. The reading side is in
/// `BinaryReader+Feedback.swift`; keep the two in the same field order, and both in step with
/// `Documentation/RecordLayout.md`.
extension BinaryWriter {
    /// `tag outcome, optional string reasonCode, optional string note`, then (since layout 2)
    /// `optional string meetingQuality, optional string messageMatch, optional string nextAction,
    /// list string objections, optional string buyerSaid, list string failedRules,
    /// optional RequalifyTrigger requalify`.
    mutating func writeDisposition(_ disposition: Disposition) {
        switch disposition.outcome {
        case .accepted: writeTag(RecordTag.Outcome.accepted)
        case .rejected: writeTag(RecordTag.Outcome.rejected)
        case .recycled: writeTag(RecordTag.Outcome.recycled)
        }
        writeOptionalString(disposition.reasonCode)
        writeOptionalString(disposition.note)
        writeOptionalString(disposition.meetingQuality?.rawValue)
        writeOptionalString(disposition.messageMatch?.rawValue)
        writeOptionalString(disposition.nextAction?.rawValue)
        writeArray(disposition.objections) { $0.writeString($1) }
        writeOptionalString(disposition.buyerSaid)
        writeArray(disposition.failedRules) { $0.writeString($1) }
        writeOptional(disposition.requalify) { writer, trigger in
            writer.writeArray(trigger.signalKinds) { $0.writeString($1.rawValue) }
            writer.writeOptional(trigger.scoreAtLeast) { $0.writeDouble($1) }
            writer.writeOptional(trigger.on) { $0.writeDate($1) }
        }
    }

    /// `string channel, string by, bool connected, optional string note`, then (since layout 2)
    /// `list string objections, optional string buyerSaid`.
    mutating func writeTouch(_ touch: Touch) {
        writeString(touch.channel.rawValue)
        writeString(touch.by)
        writeBool(touch.connected)
        writeOptionalString(touch.note)
        writeArray(touch.objections) { $0.writeString($1) }
        writeOptionalString(touch.buyerSaid)
    }

    /// `string raisedBy, string reason`.
    mutating func writeDispute(_ dispute: Dispute) {
        writeString(dispute.raisedBy)
        writeString(dispute.reason)
    }

    /// `string verdict, string by, optional string note`.
    mutating func writeDisputeResolution(_ resolution: DisputeResolution) {
        writeString(resolution.verdict.rawValue)
        writeString(resolution.by)
        writeOptionalString(resolution.note)
    }

    /// `string trigger, string detail, varint recycles`.
    mutating func writeRequalification(_ requalification: Requalification) {
        writeString(requalification.trigger)
        writeString(requalification.detail)
        writeVarint(UInt64(truncatingIfNeeded: max(0, requalification.recycles)))
    }
}
