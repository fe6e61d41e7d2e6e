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
            codes that are allowed. Run `accord feedback --codes` to list them, and the objection \
            tags and acceptance rules.

            A booked meeting (with the playbook's feedback.acceptance rules) may be rejected only \
            citing the rule that failed (--rule). A recycle returns the lead to nurture with a \
            re-qualify trigger (--requalify-*, else the playbook's default); the engine hands it \
            off again when the trigger fires. Related: accord feedback report | dispute | \
            arbitrate | calibrate | export-training, accord backlog.
            """,
        positionals: [
            PositionalSpec(name: "LEAD", help: "the lead's id", optional: true),
            PositionalSpec(name: "VERDICT", help: "accepted, rejected or recycled", optional: true),
        ],
        options: [
            .value("reason", "CODE", "the reason code, e.g. wrong-persona"),
            .value("note", "TEXT", "one sentence of context"),
            .value("by", "PERSON", "who gives the verdict (default: cli)"),
            .value("quality", "strong|partial|low-fit", "how good the meeting was"),
            .value("match", "accurate|overstated|unclear", "whether the message set the right expectation"),
            .value("next", "continue|nurture|disqualify|rework-targeting", "what happens next"),
            .value("objection", "TAG", "an objection heard, from the playbook's taxonomy", repeatable: true),
            .value("buyer-said", "TEXT", "one line of what the buyer said"),
            .value("rule", "RULE", "the acceptance rule a rejected meeting failed", repeatable: true),
            .value("requalify-signal", "KIND", "a recycle comes back on a new signal of this kind", repeatable: true),
            .value("requalify-score", "POINTS", "a recycle comes back when its score reaches this"),
            .value("requalify-on", "DATE", "a recycle comes back on this date (ISO 8601)"),
            .flag("codes", "list the playbook's reason codes, objection tags and acceptance rules, and exit"),
        ],
        examples: [
            "accord feedback L0000001 rejected --reason wrong-persona --note 'IT admin, not finance' --match overstated",
            "accord feedback L0000002 accepted --quality strong --objection security-review --buyer-said 'SOC 2?'",
            "accord feedback L0000003 recycled --reason poor-timing --requalify-on 2027-01-15",
            "accord feedback --codes",
        ]
    ) { arguments, console in
        if arguments.has("codes") {
            try printTaxonomy(console)
            return
        }
        let id = LeadID(try arguments.positional(0, "LEAD"))
        let verdictText = try arguments.positional(1, "VERDICT")
        guard let outcome = Disposition.Outcome(rawValue: verdictText) else {
            throw CLIError.usage("VERDICT is accepted, rejected or recycled, got '\(verdictText)'")
        }
        var disposition = Disposition(
            outcome: outcome, reasonCode: arguments.value("reason"), note: arguments.value("note"),
            meetingQuality: try arguments.choice("quality"), messageMatch: try arguments.choice("match"),
            nextAction: try arguments.choice("next"), objections: arguments.all("objection"),
            buyerSaid: arguments.value("buyer-said"), failedRules: arguments.all("rule"))
        let kinds = arguments.all("requalify-signal").map(SignalKind.init(rawValue:))
        let score = try arguments.value("requalify-score").map { text throws(CLIError) in
            guard let points = Double(text), points.isFinite else {
                throw CLIError.usage("--requalify-score expects a number of points, got '\(text)'")
            }
            return points
        }
        let date = try arguments.value("requalify-on").map { text throws(CLIError) in
            try ValueParsing.instant(text, option: "requalify-on")
        }
        if !kinds.isEmpty || score != nil || date != nil {
            guard outcome == .recycled else { throw CLIError.usage("--requalify-* options apply to a recycle only") }
            disposition.requalify = RequalifyTrigger(signalKinds: kinds, scoreAtLeast: score, on: date)
        }
        let actor: EventActor = arguments.value("by").map { .person($0) } ?? .integration("cli")
        let state = try await console.dataDirectory.withEngine { engine in
            try await engine.recordDisposition(disposition, on: id, by: actor)
        }
        if console.json {
            try console.printJSON(LeadView(state))
        } else {
            console.print("recorded \(outcome.rawValue)\(disposition.reasonCode.map { " (\($0))" } ?? "") on \(id)")
            if let trigger = state.disposition?.requalify, outcome == .recycled {
                console.print("  now \(state.stage); \(FeedbackPolicy.describe(trigger))")
            }
        }
    }

    private static func printTaxonomy(_ console: Console) throws {
        let playbook = try console.dataDirectory.loadPlaybook()
        if console.json {
            try console.printJSON(
                FeedbackTaxonomyOutput(
                    reasonCodes: playbook.reasonCodes.codes, objections: playbook.feedback.objections,
                    acceptanceRules: playbook.feedback.acceptance?.rules ?? []))
            return
        }
        console.print("REASON CODES")
        TextColumns.lines(
            playbook.reasonCodes.codes.map { code in
                let allowed = code.allowedFor.map(\.rawValue).joined(separator: ", ")
                return [code.code, "\(code.label) — for \(allowed)\(code.requiresNote ? "; needs a note" : "")"]
            }
        ).forEach(console.print)
        console.print("OBJECTION TAGS")
        TextColumns.lines(
            playbook.feedback.objections.map { tag in
                [tag.tag, tag.label + (tag.content.map { " — answered by: \($0)" } ?? "")]
            }
        ).forEach(console.print)
        if let rules = playbook.feedback.acceptance?.rules {
            console.print("ACCEPTANCE RULES (booked meetings)")
            TextColumns.lines(rules.map { [$0.id, $0.label] }).forEach(console.print)
        }
    }
}

struct FeedbackTaxonomyOutput: Codable {
    var reasonCodes: [ReasonCode]
    var objections: [ObjectionTag]
    var acceptanceRules: [AcceptanceRule]
}
