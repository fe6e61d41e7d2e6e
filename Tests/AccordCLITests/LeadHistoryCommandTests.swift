import Foundation
import Testing

/// `accord import` of lead history (creation dates, stages, dates as exported, the mapping
/// shown by a dry run) and `accord capture --at`, through the real binary.
struct LeadHistoryCommandTests {
    private static func write(_ text: String, to name: String, in workspace: Workspace) throws {
        try Data(text.utf8).write(to: workspace.url.appendingPathComponent(name))
    }

    private static func json(_ output: AccordProcess.Output) throws -> [String: Any] {
        try #require(output.status == 0, "failed: \(output.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    static let mqls = """
        mql_id,first_contact_date,origin,Notes
        M1,15-01-2018,organic_search,x
        M2,02-03-2018,paid_search,y

        """

    @Test func importsAFileOfMQLsWithDayFirstDatesAsHistory() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Self.write(Self.mqls, to: "mqls.csv", in: workspace)
        let imported = try Self.json(
            try workspace.run(
                "import", "mqls.csv", "--stage", "mql", "--date-format", "DD-MM-YYYY", "--map",
                "mql_id=external:funnel,origin=source,Notes=-", "--json"))
        #expect(imported["created"] as? Int == 2)
        #expect(imported["historyStageMoves"] as? Int == 2)
        let lead = try Self.json(try workspace.run("lead", "show", "L0000001", "--json"))
        #expect(lead["createdAt"] as? String == "2018-01-15T00:00:00Z")
        #expect(lead["stage"] as? String == "mql")
        let explain = try workspace.run("lead", "explain", "L0000001")
        #expect(explain.stdout.contains("imported from mqls.csv: the row puts the lead in 'mql'"))
        let again = try Self.json(
            try workspace.run(
                "import", "mqls.csv", "--stage", "mql", "--date-format", "DD-MM-YYYY", "--map",
                "mql_id=external:funnel,origin=source,Notes=-", "--json"))
        #expect(again["created"] as? Int == 0 && again["historyStageMoves"] as? Int == 0)
    }

    @Test func aDayMonthDateWithoutAFormatIsARowErrorNamingTheOption() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Self.write("email,Created Date\nana@acme.com,01-02-2018\n", to: "leads.csv", in: workspace)
        for dryRun in [true, false] {
            let output = try AccordProcess.run(
                ["import", "leads.csv"] + (dryRun ? ["--dry-run"] : []), in: workspace.url)
            #expect(output.status == 2)
            #expect(output.stderr.contains("line 2"))
            #expect(output.stderr.contains("Created Date"))
            #expect(output.stderr.contains("--date-format DD-MM-YYYY (day first) or MM-DD-YYYY (month first)"))
            #expect(!output.stderr.contains("01-02-2018"))
        }
    }

    @Test func theDryRunShowsTheMappingAndFindsEveryProblemTheImportWould() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Self.write(Self.mqls, to: "mqls.csv", in: workspace)
        let arguments = [
            "import", "mqls.csv", "--stage", "mql", "--map", "mql_id=external:funnel,Notes=-",
            "--date-format", "DD-MM-YYYY",
        ]
        let text = try AccordProcess.run(arguments + ["--dry-run"], in: workspace.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("2 rows are valid"))
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("mql_id") && $0.hasSuffix("→ external:funnel") })
        #expect(lines.contains { $0.contains("first_contact_date") && $0.hasSuffix("→ createdAt") })
        #expect(lines.contains { $0.contains("origin") && $0.hasSuffix("→ attributes.origin") })
        #expect(lines.contains("  ignored: Notes"))
        #expect(lines.contains("  dates: DD-MM-YYYY; every row's stage: mql"))
        let json = try Self.json(try AccordProcess.run(arguments + ["--dry-run", "--json"], in: workspace.url))
        #expect(json["valid"] as? Int == 2 && json["imported"] as? Int == 0)
        let mapping = try #require(json["mapping"] as? [String: Any])
        let columns = try #require(mapping["columns"] as? [[String: Any]])
        #expect(columns.map { $0["column"] as? String } == ["mql_id", "first_contact_date", "origin", "Notes"])
        #expect(columns.map { $0["target"] as? String } == ["external:funnel", "createdAt", "attributes.origin", nil])
        #expect(mapping["stage"] as? String == "mql")

        // A bad row: the dry run and the import report the same problems, and import nothing.
        try Self.write(Self.mqls + "M3,31-02-2018,x,z\n", to: "mqls.csv", in: workspace)
        let dry = try AccordProcess.run(arguments + ["--dry-run"], in: workspace.url)
        let real = try AccordProcess.run(arguments, in: workspace.url)
        #expect(dry.status == 2 && real.status == 2)
        let problem = "line 4, column \"first_contact_date\""
        #expect(dry.stderr.contains(problem) && real.stderr.contains(problem))
        #expect(try workspace.run("lead", "show", "L0000001").status == 3)
    }

    @Test func refusesAnUnknownStageOrTimeZone() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Self.write(Self.mqls, to: "mqls.csv", in: workspace)
        let stage = try workspace.run("import", "mqls.csv", "--stage", "nurture")
        #expect(stage.status == 2 && stage.stderr.contains("--stage expects a stage of the playbook"))
        let zone = try workspace.run("import", "mqls.csv", "--time-zone", "Mars/Olympus")
        #expect(zone.status == 2 && zone.stderr.contains("unknown time zone"))
        let signals = try workspace.run("import", "mqls.csv", "--kind", "signals", "--stage", "mql")
        #expect(signals.status == 2 && signals.stderr.contains("--stage is for --kind leads"))
    }

    @Test func helpListsTheMappingTargetsOfEveryKind() throws {
        let workspace = try Workspace()
        let help = try workspace.run("import", "--help")
        #expect(help.status == 0)
        for heading in [
            "MAPPING TARGETS (--kind leads):", "MAPPING TARGETS (--kind signals):",
            "MAPPING TARGETS (--kind opportunities):", "HubSpot contacts, Salesforce leads, Salesforce contacts",
        ] {
            #expect(help.stdout.contains(heading), "\(heading)")
        }
        for target in ["createdAt", "stageDate", "occurredAt", "idempotencyKey", "dealStage", "closeDate"] {
            #expect(help.stdout.contains("  \(target) "), "\(target)")
        }
    }

    @Test func captureAtAnEarlierTimeDatesTheLeadAndRefusesTheFuture() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        let future = try workspace.run("capture", "--email", "ana@acme.com", "--at", "2999-01-01T00:00:00Z")
        #expect(future.status == 2 && future.stderr.contains("--at is in the future"))
        #expect(try workspace.run("lead", "show", "L0000001").status == 3)
        let past = try workspace.run("capture", "--email", "ana@acme.com", "--at", "2018-01-15T10:30:00Z")
        #expect(past.status == 0, "\(past.stderr)")
        let lead = try Self.json(try workspace.run("lead", "show", "L0000001", "--json"))
        #expect(lead["createdAt"] as? String == "2018-01-15T10:30:00Z")
    }
}
