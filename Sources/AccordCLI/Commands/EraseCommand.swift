import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let erase = CommandDefinition(
        name: "erase",
        summary: "Erase a person's personal data for good (right to be forgotten), keeping the counts.",
        discussion: """
            Removes the person's email, phone, names, external ids and other personal fields from \
            every file of the journal — segments are rewritten in place, index checkpoints and \
            snapshots holding the old values are dropped — and records who asked and why. The \
            whole person is erased: a lead merged into another erases the survivor and every \
            lead merged into it. The redacted facts stay, so the scoreboard's counts do not \
            change. Erasing cannot be undone; erasing again is harmless.
            """,
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        options: [
            .value("reason", "TEXT", "why, or the request's reference such as a ticket number (required)"),
            .value("by", "PERSON", "who requested the erasure (default: cli)"),
        ],
        examples: ["accord erase L0000042 --reason 'GDPR request #8812' --by privacy-office"]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        guard let reason = arguments.value("reason"), !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CLIError.usage("--reason is required: an erasure records why it was made")
        }
        let requestedBy = arguments.value("by") ?? "cli"
        let erased = try await console.dataDirectory.withEngine { engine in
            try await engine.erase(id, requestedBy: requestedBy, reference: reason)
            return await engine.state(of: id)?.isErased ?? true
        }
        if console.json {
            try console.printJSON(EraseOutput(lead: id.rawValue, erased: erased, requestedBy: requestedBy))
        } else {
            console.print("erased \(id): personal data removed from the journal; the counts are kept")
        }
    }
}

/// What `accord erase --json` prints.
struct EraseOutput: Codable {
    var lead: String
    var erased: Bool
    var requestedBy: String
}
