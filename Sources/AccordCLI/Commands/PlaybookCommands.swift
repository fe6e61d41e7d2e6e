import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let playbookStatus = CommandDefinition(
        name: "playbook status",
        summary: "Show the active playbook version, its sign-offs, and proposals waiting for sign-off.",
        examples: ["accord playbook status", "accord playbook status --json"]
    ) { _, console in
        let directory = console.dataDirectory
        let current = try directory.loadPlaybook()
        let governance = try await directory.withJournal { store in
            try await PlaybookGovernanceJournal(store: store).load()
        }
        let pending = governance.proposals.values
            .filter { $0.version != governance.active?.version }
            .sorted { $0.version < $1.version }
            .map { proposal -> PendingProposal in
                let playbook = try? directory.playbook(named: proposal.version)
                return PendingProposal(
                    version: proposal.version, changedSections: proposal.changedSections,
                    signedBy: playbook.map { governance.validSignOffs(for: $0).map(\.owner) } ?? [],
                    missing: playbook.map { governance.missingForActivation(of: $0) }
                        ?? ["the file playbooks/\(proposal.version).json is missing"])
            }
        let status = GovernanceStatus(
            version: current.version, owners: current.owners, reviewCadence: current.reviewCadence,
            active: governance.active, pending: pending)
        if console.json {
            try console.printJSON(status)
            return
        }
        console.print("playbook \(current.name), version \(current.version)")
        if let active = governance.active {
            console.print("  active since sign-off by \(active.signedBy.joined(separator: ", "))")
        } else {
            console.print("  no version has been signed off yet (every change goes live unreviewed until one is)")
        }
        let owners = current.owners.map { "\($0.name) (\($0.team))" }
        console.print("  owners: " + (owners.isEmpty ? "none named" : owners.joined(separator: ", ")))
        if let cadence = current.reviewCadence { console.print("  reviewed \(cadence.rawValue)") }
        for proposal in pending {
            console.print("proposed \(proposal.version): changes \(proposal.changedSections.joined(separator: ", "))")
            if !proposal.signedBy.isEmpty {
                console.print("  signed off by \(proposal.signedBy.joined(separator: ", "))")
            }
            for item in proposal.missing { console.print("  needs \(item)") }
        }
    }

    static let playbookDiff = CommandDefinition(
        name: "playbook diff",
        summary: "Show every value that differs between two playbooks, with its JSON path.",
        discussion: """
            A and B are playbook files, versions kept in the data directory (DIR/playbooks/), or \
            'active' for DIR/playbook.json. Changes to scoring, qualification, routing, SLA, \
            plugins or account matching are flagged: they go live only with both teams' sign-off.
            """,
        positionals: [
            PositionalSpec(name: "A", help: "the earlier playbook (file, version or 'active')"),
            PositionalSpec(name: "B", help: "the later playbook (file, version or 'active')"),
        ],
        examples: ["accord playbook diff active proposed.json", "accord playbook diff 1 2 --json"]
    ) { arguments, console in
        let directory = console.dataDirectory
        let old = try directory.playbook(named: try arguments.positional(0, "A"))
        let new = try directory.playbook(named: try arguments.positional(1, "B"))
        let diff = PlaybookDiff(from: old, to: new)
        if console.json {
            try console.printJSON(
                DiffOutput(
                    from: old.version, to: new.version, sections: diff.sections, needsReview: diff.needsReview,
                    changes: diff.changes.map { DiffOutput.Change(path: $0.path, before: $0.before, after: $0.after) }))
            return
        }
        guard !diff.changes.isEmpty else {
            console.print("no differences between \(old.version) and \(new.version)")
            return
        }
        console.print(
            "\(old.version) → \(new.version): \(diff.changes.count) changes in \(diff.sections.joined(separator: ", "))"
        )
        for change in diff.changes { console.print("  \(change)") }
        if diff.needsReview {
            console.print("these changes decide who gets what: they need marketing's and sales' sign-off")
        }
    }

    static let playbookPropose = CommandDefinition(
        name: "playbook propose",
        summary: "Put a new playbook version forward for sign-off.",
        discussion: """
            Validates FILE, keeps a copy as DIR/playbooks/VERSION.json and records the proposal, \
            with the sections it changes, in the journal. The version must be new: give every \
            change its own version. Then each owner signs it off and one activates it.
            """,
        positionals: [PositionalSpec(name: "FILE", help: "the proposed playbook")],
        options: [.value("by", "PERSON", "who proposes (default: cli)")],
        examples: ["accord playbook propose proposed.json --by sam"]
    ) { arguments, console in
        let directory = console.dataDirectory
        let proposed = try Playbook.load(contentsOf: URL(fileURLWithPath: try arguments.positional(0, "FILE")))
        let active = try directory.loadPlaybook()
        let target = try directory.proposalURL(for: proposed.version)
        let actor: EventActor = arguments.value("by").map { .person($0) } ?? .integration("cli")
        let proposal = try await directory.withJournal { store in
            let proposal = try await PlaybookGovernanceJournal(store: store).propose(
                proposed, replacing: active, by: actor)
            try FileManager.default.createDirectory(at: directory.playbooksURL, withIntermediateDirectories: true)
            try proposed.jsonData().write(to: target, options: .atomic)
            return proposal
        }
        if console.json {
            try console.printJSON(proposal)
            return
        }
        console.print(
            "proposed \(proposal.version)"
                + (proposal.changedSections.isEmpty
                    ? "" : " (changes \(proposal.changedSections.joined(separator: ", ")))"))
        let signers = proposed.owners.map { "accord playbook sign \(proposal.version) --owner '\($0.name)'" }
        if !signers.isEmpty { console.print("next: " + signers.joined(separator: "; ")) }
    }

    static let playbookSign = CommandDefinition(
        name: "playbook sign",
        summary: "Sign a proposed playbook version off, as one of the owners it names.",
        positionals: [PositionalSpec(name: "VERSION", help: "the proposed version")],
        options: [.value("owner", "NAME", "the owner signing, as the playbook names them (required)")],
        examples: ["accord playbook sign 2026.12 --owner 'Maria Díaz'"]
    ) { arguments, console in
        let directory = console.dataDirectory
        let version = try arguments.positional(0, "VERSION")
        guard let owner = arguments.value("owner"), !owner.isEmpty else { throw CLIError.usage("--owner is required") }
        let playbook = try directory.playbook(named: version)
        let missing = try await directory.withJournal { store in
            let journal = PlaybookGovernanceJournal(store: store)
            try await journal.signOff(playbook, owner: owner, by: .person(owner))
            return try await journal.load().missingForActivation(of: playbook)
        }
        if console.json {
            try console.printJSON(["version": version, "signedBy": owner, "missing": missing.joined(separator: "; ")])
            return
        }
        console.print("\(owner) signed \(version) off")
        if missing.isEmpty {
            console.print("next: accord playbook activate \(version)")
        } else {
            for item in missing { console.print("  still needs \(item)") }
        }
    }

    static let playbookActivate = CommandDefinition(
        name: "playbook activate",
        summary: "Make a signed-off playbook version the active one.",
        discussion: """
            Refused (exit status 5) unless at least one marketing and one sales owner named by the \
            version signed off its exact content. The version becomes DIR/playbook.json and the \
            activation is recorded in the journal; decisions from then on name it.
            """,
        positionals: [PositionalSpec(name: "VERSION", help: "the signed-off version")],
        options: [.value("by", "PERSON", "who activates (default: cli)")],
        examples: ["accord playbook activate 2026.12 --by maria"]
    ) { arguments, console in
        let directory = console.dataDirectory
        let version = try arguments.positional(0, "VERSION")
        let playbook = try directory.playbook(named: version)
        let previous = try Data(contentsOf: directory.playbookURL)
        let actor: EventActor = arguments.value("by").map { .person($0) } ?? .integration("cli")
        let activation = try await directory.withJournal { store in
            let journal = PlaybookGovernanceJournal(store: store)
            let missing = try await journal.load().missingForActivation(of: playbook)
            guard missing.isEmpty else {
                throw GovernanceError(.notSignedOff, "version \(version) cannot go live yet", missing: missing)
            }
            try playbook.jsonData().write(to: directory.playbookURL, options: .atomic)
            do {
                return try await journal.activate(playbook, by: actor)
            } catch {
                try? previous.write(to: directory.playbookURL, options: .atomic)
                throw error
            }
        }
        if console.json {
            try console.printJSON(activation)
        } else {
            console.print(
                "\(version) is active" + (activation.previousVersion.map { " (replacing \($0))" } ?? "")
                    + "; signed off by \(activation.signedBy.joined(separator: ", "))")
        }
    }
}

extension DataDirectory {
    /// A playbook by file path, by version kept in `playbooks/`, or `active` for playbook.json.
    func playbook(named reference: String) throws -> Playbook {
        if reference == "active" || reference == "playbook.json" { return try loadPlaybook() }
        let file = URL(fileURLWithPath: reference)
        if FileManager.default.fileExists(atPath: file.path) { return try Playbook.load(contentsOf: file) }
        if let kept = try? proposalURL(for: reference), FileManager.default.fileExists(atPath: kept.path) {
            return try Playbook.load(contentsOf: kept)
        }
        let active = try loadPlaybook()
        if active.version == reference { return active }
        throw CLIError(
            status: .notFound, message: "no playbook '\(reference)'",
            details: ["name a file, a version in \(playbooksURL.path), or 'active'"])
    }

    /// Where a proposed version is kept.
    func proposalURL(for version: String) throws -> URL {
        try namedFile(version, label: "version", in: "playbooks", pathExtension: "json")
    }
}

struct PendingProposal: Codable {
    var version: String
    var changedSections: [String]
    var signedBy: [String]
    var missing: [String]
}

struct GovernanceStatus: Codable {
    var version: String
    var owners: [PlaybookOwner]
    var reviewCadence: ReviewCadence?
    var active: PlaybookActivation?
    var pending: [PendingProposal]
}

struct DiffOutput: Codable {
    struct Change: Codable {
        var path: String
        var before: String?
        var after: String?
    }

    var from: String
    var to: String
    var sections: [String]
    var needsReview: Bool
    var changes: [Change]
}
