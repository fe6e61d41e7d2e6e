import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let routeExplain = CommandDefinition(
        name: "route explain",
        summary: "Why a lead went where it did: every rule considered, every candidate skipped, per assignment.",
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        examples: ["accord route explain L0000042", "accord route explain L0000042 --json"]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        let assignments = try await console.dataDirectory.withEngine { engine in try await engine.assignments(of: id) }
        if console.json {
            try console.printJSON(assignments.map(RouteExplanation.init))
            return
        }
        guard !assignments.isEmpty else {
            console.print("\(id) was never assigned")
            return
        }
        for (number, event) in assignments.enumerated() {
            guard case .assigned(let assignment) = event.payload else { continue }
            let version = event.playbookVersion.map { ", playbook \($0)" } ?? ""
            console.print(
                "assignment \(number + 1): \(assignment.owner) at \(event.occurredAt.formatted(.iso8601)) "
                    + "by \(assignment.router) (\(event.actor)\(version))")
            for line in RouteExplanation.lines(event.reasons) { console.print("  " + line) }
        }
    }
}

/// One assignment with its trail, grouped the way a person reads it.
struct RouteExplanation: Codable {
    var at: Date
    var owner: String
    var router: String
    var reasons: [Reason]

    init(_ event: LeadEvent) {
        at = event.occurredAt
        if case .assigned(let assignment) = event.payload {
            owner = assignment.owner.description
            router = assignment.router
        } else {
            owner = ""
            router = ""
        }
        reasons = event.reasons
    }

    /// The trail in words: rules tried (matched or not, and why), candidates skipped, the turn.
    static func lines(_ reasons: [Reason]) -> [String] {
        reasons.map { reason in
            let rule = reason.rule
            if rule.hasPrefix("rule:") {
                let name = String(rule.dropFirst(5))
                return reason.detail.hasPrefix("matched")
                    ? "✓ rule \(name) \(reason.detail)" : "✗ rule \(name): \(reason.detail)"
            }
            if rule.hasPrefix("skip:") { return "– skipped \(rule.dropFirst(5)): \(reason.detail)" }
            if rule.hasPrefix("pool-turn:") { return "→ turn of pool \(rule.dropFirst(10)) among \(reason.detail)" }
            return "· \(rule): \(reason.detail)"
        }
    }
}
