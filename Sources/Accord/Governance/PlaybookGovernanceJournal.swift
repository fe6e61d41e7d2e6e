import Foundation
public import LeadModel

/// Records governance steps in the journal — proposals, sign-offs, activations — each checked
/// against ``PlaybookGovernance`` and appended with optimistic concurrency, so two people
/// activating at once cannot both succeed.
///
/// ```swift
/// let journal = PlaybookGovernanceJournal(store: store)
/// try await journal.propose(proposed, replacing: active, by: .person("sam"))
/// try await journal.signOff(proposed, owner: "Sam Lee", by: .person("sam"))
/// try await journal.signOff(proposed, owner: "Maria Díaz", by: .person("maria"))
/// try await journal.activate(proposed, replacing: active, by: .person("maria"))
/// ```
public struct PlaybookGovernanceJournal: Sendable {
    public let store: any EventStore
    public let now: @Sendable () -> Date

    public init(store: any EventStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// The governance folded from the journal.
    public func load() async throws -> PlaybookGovernance {
        PlaybookGovernance(events: try await store.events(forLead: .playbook))
    }

    /// Puts a version forward for sign-off.
    ///
    /// - Parameters:
    ///   - playbook: the proposed version; it must be valid.
    ///   - active: the version it would replace, to record which sections change.
    ///   - actor: who proposes.
    /// - Returns: the recorded proposal.
    /// - Throws: ``GovernanceError`` (`notSignedOff` listing problems when invalid,
    ///   `nothingToDo` when the same content is already proposed or active, `conflict`).
    @discardableResult
    public func propose(_ playbook: Playbook, replacing active: Playbook?, by actor: EventActor) async throws
        -> PlaybookProposal
    {
        let governance = try await load()
        let issues = playbook.validate()
        guard issues.isEmpty else {
            throw GovernanceError(
                .notSignedOff, "version \(playbook.version) is not valid", missing: issues.map(\.description))
        }
        let digest = playbook.digest
        if governance.proposals[playbook.version]?.digest == digest {
            throw GovernanceError(.nothingToDo, "version \(playbook.version) is already proposed with this content")
        }
        if governance.active?.version == playbook.version {
            throw GovernanceError(
                .nothingToDo, "version \(playbook.version) is active; give the changed playbook a new version")
        }
        let sections = active.map { PlaybookDiff(from: $0, to: playbook).sections } ?? []
        let proposal = PlaybookProposal(
            name: playbook.name, version: playbook.version, digest: digest, changedSections: sections)
        try await append(.playbookProposed(proposal), by: actor, after: governance, version: playbook.version)
        return proposal
    }

    /// Records an owner's sign-off of a proposed version's exact content.
    ///
    /// - Throws: ``GovernanceError`` `notAnOwner` when the playbook does not name `owner`,
    ///   `notProposed` when the version was not proposed with this content, `conflict`.
    @discardableResult
    public func signOff(_ playbook: Playbook, owner: String, by actor: EventActor) async throws -> PlaybookSignOff {
        let governance = try await load()
        guard let named = playbook.owners.first(where: { $0.name == owner }) else {
            let owners = playbook.owners.map { "\($0.name) (\($0.team))" }
            throw GovernanceError(
                .notAnOwner, "'\(owner)' is not an owner of version \(playbook.version)",
                missing: owners.isEmpty
                    ? ["the playbook names no owners"] : ["owners: " + owners.joined(separator: ", ")])
        }
        let digest = playbook.digest
        guard governance.proposals[playbook.version]?.digest == digest else {
            throw GovernanceError(
                .notProposed, "version \(playbook.version) with this content was not proposed; propose it first")
        }
        let signOff = PlaybookSignOff(version: playbook.version, digest: digest, owner: named.name, team: named.team)
        try await append(.playbookSignedOff(signOff), by: actor, after: governance, version: playbook.version)
        return signOff
    }

    /// Makes a signed-off version the active one.
    ///
    /// - Throws: ``GovernanceError`` `notSignedOff` with what is missing, `conflict`.
    @discardableResult
    public func activate(_ playbook: Playbook, by actor: EventActor) async throws -> PlaybookActivation {
        let governance = try await load()
        let missing = governance.missingForActivation(of: playbook)
        guard missing.isEmpty else {
            throw GovernanceError(.notSignedOff, "version \(playbook.version) cannot go live yet", missing: missing)
        }
        let activation = PlaybookActivation(
            version: playbook.version, digest: playbook.digest, previousVersion: governance.active?.version,
            signedBy: governance.validSignOffs(for: playbook).map(\.owner))
        try await append(.playbookActivated(activation), by: actor, after: governance, version: playbook.version)
        return activation
    }

    private func append(
        _ payload: LeadEvent.Payload, by actor: EventActor, after governance: PlaybookGovernance, version: String
    ) async throws {
        let event = LeadEvent(
            leadID: .playbook, occurredAt: now(), actor: actor, payload: payload, playbookVersion: version)
        do {
            try await store.append([event], to: .playbook, expecting: .exactly(governance.version))
        } catch let error as EventStoreError where error.code == .versionConflict {
            throw GovernanceError(.conflict, "someone else changed the playbook's governance meanwhile; try again")
        }
    }
}
