import Foundation
import Testing

/// `accord route explain`, `accord sla health`, `sla pause`, `reps leave` on a real data directory.
@Suite(.serialized)
struct RoutingCommandTests {
    /// Runs `accord init` and adds a routing section with one always-working rep in a pool.
    func workspaceWithRouting() throws -> Workspace {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        let url = workspace.url.appendingPathComponent("accord-data/playbook.json")
        var playbook = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        playbook["routing"] = [
            "reps": [["id": "ana", "timeZone": "Europe/Berlin"]],
            "pools": [["name": "inbound", "members": [["rep": "ana"]]]],
            "default": ["pool": "inbound"],
        ]
        try JSONSerialization.data(withJSONObject: playbook).write(to: url)
        return workspace
    }

    @Test func routeExplainHealthPauseAndLeave() throws {
        let workspace = try workspaceWithRouting()
        #expect(
            try workspace.run("capture", "--email", "buyer@firm.com", "--company", "Firm", "--source", "webinar")
                .status == 0)
        let signal = try workspace.run("signal", "quote-requested", "--lead", "L0000001")
        #expect(signal.status == 0, "\(signal.stderr)")

        let explain = try workspace.run("route", "explain", "L0000001")
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("assignment 1: rep:ana"))
        #expect(explain.stdout.contains("→ turn of pool inbound among ana=1"))
        #expect(try workspace.run("route", "explain", "L0000099").status == 3)

        let health = try workspace.run("sla", "health", "--period", "30d", "--json")
        #expect(health.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(health.stdout.utf8)) as? [String: Any]
        #expect(object?["clocksStarted"] as? Int == 1)
        #expect(object?["breached"] as? Int == 0)
        #expect(try workspace.run("sla", "health").stdout.contains("attainment"))
        #expect(try workspace.run("sla", "health", "--period", "2026-13").status == 2)

        let pause = try workspace.run("sla", "pause", "L0000001", "--reason", "prospect picks a time")
        #expect(pause.status == 2, "the standard hot tier does not allow pauses")
        #expect(pause.stderr.contains("does not allow pausing"))

        let leave = try workspace.run("reps", "leave", "ana", "--reason", "left the company")
        #expect(leave.status == 0)
        #expect(leave.stdout.contains("moved 1 open lead away from ana"))
        #expect(leave.stdout.contains("L0000001 → queue:unassigned"))
        let again = try workspace.run("route", "explain", "L0000001")
        #expect(again.stdout.contains("assignment 2: queue:unassigned"))
        #expect(again.stdout.contains("reassign:rep-left: ana left: left the company"))
        #expect(again.stdout.contains("– skipped ana: excluded"))
    }

    @Test func pausedClocksAreListedAsPausedAndResumeWithANewDeadline() throws {
        let workspace = try workspaceWithRouting()
        let url = workspace.url.appendingPathComponent("accord-data/playbook.json")
        var playbook = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var sla = try #require(playbook["sla"] as? [String: Any])
        var tiers = try #require(sla["tiers"] as? [[String: Any]])
        for index in tiers.indices { tiers[index]["pauseAllowed"] = true }
        sla["tiers"] = tiers
        playbook["sla"] = sla
        try JSONSerialization.data(withJSONObject: playbook).write(to: url)
        _ = try workspace.run("capture", "--email", "buyer@firm.com", "--company", "Firm", "--source", "webinar")
        _ = try workspace.run("signal", "quote-requested", "--lead", "L0000001")

        let pause = try workspace.run("sla", "pause", "L0000001", "--reason", "prospect picks a time")
        #expect(pause.status == 0, "\(pause.stderr)")
        #expect(pause.stdout.hasPrefix("paused L0000001#"))
        let list = try workspace.run("sla")
        #expect(list.stdout.contains("paused since"))
        let resume = try workspace.run("sla", "resume", "L0000001", "--json")
        #expect(resume.status == 0)
        let clocks = try JSONSerialization.jsonObject(with: Data(resume.stdout.utf8)) as? [[String: Any]]
        #expect(clocks?.count == 1)
        #expect(try workspace.run("sla", "pause", "L0000099", "--reason", "x").status == 3)
    }
}
