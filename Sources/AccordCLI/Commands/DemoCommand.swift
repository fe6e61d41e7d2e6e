import Accord
import Foundation
import LeadModel
import Scoreboard

extension CommandDefinition {
    static let demo = CommandDefinition(
        name: "demo",
        summary: "Run a deterministic synthetic quarter through Accord into a local data directory.",
        discussion: """
            Generates a quarter of funnel activity (sources and campaigns of different quality, \
            a mix of ICP fit, signal streams, the same people arriving from a form tool and an \
            outbound tool, webhooks delivered twice), records it through the engine while the \
            demo's sales team works its handoffs (touches, dispositions with reason codes, deals \
            won and lost), prints what happened and what to try next, and ends with the \
            quarter's scoreboard by campaign. The same --seed gives the same journal. A data \
            directory made by an earlier demo is replaced; any other non-empty directory is refused.
            """,
        options: [
            .value("seed", "N", "the generator's seed (default 2026)"),
            .value("leads", "N", "how many people the quarter brings (default 3000)"),
        ],
        examples: ["swift run accord demo", "accord demo --data /tmp/accord-demo --seed 7 --leads 10000"]
    ) { arguments, console in
        let seed = try arguments.integer("seed", default: 2026, range: 0...Int(Int32.max))
        let leads = try arguments.integer("leads", default: 3_000, range: 1...2_000_000)
        let directory = console.dataDirectory
        try prepareDemoDirectory(directory)

        let quarter = SyntheticQuarter(seed: UInt64(seed), leads: leads)
        let records = quarter.records()
        let clock = ManualClock(quarter.start)
        let started = Date()
        var summary = IngestSummary()
        var funnel = StageFunnel()
        var bySource: [String: Int] = [:]
        var byOwner: [String: Int] = [:]
        var clocksStarted = 0
        var clocksMet = 0
        var clocksBreached = 0
        var escalations = 0
        var verdicts = (inTime: 0, late: 0)
        var example: (merged: LeadID?, any: LeadID?, account: AccountID?, handedOff: LeadID?) = (nil, nil, nil, nil)
        let assignments = DemoAssignments()
        var reps = DemoReps(seed: UInt64(seed))
        let demoQuery = ScoreboardQuery(
            period: .quarter(year: 2026, quarter: 3), view: .cohort, slicedBy: .campaign,
            timeZone: TimeZone(identifier: "UTC")!)
        let (eventCount, board, page): (UInt64, Scoreboard, ReportPage) = try await directory.withEngine(
            now: { clock.now }, sinks: [assignments]
        ) { engine in
            var index = 0
            while index < records.count {
                let hourEnd = records[index].at.addingTimeInterval(3_600)
                var batch: [IngestItem] = []
                while index < records.count, records[index].at < hourEnd, batch.count < 2_000 {
                    batch.append(records[index].item)
                    index += 1
                }
                let batchTime = records[index - 1].at
                // Reps answer their new leads (some fast, some late, some never) and the clocks
                // that nobody answered warn, breach and escalate as the quarter goes by.
                try await reps.touch(until: batchTime, clock: clock, engine: engine)
                clock.set(batchTime)
                try await engine.tick()
                let result = try await engine.ingest(batch, by: .integration("demo"))
                summary.add(result)
                reps.schedule(await assignments.drain(), after: clock.now)
                console.progress(
                    "recording the quarter: \(index * 100 / records.count)% (\(index)/\(records.count) records)")
            }
            console.progressDone()
            try await reps.touch(until: quarter.start + quarter.length, clock: clock, engine: engine)
            try await engine.tick()
            for try await event in engine.store.events() {
                funnel.apply(event)
                switch event.payload {
                // First-touch clocks; disposition deadlines are sales' verdicts, counted apart.
                case .slaStarted(let started) where !started.id.isDisposition: clocksStarted += 1
                case .slaMet(let id) where !id.isDisposition: clocksMet += 1
                case .slaBreached(let id) where !id.isDisposition: clocksBreached += 1
                case .slaMet(let id) where id.isDisposition: verdicts.inTime += 1
                case .slaBreached(let id) where id.isDisposition: verdicts.late += 1
                case .slaEscalated: escalations += 1
                default: break
                }
            }
            for state in await engine.activeLeads() {
                bySource[state.lead.source ?? "unknown", default: 0] += 1
                if let owner = state.owner { byOwner[owner.description, default: 0] += 1 }
                if example.merged == nil, !state.absorbed.isEmpty { example.merged = state.id }
                if example.any == nil { example.any = state.id }
                if example.handedOff == nil, state.stage == .sql { example.handedOff = state.id }
                if example.account == nil, let account = state.lead.accountID,
                    await engine.contacts(of: account).count > 1
                {
                    example.account = account
                }
            }
            let (board, page) = try await engine.reportPage(demoQuery)
            return (await engine.journalPosition?.rawValue ?? 0, board, page)
        }
        let reportURL = directory.root.appendingPathComponent("report.html")
        let reportPath = reportURL.path
        try CommandDefinition.writeHTML(page, to: reportURL)
        let seconds = Date().timeIntervalSince(started)
        let bytes = directorySize(directory.journalURL)
        let output = DemoOutput(
            directory: directory.root.path, seed: seed, records: records.count, people: funnel.leads,
            created: summary.created, matchedDuplicates: summary.matched, mergedLeads: summary.merged,
            signalsRecorded: summary.signalsRecorded, duplicateDeliveriesIgnored: summary.duplicateSignals,
            events: Int(eventCount), journalBytes: bytes, seconds: seconds, leadsBySource: bySource,
            reachedMQL: funnel.reached(.mql), reachedSQL: funnel.reached(.sql), leadsByOwner: byOwner,
            clocksStarted: clocksStarted, clocksMet: clocksMet, clocksBreached: clocksBreached,
            escalations: escalations,
            exampleLead: (example.merged ?? example.any)?.rawValue, handedOffLead: example.handedOff?.rawValue,
            sales: DemoSalesOutput(reps.counts), scoreboard: board)
        if console.json {
            try console.printJSON(output)
            return
        }
        let rate = seconds > 0 ? Int(Double(eventCount) / seconds) : 0
        console.print("Accord demo — a synthetic quarter (seed \(seed)) recorded in \(directory.root.path)")
        console.print("")
        console.print("  \(records.count) records from forms, an outbound tool and webhooks")
        console.print("  \(funnel.leads) people captured (\(summary.created) leads created)")
        console.print("  \(summary.matched) records recognised as people already known (email case, phone format, ids)")
        console.print("  \(summary.merged) leads merged when a record proved two leads to be one person")
        console.print(
            "  \(summary.signalsRecorded) signals recorded, \(summary.duplicateSignals) duplicate deliveries ignored")
        console.print(
            "  \(eventCount) events in the journal, \(bytes / 1024) KiB on disk, \(String(format: "%.1f", seconds)) s (\(rate) events/s)"
        )
        console.print("")
        console.print("  Funnel, scored and qualified by the default playbook:")
        console.print(
            "    \(funnel.leads) leads → \(funnel.reached(.mql)) reached MQL → \(funnel.reached(.sql)) reached SQL"
                + " (a quote or demo request goes straight to SQL)")
        console.print("")
        console.print("  Handoffs routed by the demo team's rules (owner: leads):")
        for (owner, count) in byOwner.sorted(by: { $0.key < $1.key }) {
            console.print("    " + owner.padding(toLength: 22, withPad: " ", startingAt: 0) + String(count))
        }
        console.print(
            "    \(clocksStarted) response clocks started: \(clocksMet) met, \(clocksBreached) breached, "
                + "\(escalations) escalation steps")
        console.print(
            "    verdict deadlines (accept, reject or recycle): \(verdicts.inTime) in time, \(verdicts.late) late")
        let sales = reps.counts
        console.print(
            "    Sales dispositions: \(sales.accepted) accepted, \(sales.rejected) rejected, \(sales.recycled) recycled; "
                + "\(sales.opened) deals opened, \(sales.won) won, \(sales.lost) lost")
        console.print("")
        console.print("  Leads by source:")
        for (source, count) in bySource.sorted(by: { $0.value > $1.value }) {
            console.print("    " + source.padding(toLength: 22, withPad: " ", startingAt: 0) + String(count))
        }
        console.print("")
        console.print("Next:")
        let data = directory.root.path == DataDirectory.resolve(nil).root.path ? "" : " --data \(directory.root.path)"
        if let lead = example.handedOff {
            console.print("  swift run accord lead explain \(lead)\(data)     # why this lead was handed to sales")
        }
        if let lead = example.merged ?? example.any {
            console.print("  swift run accord lead show \(lead)\(data)")
            let why = example.merged == nil ? "" : "     # both histories of a merged person"
            console.print("  swift run accord lead timeline \(lead)\(data)\(why)")
            if let account = example.account {
                console.print("  swift run accord account show \(account)\(data)")
            }
        }
        console.print("  swift run accord signal quote-requested --email someone@example.com\(data)")
        console.print("  swift run accord report --period 2026-Q3 --time-zone UTC --by source\(data)")
        console.print("  open \(reportPath)     # the quarter on one page, for a sales leader")
        console.print("  swift run accord help")
        console.print("")
        for line in ScoreboardTable.render(board) { console.print(line) }
        // Last: what sales said about marketing's handoffs (accord feedback report).
        let feedback = try await directory.withEngine { engine in try await engine.feedbackFacts() }
        console.print("")
        FeedbackReportView(feedback, playbook: demoPlaybook).lines(maximumRows: 8)
            .forEach(console.print)
    }

    /// Makes sure the demo may write to `directory`: empty, missing, or made by an earlier demo.
    static func prepareDemoDirectory(_ directory: DataDirectory) throws {
        let manager = FileManager.default
        let contents = (try? manager.contentsOfDirectory(atPath: directory.root.path)) ?? []
        if !contents.isEmpty {
            guard manager.fileExists(atPath: directory.demoMarkerURL.path) else {
                throw CLIError(
                    status: .usage, message: "\(directory.root.path) holds data that the demo did not create",
                    details: ["the demo never overwrites real data; run it elsewhere with --data ./accord-demo"])
            }
            try manager.removeItem(at: directory.root)
        }
        try manager.createDirectory(at: directory.root, withIntermediateDirectories: true)
        try Data("This directory was created by `accord demo` and is replaced by the next demo.\n".utf8)
            .write(to: directory.demoMarkerURL)
        try demoPlaybook.jsonData().write(to: directory.playbookURL, options: .atomic)
    }

    /// The default agreement with the demo's sales team for routing, matching leads to accounts
    /// by name and country as well as email domain.
    static var demoPlaybook: Playbook {
        var playbook = Playbook.standard
        playbook.name = "Demo agreement"
        playbook.routing = DemoTeam.routing
        playbook.accountMatching = AccountMatchingConfiguration()
        return playbook
    }

    static func directorySize(_ url: URL) -> Int {
        guard let files = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey]) else {
            return 0
        }
        var total = 0
        for case let file as URL in files {
            total += (try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return total
    }
}

struct DemoOutput: Codable {
    var directory: String
    var seed: Int
    var records: Int
    var people: Int
    var created: Int
    var matchedDuplicates: Int
    var mergedLeads: Int
    var signalsRecorded: Int
    var duplicateDeliveriesIgnored: Int
    var events: Int
    var journalBytes: Int
    var seconds: Double
    var leadsBySource: [String: Int]
    var reachedMQL: Int
    var reachedSQL: Int
    var leadsByOwner: [String: Int]
    var clocksStarted: Int
    var clocksMet: Int
    var clocksBreached: Int
    var escalations: Int
    var exampleLead: String?
    var handedOffLead: String?
    var sales: DemoSalesOutput
    var scoreboard: Scoreboard
}

/// What the demo's sales team did with its handoffs.
struct DemoSalesOutput: Codable {
    var accepted: Int
    var rejected: Int
    var recycled: Int
    var dealsOpened: Int
    var dealsWon: Int
    var dealsLost: Int

    init(_ counts: (accepted: Int, rejected: Int, recycled: Int, opened: Int, won: Int, lost: Int)) {
        accepted = counts.accepted
        rejected = counts.rejected
        recycled = counts.recycled
        dealsOpened = counts.opened
        dealsWon = counts.won
        dealsLost = counts.lost
    }
}
