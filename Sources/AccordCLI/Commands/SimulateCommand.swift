import Accord
import Foundation
import LeadModel
import Scoreboard

extension CommandDefinition {
    static let simulate = CommandDefinition(
        name: "simulate",
        summary: "Replay the journal under a proposed playbook and compare it with what happened.",
        discussion: """
            Replays the journal's inputs — captures, signals, erasures — at the instants they \
            happened, on a virtual clock, with the proposed playbook making every decision: scores, \
            stage moves, routing, response clocks. Reps answer the simulated assignments after the \
            delay they took in reality. The report puts the proposal next to what happened: leads \
            entering each stage, handoffs, routing load per rep, clocks met and breached, and what \
            became, in reality, of the leads the proposal would hand off. Nothing is written to the \
            journal. --period limits what is counted (inputs before it are replayed too); without \
            it the whole journal is compared.
            """,
        options: [
            .value("proposed", "FILE", "the proposed playbook (required)"),
            .period(default: "all"),
            .value("time-zone", "TZ", "IANA time zone for period boundaries (default: this machine's)"),
        ],
        examples: [
            "accord simulate --proposed proposed.json",
            "accord simulate --proposed proposed.json --period 2026-Q3 --time-zone America/New_York --json",
        ]
    ) { arguments, console in
        guard let file = arguments.value("proposed") else {
            throw CLIError.usage("--proposed FILE is required: the playbook to try")
        }
        let directory = console.dataDirectory
        let proposed = try Playbook.load(contentsOf: URL(fileURLWithPath: file))
        let pluginIssues = proposed.validate(plugins: directory.plugins)
        guard pluginIssues.isEmpty else { throw PlaybookError(file: file, issues: pluginIssues) }
        let current = try directory.loadPlaybook()
        let timeZone = try CommandDefinition.timeZone(arguments)
        var period: DateInterval?
        let parsed = try arguments.period(default: "all", now: Date(), timeZone: timeZone)
        if parsed != .allTime {
            do {
                period = try parsed.interval(in: timeZone)
            } catch let error as ReportPeriodError {
                throw CLIError.usage("--period: \(error.description)")
            }
        }
        let started = Date()
        let events = try await directory.withStore { store in
            var events: [LeadEvent] = []
            for try await event in store.events() { events.append(event) }
            return events
        }
        let simulation = WhatIfSimulation(proposed: proposed, period: period, plugins: directory.plugins)
        let report = try await simulation.run(actual: events, current: current)
        if console.json {
            try console.printJSON(report)
            return
        }
        let periodText =
            period.map { "\($0.start.formatted(.iso8601)) … \($0.end.formatted(.iso8601))" } ?? "the whole journal"
        console.print("What if \(file) (version \(proposed.version)) had been the playbook — \(periodText)")
        console.print("")
        for line in WhatIfTable.lines(report, stages: proposed.stages) { console.print(line) }
        let seconds = Date().timeIntervalSince(started)
        var notes = "replayed \(report.inputsReplayed) inputs and \(report.touchesSimulated) first touches in "
        notes += String(format: "%.1f s", seconds)
        if !report.notReplayed.isEmpty {
            notes += "; not replayed: "
            notes += report.notReplayed.keys.sorted().map { "\(report.notReplayed[$0]!) \($0)" }.joined(separator: ", ")
        }
        console.print("")
        console.print(notes)
    }
}

/// The side-by-side table `accord simulate` prints.
enum WhatIfTable {
    /// The rows: the stages the rules decide (up to the handoff), routing, clocks, outcomes.
    static func lines(_ report: WhatIfReport, stages section: StagesSection) -> [String] {
        let handoff = section.handoff.rawValue
        var lines = [row("", "actual", "proposed", "change")]
        func add(_ label: String, _ actual: Int, _ proposed: Int) {
            let change = proposed - actual
            lines.append(
                row(label, "\(actual)", "\(proposed)", change == 0 ? "0" : (change > 0 ? "+\(change)" : "\(change)")))
        }
        let graph = section.graph.stages.map(\.rawValue)
        let decided = graph.prefix(through: graph.firstIndex(of: handoff) ?? graph.count - 1)
        for stage in decided {
            add(
                "Leads entering \(stage)", report.actual.enteredStage[stage] ?? 0,
                report.simulated.enteredStage[stage] ?? 0)
        }
        add("Handoffs (\(handoff))", report.actual.handoffs, report.simulated.handoffs)
        let reps = Set(report.actual.assignmentsByRep.keys).union(report.simulated.assignmentsByRep.keys).sorted()
        for rep in reps {
            add(
                "  assigned to \(rep)", report.actual.assignmentsByRep[rep] ?? 0,
                report.simulated.assignmentsByRep[rep] ?? 0)
        }
        add("  queued", report.actual.queued, report.simulated.queued)
        add("Response clocks started", report.actual.clocksStarted, report.simulated.clocksStarted)
        add("  met", report.actual.clocksMet, report.simulated.clocksMet)
        add("  breached", report.actual.clocksBreached, report.simulated.clocksBreached)
        add("Escalation steps", report.actual.escalations, report.simulated.escalations)
        lines.append("")
        lines.append("What became, in reality, of the leads the proposal hands off:")
        lines.append("  all of them:           " + describe(report.handedOffByProposal))
        lines.append("  newly handed off:      " + describe(report.newlyHandedOff))
        lines.append("  no longer handed off:  " + describe(report.noLongerHandedOff))
        return lines
    }

    static func describe(_ outcomes: WhatIfReport.Outcomes) -> String {
        guard outcomes.total > 0 else { return "none" }
        let parts = [
            (outcomes.converted, "converted"), (outcomes.rejected, "rejected"), (outcomes.recycled, "recycled"),
            (outcomes.acceptedOpen, "accepted, still open"), (outcomes.undecided, "no verdict yet"),
            (outcomes.neverHandedOff, "never handed off in reality"),
        ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return "\(outcomes.total) — " + parts.joined(separator: ", ")
    }

    static func row(_ label: String, _ actual: String, _ proposed: String, _ change: String) -> String {
        label.padding(toLength: 34, withPad: " ", startingAt: 0) + pad(actual, 9) + pad(proposed, 10) + pad(change, 9)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
