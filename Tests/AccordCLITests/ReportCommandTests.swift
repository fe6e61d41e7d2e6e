import Foundation
import Testing

@Suite(.serialized)
struct ReportCommandTests {
    @Test func dealsFromTheCommandLineReachTheReport() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        let lead = try workspace.run(
            "capture", "--email", "ana@acme.com", "--company", "Acme", "--source", "webinar", "--attr",
            "useCase=payroll")
        #expect(lead.stdout == "created L0000001\n")
        #expect(try workspace.run("lead", "stage", "L0000001", "sql").status == 0)
        let open = try workspace.run(
            "opportunity", "open", "L0000001", "--id", "OPP-1", "--amount", "24000", "--product", "payroll")
        #expect(open.status == 0)
        #expect(open.stdout.contains("the lead is now opportunity"))
        let second = try workspace.run("opportunity", "open", "L0000001", "--id", "OPP-2", "--amount", "1")
        #expect(second.status == 5)
        #expect(second.stderr.contains("already has an open opportunity"))
        let close = try workspace.run(
            "opportunity", "close", "L0000001", "--id", "OPP-1", "--outcome", "won", "--amount", "26000")
        #expect(close.stdout.contains("the lead is now won"))

        let csv = try workspace.run("report", "--period", "all", "--by", "source", "--format", "csv")
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("all time,cohort,source,total,1,1,1,1,1,0,"))
        #expect(lines[2].hasPrefix("all time,cohort,source,webinar,1,"))

        let json = try workspace.run("report", "--period", "all", "--view", "activity", "--json")
        let board = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let total = board?["total"] as? [String: Any]
        #expect(total?["revenueWon"] as? Double == 26_000)
        #expect(total?["pipelineCreated"] as? Double == 24_000)

        let table = try workspace.run("report", "--period", "all", "--time-zone", "Europe/Berlin")
        #expect(table.stdout.contains("Revenue won"))
        #expect(table.stdout.contains("26,000"))
        try Data("source,spend\nwebinar,13000\n".utf8).write(to: workspace.url.appendingPathComponent("spend.csv"))
        let spent = try workspace.run("report", "--period", "all", "--spend", "spend.csv", "--json")
        let spentTotal = (try JSONSerialization.jsonObject(with: Data(spent.stdout.utf8)) as? [String: Any])?["total"]
        #expect((spentTotal as? [String: Any])?["costPerClosedDeal"] as? Double == 13_000)
        try Data("source,spend\nwebinar,lots\n".utf8).write(to: workspace.url.appendingPathComponent("bad.csv"))
        let badSpend = try workspace.run("report", "--spend", "bad.csv")
        #expect(badSpend.status == 2)
        #expect(badSpend.stderr.contains("bad.csv, line 2"))
        #expect(try workspace.run("report", "--period", "2026-13").status == 2)
        #expect(try workspace.run("report", "--time-zone", "Mars/Olympus").status == 2)
        #expect(try workspace.run("report", "--by", "colour").status == 2)
    }

    @Test func opportunitiesImportFromACRMExport() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        _ = try workspace.run(
            "capture", "--email", "bo@beta.io", "--company", "Beta", "--source", "event", "--attr", "useCase=benefits")
        let file = workspace.url.appendingPathComponent("deals.csv")
        try Data(
            """
            Deal,Contact Email,ARR,Status,Created Date,Close Date
            D-1,bo@beta.io,"12,000",Closed Won,2026-06-01,2026-08-15
            D-2,ghost@nowhere.io,500,Open,2026-06-01,

            """.utf8
        ).write(to: file)
        // A row that cannot be imported is found before anything is stored, in a dry run too.
        for extra in [[], ["--dry-run"]] {
            let refused = try AccordProcess.run(
                ["import", "deals.csv", "--kind", "opportunities", "--map", "Deal=id,ARR=amount"] + extra,
                in: workspace.url)
            #expect(refused.status == 5)
            #expect(refused.stderr.contains("1 of 2 rows of deals.csv cannot be imported"))
            #expect(refused.stderr.contains("line 3: no lead with this email"))
            #expect(refused.stderr.contains("--allow-skips"))
        }
        #expect(try workspace.run("lead", "show", "L0000001").stdout.contains("deal:") == false)
        let imported = try workspace.run(
            "import", "deals.csv", "--kind", "opportunities", "--map", "Deal=id,ARR=amount", "--allow-skips")
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("1 deals opened, 0 updated, 1 closed, 0 already recorded, 1 skipped"))
        #expect(imported.stdout.contains("line 3: no lead with this email"))
        let again = try workspace.run(
            "import", "deals.csv", "--kind", "opportunities", "--map", "Deal=id,ARR=amount", "--allow-skips")
        #expect(again.stdout.contains("1 already recorded"))
        let bad = try workspace.run("import", "deals.csv", "--kind", "opportunities")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("no column gives the deal id"))
    }
}
