import Foundation
import Testing

@Suite(.serialized)
struct ValidateAndRescoreTests {
    @Test func validateReportsEveryProblemWithItsPathAndExitsTwo() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        let valid = try workspace.run("validate")
        #expect(valid.status == 0)
        #expect(valid.stdout.contains("valid — Default agreement, version 1"))

        let playbook = try String(
            contentsOf: workspace.url.appending(path: "accord-data/playbook.json"), encoding: .utf8)
        let broken = playbook.replacingOccurrences(of: "\"stages\"", with: "\"stagez\"", options: [], range: nil)
            .replacingOccurrences(of: "\"halfLifeDays\" : 30", with: "\"halfLifeDays\" : -1")
        try broken.write(to: workspace.url.appending(path: "proposed.json"), atomically: true, encoding: .utf8)
        let invalid = try workspace.run("validate", "proposed.json", "--json")
        #expect(invalid.status == 2)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(invalid.stdout.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
        let paths = (object["issues"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(paths.contains("$.stagez"))

        let missing = try workspace.run("validate", "nowhere.json")
        #expect(missing.status == 3)
    }

    @Test func rescoreRunsASweep() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        #expect(try workspace.run("capture", "--email", "ana@acme.com").status == 0)
        #expect(try workspace.run("signal", "replied", "--lead", "L0000001").status == 0)
        let sweep = try workspace.run("rescore", "--json")
        #expect(sweep.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sweep.stdout.utf8)) as? [String: Any])
        #expect(object["reviewed"] as? Int == 1, "a new process reviews every scored lead once")
        #expect(object["eventsAppended"] as? Int == 0)
        #expect(object["nextDue"] is String)
    }
}
