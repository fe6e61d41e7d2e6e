import Foundation
import Testing

/// Text output a person reads: names are never cut or run into what follows them.
struct OutputLayoutTests {
    @Test func helpListsEveryCommandNameInFullBeforeItsSummary() throws {
        let output = try Workspace().run("help")
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        var columns: Set<Int> = []
        for name in ["init", "opportunity open", "feedback export-training", "playbook propose", "lead timeline"] {
            let line = try #require(
                lines.first { $0.hasPrefix("  " + name + "  ") }, "\(name) is cut or runs into its summary")
            let spaces = line.dropFirst(2 + name.count).prefix { $0 == " " }.count
            columns.insert(2 + name.count + spaces)
        }
        #expect(columns.count == 1, "every summary starts in one column")
    }

    @Test func aNamedPlaybookVersionIsPrintedAsItIsWritten() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        let playbookURL = workspace.url.appendingPathComponent("accord-data/playbook.json")
        var playbook = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: playbookURL)) as? [String: Any])
        playbook["version"] = "olist-1"
        try JSONSerialization.data(withJSONObject: playbook).write(to: playbookURL)
        _ = try workspace.run("capture", "--email", "ana@acme.com", "--company", "Acme", "--source", "webinar")
        #expect(try workspace.run("lead", "stage", "L0000001", "sql", "--by", "maria", "--reason", "call").status == 0)
        for command in [["lead", "explain", "L0000001"], ["lead", "timeline", "L0000001"]] {
            let output = try AccordProcess.run(command, in: workspace.url)
            #expect(output.status == 0)
            #expect(output.stdout.contains("playbook olist-1"))
            #expect(!output.stdout.contains("volist"))
        }
    }
}
