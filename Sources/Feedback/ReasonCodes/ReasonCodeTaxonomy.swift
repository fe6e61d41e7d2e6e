public import LeadModel

/// The approved reason codes of a playbook, and the check every disposition passes.
///
/// Sales may reject or recycle a lead only with an approved code; an unknown or misplaced code
/// fails with the list of codes that are allowed.
public struct ReasonCodeTaxonomy: Hashable, Sendable, Codable {
    public var codes: [ReasonCode]

    public init(_ codes: [ReasonCode]) { self.codes = codes }

    /// The codes from the domain's standard agreement.
    public static let standard = ReasonCodeTaxonomy([
        ReasonCode(code: "wrong-persona", label: "Wrong persona", allowedFor: [.rejected]),
        ReasonCode(code: "poor-timing", label: "Poor timing", allowedFor: [.recycled]),
        ReasonCode(code: "no-active-need", label: "No active need", allowedFor: [.rejected, .recycled]),
        ReasonCode(code: "out-of-icp", label: "Out of ICP", allowedFor: [.rejected]),
        ReasonCode(code: "no-budget", label: "No budget", allowedFor: [.rejected, .recycled]),
        ReasonCode(
            code: "competitor-locked-in", label: "Competitor locked in",
            allowedFor: [.rejected, .recycled]),
        ReasonCode(code: "duplicate", label: "Duplicate", allowedFor: [.rejected]),
        ReasonCode(code: "unreachable", label: "Unreachable", allowedFor: [.rejected, .recycled]),
        ReasonCode(code: "qualified", label: "Qualified", allowedFor: [.accepted]),
    ])

    /// The codes a disposition with `outcome` may cite.
    public func codes(allowedFor outcome: Disposition.Outcome) -> [ReasonCode] {
        codes.filter { $0.allowedFor.contains(outcome) }
    }

    /// Checks a disposition against the taxonomy.
    ///
    /// Rejections and recycles need an approved code; an acceptance may omit one.
    ///
    /// - Returns: the reason to store with the disposition event.
    /// - Throws: ``FeedbackError`` with code `missingReason`, `unknownReason`,
    ///   `reasonNotAllowed` or `noteRequired`; each lists the allowed codes.
    public func check(_ disposition: Disposition, for lead: LeadID) throws(FeedbackError) -> Reason? {
        let allowed = codes(allowedFor: disposition.outcome)
        let list = allowed.map(\.code).joined(separator: ", ")
        guard let code = disposition.reasonCode else {
            if disposition.outcome == .accepted { return nil }
            throw FeedbackError(
                .missingReason, leadID: lead, allowedCodes: allowed.map(\.code),
                message: "a \(disposition.outcome) disposition needs a reason code; allowed: \(list)")
        }
        guard let entry = codes.first(where: { $0.code == code }) else {
            throw FeedbackError(
                .unknownReason, leadID: lead, allowedCodes: allowed.map(\.code),
                message: "unknown reason code '\(code)'; allowed for \(disposition.outcome): \(list)")
        }
        guard entry.allowedFor.contains(disposition.outcome) else {
            throw FeedbackError(
                .reasonNotAllowed, leadID: lead, allowedCodes: allowed.map(\.code),
                message:
                    "reason '\(code)' is not allowed for \(disposition.outcome); allowed: \(list)")
        }
        if entry.requiresNote, (disposition.note ?? "").allSatisfy(\.isWhitespace) {
            throw FeedbackError(
                .noteRequired, leadID: lead, allowedCodes: allowed.map(\.code),
                message: "reason '\(code)' requires a note of one sentence")
        }
        return Reason(rule: "reason:\(code)", detail: entry.label)
    }

    public init(from decoder: any Decoder) throws {
        codes = try [ReasonCode](from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try codes.encode(to: encoder)
    }
}
