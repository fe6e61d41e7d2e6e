/// A playbook version put forward for sign-off: which version, and the digest of its exact
/// content, so a sign-off is for these rules and no others.
///
/// Governance facts are journaled on the stream ``LeadID/playbook``, beside the lead facts the
/// playbook's rules decide.
public struct PlaybookProposal: Hashable, Sendable, Codable {
    /// The playbook's name.
    public var name: String
    /// The proposed version (`"2026.11.2"`).
    public var version: String
    /// The SHA-256 of the playbook's canonical JSON, hex.
    public var digest: String
    /// What changed against the active version, by section (`scoring`, `routing`).
    public var changedSections: [String]

    public init(name: String, version: String, digest: String, changedSections: [String]) {
        self.name = name
        self.version = version
        self.digest = digest
        self.changedSections = changedSections
    }
}

/// An owner named by a playbook version approved it.
public struct PlaybookSignOff: Hashable, Sendable, Codable {
    public var version: String
    /// The digest of the content signed.
    public var digest: String
    /// The owner, as the playbook names them.
    public var owner: String
    /// The owner's team (`marketing`, `sales`).
    public var team: String

    public init(version: String, digest: String, owner: String, team: String) {
        self.version = version
        self.digest = digest
        self.owner = owner
        self.team = team
    }
}

/// A signed-off playbook version became the one decisions are made with.
public struct PlaybookActivation: Hashable, Sendable, Codable {
    public var version: String
    public var digest: String
    /// The version it replaced; `nil` for the first activation.
    public var previousVersion: String?
    /// The owners whose sign-offs made the activation possible.
    public var signedBy: [String]

    public init(version: String, digest: String, previousVersion: String?, signedBy: [String]) {
        self.version = version
        self.digest = digest
        self.previousVersion = previousVersion
        self.signedBy = signedBy
    }
}

extension LeadID {
    /// The journal stream of the playbook's governance: proposals, sign-offs and activations.
    /// No lead has this id (captured leads get `L…` ids).
    public static let playbook = LeadID("playbook")
}
