/// One problem found in a playbook: where it is, what is wrong, and how to fix it.
public struct PlaybookIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The JSON path of the offending value (`$.stages.gates[0].stage`).
    public var path: String
    public var message: String
    /// What to do about it, when there is something specific to say.
    public var hint: String?

    public init(path: String, message: String, hint: String? = nil) {
        self.path = path
        self.message = message
        self.hint = hint
    }

    public var description: String {
        "\(path): \(message)" + (hint.map { " (hint: \($0))" } ?? "")
    }
}

/// A playbook that cannot be used, with every problem found.
public struct PlaybookError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file, when the playbook came from one.
    public var file: String?
    public var issues: [PlaybookIssue]

    public init(file: String? = nil, issues: [PlaybookIssue]) {
        self.file = file
        self.issues = issues
    }

    public var description: String {
        let head = "\(file ?? "playbook") has \(issues.count) problem\(issues.count == 1 ? "" : "s"):"
        return ([head] + issues.map { "  \($0)" }).joined(separator: "\n")
    }
}
