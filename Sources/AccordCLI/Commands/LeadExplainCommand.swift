import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let leadExplain = CommandDefinition(
        name: "lead explain",
        summary: "Explain a lead from its journal: why it has its stage, score, owner and clocks.",
        discussion: """
            Every decision Accord records carries its reasons and the playbook version that made \
            it; this reads them back, grouped by what they decided. The latest score is shown with \
            every contribution; a lead's deals, when it has any, with where they came from (an \
            import names its file). A move its rules asked for and a handoff gate refused is shown \
            as "not moved", with the rule, the target stage and the missing fields; for a lead \
            qualification could still move, what each threshold lacks and why each trigger did \
            not fire. With account matching on, how the lead came to its account: the match's \
            confidence and evidence, a review and reviewers' decisions.
            """,
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        examples: ["accord lead explain L0000001", "accord lead explain L0000001 --json"]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        let (state, events) = try await console.dataDirectory.withStore { store in
            let reader = LeadReader(store: store)
            return (try await reader.state(of: id), try await reader.timeline(of: id, includingMerged: true))
        }
        let playbook = try console.dataDirectory.loadPlaybook()
        var explanation = LeadExplanation(state: state, events: events)
        let policies = try? console.dataDirectory.plugins.configuration(for: playbook)
        explanation.addOutlook(
            of: state, playbook: playbook, scorer: policies?.scorer,
            routed: policies.map { $0.router != nil } ?? (playbook.routing != nil), now: Date())
        if console.json {
            try console.printJSON(explanation)
        } else {
            for line in explanation.lines { console.print(line) }
        }
    }
}

/// The text form of a lead's explanation (the JSON form is the SDK's ``LeadExplanation``).
extension LeadExplanation {
    var lines: [String] {
        var output = ["\(lead) is \(stage)" + (owner.map { ", owned by \($0)" } ?? "")]
        if let blocked {
            let since = blockedSince.map { " since \($0.formatted(.iso8601))" } ?? ""
            output.append("  not moved\(since): \(blocked.summary)")
        }
        func section(_ title: String, _ decisions: [Decision], empty: String) {
            output.append("")
            output.append(title)
            if decisions.isEmpty {
                output.append("  \(empty)")
                return
            }
            for item in decisions {
                var head = "  #\(item.position.map(String.init) ?? "?") \(item.at.formatted(.iso8601))  \(item.what)"
                head += "  [\(item.by)\(item.playbookVersion.map { ", " + EventLine.playbookLabel($0) } ?? "")]"
                output.append(head)
                output += item.reasons.map { "      because \($0.rule): \($0.detail)" }
            }
        }
        section("Stage", stages, empty: "never moved since capture")
        if let qualification {
            output.append("")
            output.append("Why not further (the playbook's qualification rules now)")
            output += qualification.map { "  \($0.rule) → \($0.to): \($0.detail)" }
        }
        output.append("")
        output.append("Score")
        if let score {
            let grade = score.grade.map { ", grade \($0)" } ?? ""
            output.append(
                "  \(LeadView.number(score.total)) = fit \(LeadView.number(score.fit)) + engagement \(LeadView.number(score.engagement))\(grade), by \(score.scorer)"
            )
            for contribution in score.contributions {
                let points = (contribution.points >= 0 ? "+" : "") + LeadView.number(contribution.points)
                output.append(
                    "    \(points) \(contribution.rule) (\(contribution.axis.rawValue)): \(contribution.evidence)")
            }
            output.append("  scored \(scores.count) time\(scores.count == 1 ? "" : "s")")
        } else {
            output.append("  not scored")
        }
        section("Owner", assignments, empty: unassigned.map { "not assigned: " + $0 } ?? "not assigned")
        section("Response clocks", clocks, empty: "no clock started")
        section("Dispositions", dispositions, empty: "no disposition recorded")
        section("Identity", identity, empty: "captured once, never merged")
        if let accounts { section("Account", accounts, empty: "") }
        if let deals { section("Deals", deals, empty: "") }
        return output
    }
}
