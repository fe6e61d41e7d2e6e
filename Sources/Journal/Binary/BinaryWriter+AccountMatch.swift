import Foundation
import LeadModel

/// The body of an `account-match-decided` event (layout version 5), writing side; the reading
/// side is in `BinaryReader+AccountMatch.swift`. Keep the two in the same field order.
extension BinaryWriter {
    /// `tag verdict, optional string account, optional string assigned, list candidate
    /// candidates, string summary`.
    mutating func writeAccountMatchDecision(_ decision: AccountMatchDecision) {
        writeTag(RecordTag.AccountVerdict(decision.verdict))
        writeOptionalString(decision.account?.rawValue)
        writeOptionalString(decision.assigned?.rawValue)
        writeArray(decision.candidates) { $0.writeAccountCandidate($1) }
        writeString(decision.summary)
    }

    /// `string account, optional string name, optional string parent, f64 confidence, list
    /// (shared string kind, f64 weight, string detail) evidence, varint contactCount, bool
    /// hasOpenOpportunity, optional date createdAt`.
    private mutating func writeAccountCandidate(_ candidate: AccountCandidate) {
        writeString(candidate.account.rawValue)
        writeOptionalString(candidate.name)
        writeOptionalString(candidate.parent?.rawValue)
        writeDouble(candidate.confidence)
        writeArray(candidate.evidence) { writer, evidence in
            writer.writeSharedString(evidence.kind.rawValue)
            writer.writeDouble(evidence.weight)
            writer.writeString(evidence.detail)
        }
        writeVarint(UInt64(max(0, candidate.standing.contactCount)))
        writeBool(candidate.standing.hasOpenOpportunity)
        writeOptional(candidate.standing.createdAt) { $0.writeDate($1) }
    }
}
