import Accord
import Feedback
import Foundation
import LeadModel

extension CommandDefinition {
    static let feedback = CommandDefinition(
        name: "feedback",
        summary: "Record sales' verdict on a lead: accepted, rejected or recycled, with an approved reason code.",
        discussion: """
            Rejections and recycles need a reason code from the playbook's reasonCodes; an unknown \
            code, or one not allowed for the verdict, is refused (exit status 5) with the list of \
            codes that are allowed. Run `accord feedback --codes` to list them.
            """,
        positionals: [
            PositionalSpec(name: "LEAD", help: "the lead's id", optional: true),
            PositionalSpec(name: "VERDICT", help: "accepted, rejected or recycled", optional: true),
        ],
        options: [
            .value("reason", "CODE", "the reason code, e.g. wrong-persona"),
            .value("note", "TEXT", "one sentence of context"),
            .value("by", "PERSON", "who gives the verdict (default: cli)"),
            .flag("codes", "list the playbook's reason codes and exit"),
        ],
        examples: [
            "accord feedback L0000001 rejected --reason wrong-persona --note 'IT admin, not finance'",
            "accord feedback --codes",
        ]
    ) { arguments, console in
        if arguments.has("codes") {
            let taxonomy = try console.dataDirectory.loadPlaybook().reasonCodes
            if console.json {
                try console.printJSON(taxonomy)
            } else {
                for code in taxonomy.codes {
                    let allowed = code.allowedFor.map(\.rawValue).joined(separator: ", ")
                    console.print(
                        code.code.padding(toLength: 24, withPad: " ", startingAt: 0)
                            + "\(code.label) — for \(allowed)\(code.requiresNote ? "; needs a note" : "")")
                }
            }
            return
        }
        let id = LeadID(try arguments.positional(0, "LEAD"))
        let verdictText = try arguments.positional(1, "VERDICT")
        guard let outcome = Disposition.Outcome(rawValue: verdictText) else {
            throw CLIError.usage("VERDICT is accepted, rejected or recycled, got '\(verdictText)'")
        }
        let disposition = Disposition(
            outcome: outcome, reasonCode: arguments.value("reason"), note: arguments.value("note"))
        let actor: EventActor = arguments.value("by").map { .person($0) } ?? .integration("cli")
        let state = try await console.dataDirectory.withEngine { engine in
            try await engine.recordDisposition(disposition, on: id, by: actor)
        }
        if console.json {
            try console.printJSON(LeadView(state))
        } else {
            console.print("recorded \(outcome.rawValue)\(disposition.reasonCode.map { " (\($0))" } ?? "") on \(id)")
        }
    }
}
