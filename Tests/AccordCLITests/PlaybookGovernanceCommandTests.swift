import Foundation
import Testing

@Suite(.serialized)
struct PlaybookGovernanceCommandTests {
    /// Writes the data directory's playbook with owners and the given version and MQL floor.
    static func writeProposal(_ workspace: Workspace, version: String, mql: Int, to name: String) throws {
        let url = workspace.url.appending(path: "accord-data/playbook.json")
        var playbook = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        playbook["version"] = version
        playbook["owners"] = [["name": "Sam", "team": "marketing"], ["name": "Maria", "team": "sales"]]
        var qualification = try #require(playbook["qualification"] as? [String: Any])
        var thresholds = try #require(qualification["thresholds"] as? [[String: Any]])
        thresholds[0]["minTotal"] = mql
        qualification["thresholds"] = thresholds
        playbook["qualification"] = qualification
        try JSONSerialization.data(withJSONObject: playbook, options: [.prettyPrinted, .sortedKeys])
            .write(to: workspace.url.appending(path: name))
    }

    @Test func proposeSignActivateAndRefuseUnreviewedEdits() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        try Self.writeProposal(workspace, version: "2", mql: 60, to: "v2.json")

        let diff = try workspace.run("playbook", "diff", "active", "v2.json")
        #expect(diff.stdout.contains("$.qualification.thresholds[0].minTotal: 50 → 60"))
        #expect(diff.stdout.contains("need marketing's and sales' sign-off"))

        #expect(try workspace.run("playbook", "propose", "v2.json", "--by", "sam").status == 0)
        #expect(try workspace.run("playbook", "sign", "2", "--owner", "Sam").status == 0)
        let early = try workspace.run("playbook", "activate", "2")
        #expect(early.status == 5)
        #expect(early.stderr.contains("a sign-off from sales (Maria)"))
        let stranger = try workspace.run("playbook", "sign", "2", "--owner", "Eve")
        #expect(stranger.status == 5)

        #expect(try workspace.run("playbook", "sign", "2", "--owner", "Maria").status == 0)
        let activated = try workspace.run("playbook", "activate", "2", "--by", "maria")
        #expect(activated.status == 0)
        #expect(activated.stdout == "2 is active; signed off by Sam, Maria\n", "the first activation replaces none")

        let status = try workspace.run("playbook", "status", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect((object["active"] as? [String: Any])?["version"] as? String == "2")

        // An edit that skips sign-off is refused by every command that uses the playbook.
        try Self.writeProposal(workspace, version: "2", mql: 10, to: "accord-data/playbook.json")
        let refused = try workspace.run("capture", "--email", "ana@acme.com")
        #expect(refused.status == 5)
        #expect(refused.stderr.contains("is not the signed-off version 2"))
        let again = try workspace.run("playbook", "status")
        #expect(again.status == 0, "the governance commands still work, to put things right")
    }
}
