import Foundation
import Testing

@Suite(.serialized)
struct SimulateCommandTests {
    @Test func aProposalWithoutInstantTriggersHandsNothingOff() throws {
        let workspace = try Workspace.withAQuoteRequest()

        let url = workspace.url.appending(path: "accord-data/playbook.json")
        var playbook = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        playbook["version"] = "2"
        var qualification = try #require(playbook["qualification"] as? [String: Any])
        qualification["triggers"] = [[String: Any]]()
        playbook["qualification"] = qualification
        try JSONSerialization.data(withJSONObject: playbook).write(to: workspace.url.appending(path: "proposed.json"))

        let result = try workspace.run("simulate", "--proposed", "proposed.json", "--json")
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((report["actual"] as? [String: Any])?["handoffs"] as? Int == 1)
        #expect((report["simulated"] as? [String: Any])?["handoffs"] as? Int == 0)
        #expect((report["noLongerHandedOff"] as? [String: Any])?["undecided"] as? Int == 1)

        let table = try workspace.run("simulate", "--proposed", "proposed.json")
        #expect(table.stdout.contains("Handoffs (sql)"))
        #expect(try workspace.run("simulate").status == 2, "--proposed is required")
        #expect(try workspace.run("simulate", "--proposed", "proposed.json", "--period", "2026-13").status == 2)
        let timeline = try workspace.run("lead", "timeline", "L0000001")
        #expect(!timeline.stdout.contains("playbook v2"), "the simulation writes nothing to the journal")
    }
}

@Suite(.serialized)
struct HTMLReportCommandTests {
    @Test func reportWritesTheHTMLPage() throws {
        let workspace = try Workspace.withAQuoteRequest()
        let result = try workspace.run("report", "--period", "all", "--html", "page.html")
        #expect(result.status == 0)
        #expect(result.stderr.contains("wrote page.html"))
        let html = try String(contentsOf: workspace.url.appending(path: "page.html"), encoding: .utf8)
        #expect(html.contains("<h1>Default agreement</h1>"))
        #expect(html.contains("<h2>Speed to lead</h2>"))
        let unwritable = try workspace.run("report", "--period", "all", "--html", "/nonexistent/dir/page.html")
        #expect(unwritable.status == 1)
    }
}

extension Workspace {
    /// A data directory with the default playbook and one lead, L0000001, who requested a quote.
    static func withAQuoteRequest(sourceLocation: SourceLocation = #_sourceLocation) throws -> Workspace {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0, sourceLocation: sourceLocation)
        #expect(
            try workspace.run(
                "capture", "--email", "ana@acme.com", "--company", "Acme", "--source", "webinar"
            ).status == 0, sourceLocation: sourceLocation)
        #expect(
            try workspace.run("signal", "quote-requested", "--lead", "L0000001").status == 0,
            sourceLocation: sourceLocation)
        return workspace
    }
}
