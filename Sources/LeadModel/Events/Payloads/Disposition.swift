/// Sales' verdict on a handed-off lead.
public struct Disposition: Hashable, Sendable, Codable {
    public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
        case accepted, rejected, recycled
    }

    public var outcome: Outcome
    /// The approved reason code from the playbook's taxonomy (`"wrong-persona"`).
    public var reasonCode: String?
    /// One sentence of context; personal data, removed on erasure.
    public var note: String?

    public init(outcome: Outcome, reasonCode: String? = nil, note: String? = nil) {
        self.outcome = outcome
        self.reasonCode = reasonCode
        self.note = note
    }
}
