import Foundation
import Testing

/// `accord import --kind opportunities` of an account-level export, and `accord account show`
/// listing the deals, through the real binary.
struct AccountDealsCommandTests {
    static let export = """
        opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
        D1,Maria,GTX,Acme Inc,Won,2017-01-02,2017-03-01,
        D2,Jo,MG,ACME inc.,Prospecting,,,
        D3,Jo,GTX,beta.io,Lost,2017-02-01,2017-02-20,

        """

    func importedWorkspace() throws -> (Workspace, String) {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        try Data(Self.export.utf8).write(to: workspace.url.appendingPathComponent("pipeline.csv"))
        let imported = try workspace.run("import", "pipeline.csv", "--kind", "opportunities")
        #expect(imported.status == 0, "\(imported.stderr)")
        return (workspace, imported.stdout)
    }

    @Test func theSummarySaysDealsWentToAccountsAndTheFileHasNoAmounts() throws {
        let (_, stdout) = try importedWorkspace()
        #expect(stdout.contains("3 deals opened, 0 updated, 2 closed, 0 already recorded, 0 skipped"))
        #expect(stdout.contains("accounts: 3 deals on accounts (rows without a contact), 2 new accounts"))
        #expect(stdout.contains("amounts: none in the file; deal size and velocity are left out"))
    }

    @Test func aFileWithBadRowsIsRefusedWholeAndStoresNothing() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        let bad = Self.export.replacingOccurrences(of: "Prospecting,,,", with: "Parked,,,")
            .replacingOccurrences(of: "2017-02-20", with: "20 Feb")
        try Data(bad.utf8).write(to: workspace.url.appendingPathComponent("pipeline.csv"))
        let refused = try workspace.run("import", "pipeline.csv", "--kind", "opportunities")
        #expect(refused.status == 2, "\(refused.stdout)")
        #expect(refused.stderr.contains("pipeline.csv has 2 problems"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Parked"), "the unknown stage is named: \(refused.stderr)")
        #expect(refused.stderr.contains("line 4, column \"close_date\""), "the bad date's place: \(refused.stderr)")
        #expect(refused.stderr.contains("nothing was imported"))
        let shown = try workspace.run("account", "show", "acme inc")
        #expect(shown.status != 0, "no account was created: \(shown.stdout)")
        try Data(Self.export.utf8).write(to: workspace.url.appendingPathComponent("pipeline.csv"))
        let imported = try workspace.run("import", "pipeline.csv", "--kind", "opportunities")
        #expect(imported.stdout.contains("3 deals opened"), "\(imported.stderr)")
    }

    @Test(arguments: [true, false])
    func theJSONSummarySaysWhetherTheFileHadAmounts(fileHasAmounts: Bool) throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        let export =
            fileHasAmounts ? Self.export.replacingOccurrences(of: "2017-03-01,", with: "2017-03-01,900") : Self.export
        try Data(export.utf8).write(to: workspace.url.appendingPathComponent("pipeline.csv"))
        for dryRun in [true, false] {
            let output = try AccordProcess.run(
                ["import", "pipeline.csv", "--kind", "opportunities", "--json"] + (dryRun ? ["--dry-run"] : []),
                in: workspace.url)
            #expect(output.status == 0, "\(output.stderr)")
            let summary = try #require(
                try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            #expect(summary["amountsInFile"] as? Bool == fileHasAmounts)
            #expect(summary["opened"] as? Int == 3, "the dry run stored nothing, so the import opens all three")
            #expect(summary["accountDeals"] as? Int == 3)
        }
    }

    @Test func accountShowListsTheDealsWithStageAmountOwnerDatesAndOrigin() throws {
        let (workspace, _) = try importedWorkspace()
        let shown = try workspace.run("account", "show", "acme inc")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("name:acme-inc"))
        #expect(shown.stdout.contains("2 (1 open, 1 won, 0 lost)"))
        #expect(
            shown.stdout.contains(
                "D1  Won  unknown USD  owner rep:Maria  product GTX  opened 2017-01-02, won 2017-03-01 "
                    + "(integration:import:pipeline.csv: imported from pipeline.csv)"))
        #expect(shown.stdout.contains("D2  Prospecting  unknown USD  owner rep:Jo  product MG"))
        let byDomain = try workspace.run("account", "show", "beta.io")
        #expect(byDomain.stdout.contains("D3  Lost"))
        #expect(try workspace.run("account", "show", "nobody.example").status == 3)
    }

    @Test func leadExplainSaysWhereALeadsDealCameFrom() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        _ = try workspace.run("capture", "--email", "bo@beta.io", "--company", "Beta", "--source", "event")
        try Data("Opportunity ID,Email,Stage,Amount,Close Date\nD9,bo@beta.io,Closed Won,500,2026-08-15\n".utf8)
            .write(to: workspace.url.appendingPathComponent("deals.csv"))
        #expect(try workspace.run("import", "deals.csv", "--kind", "opportunities").status == 0)
        let explained = try workspace.run("lead", "explain", "L0000001")
        #expect(explained.stdout.contains("Deals"))
        #expect(explained.stdout.contains("opportunity D9 opened: 500 USD"))
        #expect(explained.stdout.contains("because history: imported from deals.csv"))
        let plain = try workspace.run("capture", "--email", "cy@gamma.io", "--source", "event")
        #expect(plain.status == 0)
        #expect(try workspace.run("lead", "explain", "L0000002").stdout.contains("Deals") == false)
    }

    @Test func accountShowJSONWritesAnUnknownAmountAsNull() throws {
        let (workspace, _) = try importedWorkspace()
        let shown = try workspace.run("account", "show", "name:acme-inc", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let deals = try #require(object["deals"] as? [[String: Any]])
        #expect(deals.map { $0["id"] as? String } == ["D1", "D2"])
        #expect(deals[0]["amount"] is NSNull)
        #expect(deals[0]["status"] as? String == "won")
    }

    @Test func theReportCountsAccountDealsByTheirOwner() throws {
        let (workspace, _) = try importedWorkspace()
        let report = try workspace.run("report", "--period", "all", "--by", "owner", "--json")
        #expect(report.status == 0, "\(report.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let slices = try #require(object["slices"] as? [[String: Any]])
        #expect(slices.compactMap { $0["label"] as? String } == ["Jo", "Maria"])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["winRate"] as? Double == 0.5)
        #expect(total["dealsWonWithoutAmount"] as? Int == 1)
        let table = try workspace.run("report", "--period", "all")
        #expect(
            table.stdout.contains(
                "note: 1 won and 1 open deals have no amount; they count as deals but are left out of revenue, "
                    + "deal size and pipeline sums"))
    }
}
