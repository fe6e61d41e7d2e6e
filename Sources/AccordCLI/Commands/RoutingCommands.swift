import Accord
import Foundation
import LeadModel
import Routing

extension CommandDefinition {
    static let reps = CommandDefinition(
        name: "reps",
        summary: "Show each rep's load, capacity and availability now, as the router sees them.",
        discussion: """
            Needs a routing section in the playbook. With value-balanced pools, also the expected \
            value each rep received (score × deal size, decayed by the pool's half-life).
            """,
        examples: ["accord reps", "accord reps --json"]
    ) { _, console in
        let statuses = try await console.dataDirectory.withEngine { engine in await engine.repStatuses() }
        guard let statuses else {
            throw CLIError(
                status: .usage, message: "the playbook has no routing section",
                details: ["add reps, pools and rules under \"routing\"; see Documentation/Routing.md"])
        }
        if console.json {
            try console.printJSON(statuses.map(RepOutput.init))
            return
        }
        // Value received is shown when a value-balanced pool has handed out leads.
        let showsValue = statuses.contains { $0.valueReceived > 0 }
        var rows = [["rep", "open", "new today"] + (showsValue ? ["value received"] : []) + ["now"]]
        for status in statuses {
            rows.append(
                [
                    status.rep, "\(status.openLeads)" + (status.maxOpen.map { "/\($0)" } ?? ""),
                    "\(status.newToday)" + (status.maxNewPerDay.map { "/\($0)" } ?? ""),
                ] + (showsValue ? [String(format: "%.0f", status.valueReceived)] : [])
                    + [status.unavailable ?? "available"])
        }
        TextColumns.lines(rows, indent: "").forEach(console.print)
    }

    static let assign = CommandDefinition(
        name: "assign",
        summary: "Assign a lead by hand to a rep or a queue, with a reason; clocks restart or keep as the tier says.",
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        options: [
            .value("to", "REP|queue:NAME", "the new owner (required)"),
            .value("reason", "TEXT", "why, stored with the assignment (required)"),
            .value("by", "PERSON", "who reassigns (default: cli)"),
        ],
        examples: [
            "accord assign L0000042 --to james --reason 'maria is on leave'", "accord assign L0000042 --to queue:emea",
        ]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        guard let target = arguments.value("to"), !target.isEmpty else { throw CLIError.usage("--to is required") }
        guard let reason = arguments.value("reason"), !reason.isEmpty else {
            throw CLIError.usage("--reason is required: every reassignment says why")
        }
        let owner: Owner = target.hasPrefix("queue:") ? .queue(String(target.dropFirst(6))) : .rep(target)
        let playbook = try console.dataDirectory.loadPlaybook()
        if case .rep(let rep) = owner, let known = playbook.routing?.reps.map(\.id), !known.contains(rep) {
            throw CLIError(
                status: .notFound, message: "no rep '\(rep)' in the playbook's routing section",
                details: ["reps: \(known.joined(separator: ", "))"])
        }
        let actor: EventActor = arguments.value("by").map { .person($0) } ?? .integration("cli")
        let state = try await console.dataDirectory.withEngine { engine in
            try await engine.assign(id, to: owner, by: actor, reason: reason)
        }
        if console.json {
            try console.printJSON(LeadView(state))
        } else {
            console.print(
                "\(id) is now owned by \(owner)"
                    + (state.openClocks.isEmpty ? "" : "; response clocks restart or keep as their tiers say"))
        }
    }

    static let sla = CommandDefinition(
        name: "sla",
        summary: "Show open response clocks, soonest deadline first, and record any steps now due.",
        discussion: """
            Runs the engine's tick first, so warnings, breaches and escalation steps that fell due \
            since the last command are recorded before the list is printed.
            """,
        options: [.value("limit", "N", "show at most N clocks (default 20)")],
        examples: ["accord sla", "accord sla --limit 100 --json"]
    ) { arguments, console in
        let limit = try arguments.integer("limit", default: 20, range: 1...100_000)
        let now = Date()
        let (recorded, clocks, paused) = try await console.dataDirectory.withEngine(now: { now }) { engine in
            let recorded = try await engine.tick()
            let clocks = await engine.openClocks()
            var paused: [SLAClockID: Date] = [:]
            for (_, clock) in clocks {
                if let since = await engine.pausedSince(clock.id) { paused[clock.id] = since }
            }
            return (recorded, clocks, paused)
        }
        if console.json {
            try console.printJSON(
                SLAOutput(
                    recordedSteps: recorded,
                    open: clocks.prefix(limit).map {
                        SLAOutput.Clock(
                            lead: $0.lead.rawValue, clock: $0.clock, now: now, pausedSince: paused[$0.clock.id])
                    },
                    openCount: clocks.count))
            return
        }
        if recorded > 0 { console.print("recorded \(recorded) clock step\(recorded == 1 ? "" : "s") that fell due") }
        console.print("\(clocks.count) open response clock\(clocks.count == 1 ? "" : "s")")
        let rows = clocks.prefix(limit).map { lead, clock in
            let left = clock.deadline.timeIntervalSince(now)
            var when = left >= 0 ? "due in \(Self.duration(left))" : "overdue by \(Self.duration(-left))"
            if let since = paused[clock.id] { when = "paused since \(since.formatted(.iso8601))" }
            return [
                "\(lead)", clock.tier, clock.owner?.description ?? "-",
                "\(clock.deadline.formatted(.iso8601))  \(when)",
            ]
        }
        TextColumns.lines(rows).forEach(console.print)
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        if minutes < 60 { return "\(minutes)m" }
        if minutes < 48 * 60 { return "\(minutes / 60)h\(minutes % 60 > 0 ? " \(minutes % 60)m" : "")" }
        return "\(minutes / 1_440)d"
    }
}
