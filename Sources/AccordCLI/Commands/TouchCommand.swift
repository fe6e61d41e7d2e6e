import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let touch = CommandDefinition(
        name: "touch",
        summary: "Record a sales touch; open response clocks stop, met or breached.",
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        options: [
            .value("channel", "call|email|sms|meeting", "how the rep reached out (default: call)"),
            .value("by", "REP", "the rep who made the touch (required)"),
            .flag("connected", "the prospect was reached (a conversation, not a voicemail)"),
            .value("note", "TEXT", "one line of context"),
            .value("objection", "TAG", "an objection heard, from the playbook's taxonomy", repeatable: true),
            .value("buyer-said", "TEXT", "one line of what the buyer said"),
        ],
        examples: ["accord touch L0000001 --by maria --channel call --connected --note 'wants a demo Tuesday'"]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        guard let rep = arguments.value("by"), !rep.isEmpty else {
            throw CLIError.usage("--by REP is required: a touch is always somebody's")
        }
        let channel = TouchChannel(rawValue: arguments.value("channel") ?? "call")
        guard ["call", "email", "sms", "meeting"].contains(channel.rawValue) else {
            throw CLIError.usage("--channel expects call, email, sms or meeting, got '\(channel)'")
        }
        let touch = Touch(
            channel: channel, by: rep, connected: arguments.has("connected"), note: arguments.value("note"),
            objections: arguments.all("objection"), buyerSaid: arguments.value("buyer-said"))
        let (before, after) = try await console.dataDirectory.withEngine { engine in
            let before = await engine.state(of: id)
            return (before, try await engine.recordTouch(touch, on: id))
        }
        let output = TouchOutput(before: before, after: after)
        let (met, breached) = (output.clocksMet, output.clocksBreached)
        if console.json {
            try console.printJSON(output)
        } else {
            var line = "recorded a touch by \(rep) on \(id) (\(channel))"
            if met > 0 { line += "; \(met) response clock\(met == 1 ? "" : "s") met" }
            if breached > 0 {
                line += "; \(breached) response clock\(breached == 1 ? "" : "s") breached (touched after the deadline)"
            }
            console.print(line)
        }
    }
}
