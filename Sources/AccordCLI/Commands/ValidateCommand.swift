import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let validate = CommandDefinition(
        name: "validate",
        summary: "Check a playbook and report every problem at once, with its JSON path and a hint.",
        discussion: """
            Reads FILE (default: the data directory's playbook.json), decodes it and checks every \
            section: stages and gates, identity, reason codes, scoring, qualification, SLA tiers and \
            routing. Each problem is one line: the JSON path of the value, what is wrong and, where \
            there is something specific to say, a hint. Exits 0 when the playbook is valid and 2 \
            when it is not.
            """,
        positionals: [
            PositionalSpec(name: "FILE", help: "the playbook to check (default: DIR/playbook.json)", optional: true)
        ],
        examples: ["accord validate", "accord validate proposed.json", "accord validate proposed.json --json"]
    ) { arguments, console in
        let url =
            arguments.positionals.first.map { URL(fileURLWithPath: $0) } ?? console.dataDirectory.playbookURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError(
                status: .notFound, message: "no playbook at \(url.path)",
                details: ["run `accord init` to write the default playbook, or name a file"])
        }
        let playbook: Playbook
        do {
            playbook = try Playbook.load(contentsOf: url)
            // Plugins the command line has (the built-in ones) are made once to check their
            // config; others are the host's, and this command says so.
            let issues = playbook.validate(plugins: console.dataDirectory.plugins).map { issue in
                guard issue.message.hasPrefix("no "), issue.path.hasSuffix(".name") else { return issue }
                var hosted = issue
                hosted.hint =
                    "the command line has only Accord's built-in plugins (learned, file, memory); "
                    + "a host that registers this one can use this playbook, `accord` cannot"
                return hosted
            }
            guard issues.isEmpty else { throw PlaybookError(file: url.path, issues: issues) }
        } catch let error as PlaybookError {
            if console.json {
                try console.printJSON(ValidationOutput(file: url.path, valid: false, issues: error.issues))
            }
            throw error
        }
        if console.json {
            try console.printJSON(
                ValidationOutput(
                    file: url.path, valid: true, issues: [], name: playbook.name, version: playbook.version))
        } else {
            console.print("\(url.path): valid — \(playbook.name), version \(playbook.version)")
        }
    }
}

struct ValidationOutput: Codable {
    var file: String
    var valid: Bool
    var issues: [PlaybookIssue]
    var name: String?
    var version: String?
}
