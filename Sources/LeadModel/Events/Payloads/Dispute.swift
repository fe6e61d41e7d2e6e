/// Marketing disputes sales' rejection of a lead: the escalation path of the agreement.
public struct Dispute: Hashable, Sendable, Codable {
    /// Who raised it (a marketer's id).
    public var raisedBy: String
    /// Why the rejection is wrong, in one sentence; removed on erasure.
    public var reason: String

    public init(raisedBy: String, reason: String) {
        self.raisedBy = raisedBy
        self.reason = reason
    }
}

/// An arbiter's ruling on a dispute.
public struct DisputeResolution: Hashable, Sendable, Codable {
    /// The ruling.
    public enum Verdict: String, Hashable, Sendable, Codable, CaseIterable {
        /// The rejection stands.
        case upheld
        /// The rejection is withdrawn and the lead goes back to sales.
        case overturned
    }

    public var verdict: Verdict
    /// The arbiter.
    public var by: String
    /// One sentence of context; removed on erasure.
    public var note: String?

    public init(verdict: Verdict, by: String, note: String? = nil) {
        self.verdict = verdict
        self.by = by
        self.note = note
    }
}

/// A recycled lead's re-qualify trigger fired: the lead goes back to sales with its history.
public struct Requalification: Hashable, Sendable, Codable {
    /// Which condition fired: `signal`, `score` or `date`.
    public var trigger: String
    /// What fired it (`"demo-requested on 2026-11-02T10:00:00Z"`, `"score 64 ≥ 60"`).
    public var detail: String
    /// How many times the lead had been recycled when it came back.
    public var recycles: Int

    public init(trigger: String, detail: String, recycles: Int) {
        self.trigger = trigger
        self.detail = detail
        self.recycles = recycles
    }
}
