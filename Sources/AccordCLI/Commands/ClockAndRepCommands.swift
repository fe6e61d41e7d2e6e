import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let slaPause = CommandDefinition(
        name: "sla pause",
        summary: "Pause a lead's response clocks where the tier allows it (waiting on the prospect).",
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        options: [
            .value("reason", "TEXT", "why the clock stops (required)"),
            .value("by", "PERSON", "who pauses (default: cli)"),
        ],
        examples: ["accord sla pause L0000042 --reason 'prospect picks a meeting time'"]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        guard let reason = arguments.value("reason"), !reason.isEmpty else {
            throw CLIError.usage("--reason is required: a paused clock says why")
        }
        let actor: EventActor = arguments.value("by").map { .person($0) } ?? .integration("cli")
        let paused = try await console.dataDirectory.withEngine { engine in
            try await engine.pauseClocks(of: id, reason: reason, by: actor)
        }
        if console.json {
            try console.printJSON(paused.map(\.rawValue))
        } else {
            console.print(
                paused.isEmpty
                    ? "\(id): every response clock was already paused"
                    : "paused \(paused.map(\.rawValue).joined(separator: ", "))")
        }
    }

    static let slaResume = CommandDefinition(
        name: "sla resume",
        summary: "Resume a lead's paused response clocks; deadlines move out by the paused business time.",
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        options: [.value("by", "PERSON", "who resumes (default: cli)")],
        examples: ["accord sla resume L0000042"]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        let actor: EventActor = arguments.value("by").map { .person($0) } ?? .integration("cli")
        let clocks = try await console.dataDirectory.withEngine { engine in
            try await engine.resumeClocks(of: id, by: actor)
        }
        if console.json {
            try console.printJSON(clocks)
        } else {
            for clock in clocks { console.print("\(clock.id) due \(clock.deadline.formatted(.iso8601))") }
        }
    }

    static let repsLeave = CommandDefinition(
        name: "reps leave",
        summary: "A rep leaves: route every open lead they own again, each with the reason.",
        discussion: "Also take the rep out of the playbook's reps (or give them an out-of-office period).",
        positionals: [PositionalSpec(name: "REP", help: "the rep's id")],
        options: [
            .value("reason", "TEXT", "why, stored with each reassignment (required)"),
            .value("by", "PERSON", "who records it (default: cli)"),
        ],
        examples: ["accord reps leave maria --reason 'left the company'"]
    ) { arguments, console in
        let rep = try arguments.positional(0, "REP")
        guard let reason = arguments.value("reason"), !reason.isEmpty else {
            throw CLIError.usage("--reason is required: every reassignment says why")
        }
        let actor: EventActor = arguments.value("by").map { .person($0) } ?? .integration("cli")
        let moved = try await console.dataDirectory.withEngine { engine in
            try await engine.repLeft(rep, by: actor, reason: reason)
        }
        if console.json {
            try console.printJSON(moved.map { ["lead": $0.0.rawValue, "owner": $0.1.description] })
        } else {
            console.print("moved \(moved.count) open lead\(moved.count == 1 ? "" : "s") away from \(rep)")
            for (lead, owner) in moved { console.print("  \(lead) → \(owner)") }
        }
    }
}
