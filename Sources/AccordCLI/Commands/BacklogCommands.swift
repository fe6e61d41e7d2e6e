import Accord
import Feedback
import Foundation
import LeadModel

extension DataDirectory {
    /// The shared improvement backlog's file.
    var backlogFile: BacklogFile { BacklogFile(url: root.appendingPathComponent("backlog.json")) }
}

extension CommandDefinition {
    static let backlogAdd = CommandDefinition(
        name: "backlog add",
        summary: "Raise a fix in the shared backlog, or adopt the fixes the feedback patterns propose.",
        positionals: [PositionalSpec(name: "TITLE", help: "what to fix, in one line", optional: true)],
        options: [
            .value(
                "kind", "routing|scoring|messaging|enablement|content", "what the fix changes (required with TITLE)"),
            .value("owner", "WHO", "who owns it"),
            .flag("from-patterns", "add every fix proposed from rejection and objection patterns"),
        ],
        examples: [
            "accord backlog add 'ROI calculator for mid-market' --kind content --owner marketing",
            "accord backlog add --from-patterns",
        ]
    ) { arguments, console in
        let directory = console.dataDirectory
        let playbook = try directory.loadPlaybook()
        var backlog = try directory.backlogFile.load()
        let added: [BacklogItem]
        if arguments.has("from-patterns") {
            let facts = try await directory.withEngine { engine in try await engine.feedbackFacts() }
            added = backlog.adopt(
                BacklogProposal.proposals(from: facts, objections: playbook.feedback.objections), at: Date())
        } else {
            let title = try arguments.positional(0, "TITLE")
            guard let kind = try arguments.choice("kind", as: BacklogItem.Kind.self) else {
                throw CLIError.usage(
                    "--kind is required with TITLE: routing, scoring, messaging, enablement or content")
            }
            added = [try backlog.add(kind: kind, title: title, owner: arguments.value("owner"), at: Date())]
        }
        try directory.backlogFile.save(backlog)
        if console.json {
            try console.printJSON(added)
        } else if added.isEmpty {
            console.print("no new fixes: every proposal is already in the backlog")
        } else {
            for item in added { console.print("added " + BacklogText.line(item)) }
        }
    }

    static let backlogList = CommandDefinition(
        name: "backlog list",
        summary: "List the shared improvement backlog.",
        options: [
            .value("status", "open|in-progress|done|dropped", "only items with this status"),
            .value("kind", "routing|scoring|messaging|enablement|content", "only items of this kind"),
        ],
        examples: ["accord backlog list --status open"]
    ) { arguments, console in
        _ = try console.dataDirectory.loadPlaybook()
        let backlog = try console.dataDirectory.backlogFile.load()
        var items = backlog.items
        if let wanted = try arguments.choice("status", as: BacklogItem.Status.self) {
            items = items.filter { $0.status == wanted }
        }
        if let wanted = try arguments.choice("kind", as: BacklogItem.Kind.self) {
            items = items.filter { $0.kind == wanted }
        }
        if console.json {
            try console.printJSON(items)
        } else if items.isEmpty {
            console.print("the backlog has no such items (accord backlog add)")
        } else {
            for item in items { console.print(BacklogText.line(item)) }
        }
    }

    static let backlogUpdate = CommandDefinition(
        name: "backlog update",
        summary: "Change a backlog item's status, owner or kind.",
        positionals: [PositionalSpec(name: "ID", help: "the item's number")],
        options: [
            .value("status", "open|in-progress|done|dropped", "the new status"),
            .value("owner", "WHO", "the new owner"),
            .value("kind", "routing|scoring|messaging|enablement|content", "the new kind"),
        ],
        examples: ["accord backlog update 3 --status in-progress --owner sales-enablement"]
    ) { arguments, console in
        let text = try arguments.positional(0, "ID")
        guard let id = Int(text.hasPrefix("#") ? String(text.dropFirst()) : text) else {
            throw CLIError.usage("ID is an item number such as 3, got '\(text)'")
        }
        let status = try arguments.choice("status", as: BacklogItem.Status.self)
        let kind = try arguments.choice("kind", as: BacklogItem.Kind.self)
        guard status != nil || kind != nil || arguments.value("owner") != nil else {
            throw CLIError.usage("say what changes: --status, --owner or --kind")
        }
        _ = try console.dataDirectory.loadPlaybook()
        var backlog = try console.dataDirectory.backlogFile.load()
        let item: BacklogItem
        do {
            item = try backlog.update(id, status: status, owner: arguments.value("owner"), kind: kind, at: Date())
        } catch let error as BacklogError {
            throw CLIError(status: .notFound, message: error.message)
        }
        try console.dataDirectory.backlogFile.save(backlog)
        if console.json {
            try console.printJSON(item)
        } else {
            console.print("updated " + BacklogText.line(item))
        }
    }
}

enum BacklogText {
    static func line(_ item: BacklogItem) -> String {
        "#\(item.id) [\(item.kind.rawValue)] \(item.title) — \(item.status.rawValue)"
            + (item.owner.map { ", owner \($0)" } ?? ", no owner") + (item.origin == "proposed" ? ", proposed" : "")
            + (item.evidence.map { " (\($0))" } ?? "")
    }
}
