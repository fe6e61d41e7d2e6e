import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let leadList = CommandDefinition(
        name: "lead list",
        summary: "List leads, oldest first, filtered by source, campaign, stage or owner.",
        discussion: """
            Shows what came in, for example after an import: one line per person (leads merged \
            into another are left out; the survivor stands for the person) with its id, stage, \
            creation time, source, campaign, company and owner, and how many leads match in all.
            """,
        options: [
            .value("source", "SOURCE", "only leads from this source"),
            .value("campaign", "CAMPAIGN", "only leads from this campaign"),
            .value("stage", "STAGE", "only leads in this stage now"),
            .value("owner", "REP|queue:NAME", "only leads owned by this rep or queue"),
            .value("limit", "N", "list at most N leads (default 50; 0 lists only the count)"),
            .flag("all", "list every matching lead"),
        ],
        examples: [
            "accord lead list", "accord lead list --source webinar --stage mql --limit 20",
            "accord lead list --owner queue:after-hours --all --json",
        ]
    ) { arguments, console in
        if arguments.has("all"), arguments.value("limit") != nil {
            throw CLIError.usage("give --limit or --all, not both")
        }
        let limit = arguments.has("all") ? nil : try arguments.integer("limit", default: 50, range: 0...1_000_000)
        let stage = try arguments.value("stage").map { text in
            let graph = try console.dataDirectory.loadPlaybook().stages.graph
            guard graph.contains(Stage(text)) else {
                throw CLIError.usage(
                    "--stage expects one of the playbook's stages (\(graph.stages.map(\.rawValue).joined(separator: ", "))), got '\(text)'"
                )
            }
            return Stage(text)
        }
        let query = LeadQuery(
            source: arguments.value("source"), campaign: arguments.value("campaign"), stage: stage,
            owner: arguments.value("owner"), limit: limit)
        let (total, leads) = try await console.dataDirectory.withEngine { engine in
            await engine.leads(matching: query)
        }
        if console.json {
            try console.printJSON(LeadListOutput(total: total, leads: leads.map(LeadView.init)))
            return
        }
        console.print(
            "\(total) lead\(total == 1 ? "" : "s")" + (leads.count < total ? ", showing the first \(leads.count)" : ""))
        guard !leads.isEmpty else { return }
        var rows = [["lead", "stage", "created", "source", "campaign", "company", "owner"]]
        for state in leads {
            rows.append([
                state.lead.id.rawValue, state.stage.rawValue, state.createdAt.formatted(.iso8601),
                state.lead.source ?? "-", state.lead.campaign ?? "-", state.lead.company ?? "-",
                state.owner?.description ?? "-",
            ])
        }
        TextColumns.lines(rows).forEach(console.print)
    }
}

/// `accord lead list --json`: how many leads match, and the ones listed.
struct LeadListOutput: Codable {
    var total: Int
    var leads: [LeadView]
}
