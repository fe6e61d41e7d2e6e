import Foundation
import Testing

/// `accord lead list` shows what came in; `accord lead show` shows a lead's deal.
struct LeadListCommandTests {
    func workspaceWithThreeLeads() throws -> Workspace {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        for (email, source) in [("ana@acme.com", "webinar"), ("bo@globex.com", "ads"), ("cy@initech.com", "webinar")] {
            let captured = try workspace.run(
                "capture", "--email", email, "--company", "Co", "--source", source, "--attr", "useCase=payroll")
            #expect(captured.status == 0)
        }
        #expect(try workspace.run("lead", "stage", "L0000003", "sql").status == 0)
        return workspace
    }

    @Test func listsLeadsOldestFirstFilteredAndCounted() throws {
        let workspace = try workspaceWithThreeLeads()
        let all = try workspace.run("lead", "list")
        #expect(all.status == 0)
        let lines = all.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "3 leads")
        #expect(
            lines.dropFirst(2).map { $0.split(separator: " ").first.map(String.init) } == [
                "L0000001", "L0000002", "L0000003",
            ])
        let webinar = try workspace.run("lead", "list", "--source", "webinar", "--limit", "1")
        #expect(webinar.stdout.hasPrefix("2 leads, showing the first 1\n"))
        #expect(webinar.stdout.contains("L0000001") && !webinar.stdout.contains("L0000003"))
        let sql = try workspace.run("lead", "list", "--stage", "sql", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sql.stdout.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 1)
        #expect(((object["leads"] as? [[String: Any]])?.first?["id"]) as? String == "L0000003")
    }

    @Test func anUnknownStageIsRefusedWithThePlaybooksStages() throws {
        let workspace = try workspaceWithThreeLeads()
        let output = try workspace.run("lead", "list", "--stage", "qualified")
        #expect(output.status == 2)
        #expect(output.stderr.contains("--stage expects one of the playbook's stages (lead, mql, sql"))
        #expect(try workspace.run("lead", "list", "--limit", "5", "--all").status == 2)
    }

    @Test func leadShowIncludesTheDeal() throws {
        let workspace = try workspaceWithThreeLeads()
        #expect(
            try workspace.run(
                "opportunity", "open", "L0000003", "--id", "OPP-1", "--amount", "24000", "--product", "payroll"
            ).status == 0)
        let open = try workspace.run("lead", "show", "L0000003")
        #expect(open.stdout.contains("deal:"))
        #expect(open.stdout.contains("OPP-1 24,000 USD, payroll"))
        #expect(open.stdout.contains("open since "))
        #expect(
            try workspace.run(
                "opportunity", "close", "L0000003", "--id", "OPP-1", "--outcome", "won", "--amount", "26000"
            ).status == 0)
        let won = try workspace.run("lead", "show", "L0000003")
        #expect(won.stdout.contains(", won "))
        #expect(won.stdout.contains(" for 26,000"))
        let json = try workspace.run("lead", "show", "L0000003", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let deal = try #require(object["opportunity"] as? [String: Any])
        #expect((deal["closing"] as? [String: Any])?["outcome"] as? String == "won")
    }
}
