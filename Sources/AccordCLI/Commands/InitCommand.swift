import Accord
import Foundation
import Journal
import LeadModel

extension CommandDefinition {
    static let initialize = CommandDefinition(
        name: "init",
        summary: "Create a data directory with the default playbook and an empty journal.",
        discussion: """
            Writes DIR/playbook.json (the default agreement: standard stages, handoff gates and \
            reason codes) and creates the journal in DIR/journal. An existing playbook is kept \
            unless --force is given; the journal is never touched.
            """,
        options: [.flag("force", "replace an existing playbook.json with the default")],
        examples: ["accord init", "accord init --data ./acme-funnel"]
    ) { arguments, console in
        let directory = console.dataDirectory
        let manager = FileManager.default
        if directory.exists, !arguments.has("force") {
            throw CLIError(
                status: .usage, message: "\(directory.playbookURL.path) already exists",
                details: ["pass --force to replace it with the default playbook (the journal is kept)"])
        }
        try manager.createDirectory(at: directory.root, withIntermediateDirectories: true)
        try Playbook.standard.jsonData().write(to: directory.playbookURL, options: .atomic)
        let store = try await FileEventStore(directory: directory.journalURL, configuration: .init())
        try await store.close()
        if console.json {
            try console.printJSON(["directory": directory.root.path, "playbook": directory.playbookURL.path])
        } else {
            console.print("Created \(directory.root.path)")
            console.print("  playbook: \(directory.playbookURL.path)")
            console.print("  journal:  \(directory.journalURL.path)")
            console.print("")
            console.print("Next: accord capture --email ana@acme.com --company Acme --source webinar")
        }
    }
}
