import Accord
import Feedback
import Foundation
import LeadModel

extension CommandDefinition {
    static let feedbackDispute = CommandDefinition(
        name: "feedback dispute",
        summary: "Marketing disputes sales' rejection of a lead; an arbiter then rules.",
        positionals: [PositionalSpec(name: "LEAD", help: "the rejected lead's id")],
        options: [
            .value("reason", "TEXT", "why the rejection is wrong, in one sentence (required)"),
            .value("by", "PERSON", "the marketer raising it (default: marketing)"),
        ],
        examples: ["accord feedback dispute L0000042 --reason 'the title says VP Finance' --by maria"]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        guard let reason = arguments.value("reason") else {
            throw CLIError.usage("--reason TEXT is required: say why the rejection is wrong")
        }
        let by = arguments.value("by") ?? "marketing"
        let state = try await console.dataDirectory.withEngine { engine in
            try await engine.disputeRejection(of: id, reason: reason, by: by)
        }
        if console.json {
            try console.printJSON(DisputeOutput(lead: id, dispute: state.feedback.dispute))
        } else {
            console.print(
                "disputed the rejection of \(id)\(state.disposition?.reasonCode.map { " (\($0))" } ?? ""); "
                    + "an arbiter rules with: accord feedback arbitrate \(id) upheld|overturned")
        }
    }

    static let feedbackArbitrate = CommandDefinition(
        name: "feedback arbitrate",
        summary: "Rule on a disputed rejection: upheld keeps it, overturned restores the handoff.",
        positionals: [
            PositionalSpec(name: "LEAD", help: "the disputed lead's id"),
            PositionalSpec(name: "VERDICT", help: "upheld or overturned"),
        ],
        options: [
            .value("by", "PERSON", "the arbiter (default: arbiter)"),
            .value("note", "TEXT", "one sentence of context"),
        ],
        examples: ["accord feedback arbitrate L0000042 overturned --by head-of-revenue"]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        let text = try arguments.positional(1, "VERDICT")
        let verdict = try ParsedArguments.choice(text, naming: "VERDICT", as: DisputeResolution.Verdict.self)
        let state = try await console.dataDirectory.withEngine { engine in
            try await engine.resolveDispute(
                of: id, verdict, by: arguments.value("by") ?? "arbiter", note: arguments.value("note"))
        }
        if console.json {
            try console.printJSON(DisputeOutput(lead: id, dispute: state.feedback.dispute))
        } else if verdict == .upheld {
            console.print("upheld: the rejection of \(id) stands")
        } else {
            console.print(
                "overturned: \(id) is back with \(state.owner.map { "\($0)" } ?? "sales") in \(state.stage)"
                    + (state.openClocks.isEmpty ? "" : ", response clock restarted"))
        }
    }
}

struct DisputeOutput: Codable {
    var lead: LeadID
    var dispute: FeedbackStatus.DisputeRecord?
}
