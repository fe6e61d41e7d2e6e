import Foundation
import LeadModel

/// The body of an `account-match-decided` event (layout version 5), reading side; the writing
/// side is in `BinaryWriter+AccountMatch.swift`.
extension BinaryReader {
    /// Reads the body of an `account-match-decided` event (also embedded in lead state
    /// snapshots, as the review in force).
    mutating func readAccountMatchDecision(_ what: String) throws(EventCodecError) -> AccountMatchDecision {
        let verdict = try readTag("\(what).verdict", as: RecordTag.AccountVerdict.self)
        let account = try readOptionalString("\(what).account").map(AccountID.init(rawValue:))
        let assigned = try readOptionalString("\(what).assigned").map(AccountID.init(rawValue:))
        let candidates = try readArray("\(what).candidates") { reader throws(EventCodecError) in
            try reader.readAccountCandidate("\(what).candidates")
        }
        return AccountMatchDecision(
            verdict: verdict.verdict, account: account, assigned: assigned, candidates: candidates,
            summary: try readString("\(what).summary"))
    }

    private mutating func readAccountCandidate(_ what: String) throws(EventCodecError) -> AccountCandidate {
        let account = AccountID(rawValue: try readString("\(what).account"))
        let name = try readOptionalString("\(what).name")
        let parent = try readOptionalString("\(what).parent").map(AccountID.init(rawValue:))
        let confidence = try readDouble("\(what).confidence")
        let evidence = try readArray("\(what).evidence") { reader throws(EventCodecError) in
            MatchEvidence(
                kind: MatchEvidence.Kind(rawValue: try reader.readSharedString("\(what).evidence.kind")),
                weight: try reader.readDouble("\(what).evidence.weight"),
                detail: try reader.readString("\(what).evidence.detail"))
        }
        let countStart = offset
        let contactCount = try readVarint("\(what).standing.contactCount")
        guard contactCount <= UInt64(Int.max) else {
            throw error(.malformed, "\(what).standing.contactCount is too large", at: countStart)
        }
        let hasOpenOpportunity = try readBool("\(what).standing.hasOpenOpportunity")
        let createdAt =
            try readPresence("\(what).standing.createdAt") ? try readDate("\(what).standing.createdAt") : nil
        return AccountCandidate(
            account: account, name: name, parent: parent, confidence: confidence, evidence: evidence,
            standing: AccountStanding(
                contactCount: Int(contactCount), hasOpenOpportunity: hasOpenOpportunity, createdAt: createdAt))
    }
}
