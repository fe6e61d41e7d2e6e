/// One objection or buyer question sales hears on calls, from the playbook's taxonomy.
///
/// ```json
/// {"tag": "implementation-time", "label": "Implementation will take too long",
///  "content": "implementation roadmap"}
/// ```
public struct ObjectionTag: Hashable, Sendable, Codable {
    /// The tag recorded on touches and dispositions (`"security-review"`).
    public var tag: String
    /// What a person reads.
    public var label: String
    /// The content that answers it (`"security pack"`), proposed to the backlog when the
    /// objection is frequent.
    public var content: String?

    public init(tag: String, label: String, content: String? = nil) {
        self.tag = tag
        self.label = label
        self.content = content
    }
}
