public import LeadModel

/// The playbook's governance, folded from the journal's ``LeadModel/LeadID/playbook`` stream:
/// which versions were proposed, who signed which content off, and which version is active.
///
/// The rule it enforces: a version becomes active only when the owners it names have signed
/// its exact content (its ``Playbook/digest``) off — at least one from marketing and one from
/// sales — so no change to qualification or routing goes live unreviewed.
public struct PlaybookGovernance: Hashable, Sendable {
    /// Proposals by version; a version proposed again with new content keeps the latest.
    public private(set) var proposals: [String: PlaybookProposal] = [:]
    /// Sign-offs by version, in the order they were given.
    public private(set) var signOffs: [String: [PlaybookSignOff]] = [:]
    /// Every activation, oldest first.
    public private(set) var activations: [PlaybookActivation] = []
    /// How many governance events were folded: the stream version new appends expect.
    public private(set) var version = 0

    /// The version decisions are made with; `nil` before the first activation.
    public var active: PlaybookActivation? { activations.last }

    public init() {}

    /// Folds the governance stream.
    public init(events: some Sequence<LeadEvent>) {
        for event in events { apply(event) }
    }

    /// Folds one more governance event; other events are ignored.
    public mutating func apply(_ event: LeadEvent) {
        guard event.leadID == .playbook else { return }
        version += 1
        switch event.payload {
        case .playbookProposed(let proposal): proposals[proposal.version] = proposal
        case .playbookSignedOff(let signOff): signOffs[signOff.version, default: []].append(signOff)
        case .playbookActivated(let activation): activations.append(activation)
        default: break
        }
    }

    /// The sign-offs that count for `playbook`: given for its version and its exact content, by
    /// owners it names (one per owner).
    public func validSignOffs(for playbook: Playbook) -> [PlaybookSignOff] {
        let digest = playbook.digest
        let owners = Set(playbook.owners.map(\.name))
        var seen: Set<String> = []
        return (signOffs[playbook.version] ?? []).filter {
            $0.digest == digest && owners.contains($0.owner) && seen.insert($0.owner).inserted
        }
    }

    /// What stands between `playbook` and activation, in words; empty when it may go live.
    public func missingForActivation(of playbook: Playbook) -> [String] {
        var missing: [String] = []
        let issues = playbook.validate()
        if !issues.isEmpty { missing.append("the playbook has \(issues.count) problem(s); run accord validate") }
        if active?.version == playbook.version, active?.digest == playbook.digest {
            missing.append("version \(playbook.version) is already active")
        }
        guard let proposal = proposals[playbook.version] else {
            missing.append("version \(playbook.version) was never proposed")
            return missing
        }
        if proposal.digest != playbook.digest {
            missing.append("the content of version \(playbook.version) changed since it was proposed; propose it again")
        }
        let signed = validSignOffs(for: playbook)
        let teams = Dictionary(playbook.owners.map { ($0.name, $0.team) }, uniquingKeysWith: { first, _ in first })
        for team in PlaybookOwner.signingTeams {
            let owners = playbook.owners.filter { $0.team == team }.map(\.name)
            if owners.isEmpty {
                missing.append("the playbook names no \(team) owner")
            } else if !signed.contains(where: { teams[$0.owner] == team }) {
                missing.append("a sign-off from \(team) (\(owners.joined(separator: " or ")))")
            }
        }
        return missing
    }
}
