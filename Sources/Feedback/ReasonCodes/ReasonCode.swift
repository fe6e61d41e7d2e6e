public import LeadModel

/// One approved reason for a disposition, from the playbook's taxonomy.
public struct ReasonCode: Hashable, Sendable, Codable {
    /// The code recorded on the disposition (`"wrong-persona"`).
    public var code: String
    /// What a person reads (`"Wrong persona"`).
    public var label: String
    /// The dispositions that may cite this code.
    public var allowedFor: [Disposition.Outcome]
    /// Whether a disposition citing this code must carry a note.
    public var requiresNote: Bool

    public init(
        code: String, label: String, allowedFor: [Disposition.Outcome], requiresNote: Bool = false
    ) {
        self.code = code
        self.label = label
        self.allowedFor = allowedFor
        self.requiresNote = requiresNote
    }
}
