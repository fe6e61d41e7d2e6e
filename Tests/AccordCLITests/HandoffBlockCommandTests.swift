import Foundation
import Testing

/// "Why was my lead not handed off?" through the real binary: the signal that a gate stopped
/// says so, `lead explain` shows the block, and the move that follows names it.
struct HandoffBlockCommandTests {
    let notMoved = "not moved: trigger:quote-or-demo would move it to sql; the sql gate needs company"

    /// A workspace with one lead captured without a company.
    private func workspace() throws -> Workspace {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        #expect(try workspace.run("capture", "--email", "ana@example.com", "--source", "webinar").status == 0)
        return workspace
    }

    @Test func explainSaysWhatEachQualificationRuleLacks() throws {
        let workspace = try workspace()
        let explained = try workspace.run("lead", "explain", "L0000001")
        #expect(explained.stdout.contains("Why not further"), "\(explained.stdout)")
        #expect(explained.stdout.contains("threshold:mql → mql: total 0 is 50 short of 50"))
        #expect(
            explained.stdout.contains("trigger:quote-or-demo → sql: no quote-requested or demo-requested signal yet"))
        _ = try workspace.run("signal", "quote-requested", "--lead", "L0000001")
        let json = try AccordProcess.run(["lead", "explain", "L0000001", "--json"], in: workspace.url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["qualification"] as? [[String: Any]], "\(json.stdout)")
        #expect(findings.map { $0["rule"] as? String } == ["threshold:mql", "trigger:quote-or-demo"])
        #expect((findings.first?["detail"] as? String)?.contains("short of 50") == true)
        #expect((object["blocked"] as? [String: Any])?["missing"] as? [String] == ["company"])
    }

    @Test func aQuoteRequestAGateStopsSaysNotMovedAndWhy() throws {
        let workspace = try workspace()
        let signal = try workspace.run("signal", "quote-requested", "--lead", "L0000001")
        #expect(signal.status == 0, "\(signal.stderr)")
        #expect(signal.stdout.contains("recorded quote-requested on L0000001"))
        #expect(signal.stdout.contains(notMoved), "\(signal.stdout)")

        let explained = try workspace.run("lead", "explain", "L0000001")
        #expect(explained.stdout.contains("L0000001 is lead"))
        #expect(explained.stdout.contains("not moved since "), "\(explained.stdout)")
        #expect(!explained.stdout.contains("never moved since capture"))
        #expect(explained.stdout.contains("because gate:sql: missing company"))
    }

    @Test func theJSONOfTheSignalCarriesTheBlock() throws {
        let workspace = try workspace()
        let signal = try AccordProcess.run(
            ["signal", "quote-requested", "--lead", "L0000001", "--json"], in: workspace.url)
        #expect(signal.status == 0, "\(signal.stderr)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(signal.stdout.utf8)) as? [String: Any])
        let lead = try #require(output["lead"] as? [String: Any])
        let block = try #require(lead["notMoved"] as? [String: Any], "\(signal.stdout)")
        #expect(block["rule"] as? String == "trigger:quote-or-demo")
        #expect(block["to"] as? String == "sql")
        #expect(block["missing"] as? [String] == ["company"])
        #expect(block["playbookVersion"] as? String == "1")
    }

    @Test func theReportsCountTheBlockAsADataQualityLeak() throws {
        let workspace = try workspace()
        _ = try workspace.run("signal", "quote-requested", "--lead", "L0000001")
        let report = try workspace.run("report", "--period", "all", "--html", "page.html")
        #expect(report.status == 0, "\(report.stderr)")
        #expect(
            report.stdout.contains("Handoffs blocked at the gate: 1 person (1 still held back)"), "\(report.stdout)")
        #expect(report.stdout.contains("  missing     company 1"))
        #expect(report.stdout.contains("  by source   webinar 1"))
        let page = try String(contentsOf: workspace.url.appendingPathComponent("page.html"), encoding: .utf8)
        #expect(page.contains("<h2>Handoffs blocked at the gate</h2>"))
        #expect(page.contains("<td>company</td><td class=\"num\">1</td>"))
        let leaks = try workspace.run("feedback", "report", "--period", "all")
        #expect(
            leaks.stdout.contains(
                "Blocked at the gate: 1 lead a rule would hand on lacks a required field (company 1)."),
            "\(leaks.stdout)")
    }

    @Test func aSignalsFileWithACompanyColumnSaysHowToFillTheLead() throws {
        let workspace = try workspace()
        let file = "email,kind,occurredAt,company\nana@example.com,quote-requested,2026-12-01T10:00:00Z,Acme\n"
        try Data(file.utf8).write(to: workspace.url.appendingPathComponent("signals.csv"))
        let first = try workspace.run("import", "signals.csv", "--kind", "signals")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stdout.contains(
                "note: company was stored as a signal property, not as the lead's field; "
                    + "to update the lead from signal rows, map it: --map 'company=company'"), "\(first.stdout)")
        #expect(try workspace.run("lead", "show", "L0000001").stdout.contains("not moved:"))
        let again = try workspace.run("import", "signals.csv", "--kind", "signals", "--map", "company=company")
        #expect(again.stdout.contains("0 signals recorded, 1 already recorded before"), "\(again.stdout)")
        #expect(!again.stdout.contains("note:"))
        let shown = try workspace.run("lead", "show", "L0000001")
        #expect(shown.stdout.contains("company:        Acme"), "\(shown.stdout)")
        #expect(shown.stdout.contains("stage:          sql"))
    }

    @Test func theCompanyArrivingMovesTheLeadAndTheMoveNamesTheBlock() throws {
        let workspace = try workspace()
        _ = try workspace.run("signal", "quote-requested", "--lead", "L0000001")
        let captured = try workspace.run("capture", "--email", "ana@example.com", "--company", "Acme")
        #expect(captured.status == 0, "\(captured.stderr)")
        #expect(!captured.stdout.contains("not moved"), "\(captured.stdout)")
        let explained = try workspace.run("lead", "explain", "L0000001")
        #expect(explained.stdout.contains("L0000001 is sql"), "\(explained.stdout)")
        #expect(explained.stdout.contains("unblocked: held since "))
        #expect(explained.stdout.contains("by trigger:quote-or-demo for want of company"))
        let shown = try workspace.run("lead", "show", "L0000001")
        #expect(!shown.stdout.contains("not moved"))
        // The default playbook routes nobody: the explanation says why the lead has no owner.
        #expect(
            explained.stdout.contains(
                "not assigned: the playbook has no routing section (nor a router plugin), so handoffs wait for "
                    + "someone to assign it with accord assign LEAD --to REP"), "\(explained.stdout)")
    }
}
