import Accord
import AccordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Scoreboard
import Testing

/// The read routes and the probes.
struct ReadRouteTests {
    @Test func leadStateFollowsMergesAndUnknownLeadIs404() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let lead = try Harness.decode(
                SignalOutput.self, try await Harness.post(client, "/v1/signals", Harness.quoteRequest())
            ).lead
            let response = try await Harness.get(client, "/v1/leads/\(lead.id)")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let view = try Harness.decode(LeadView.self, response)
            #expect(view.id == lead.id)
            #expect(view.stage == "sql")
            let missing = try await Harness.get(client, "/v1/leads/L9999999")
            #expect(missing.status == .notFound)
            let problem = try Harness.decode(Problem.self, missing)
            #expect(problem.code == "unknownLead")
            #expect(problem.lead == "L9999999")
        }
    }

    @Test func explainGivesEveryDecisionWithItsReasons() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let lead = try Harness.decode(
                SignalOutput.self, try await Harness.post(client, "/v1/signals", Harness.quoteRequest())
            ).lead
            let response = try await Harness.get(client, "/v1/leads/\(lead.id)/explain")
            #expect(response.status == .ok)
            let explanation = try Harness.decode(LeadExplanation.self, response)
            #expect(explanation.stage == "sql")
            #expect(explanation.stages.first?.reasons.isEmpty == false)
            #expect(explanation.assignments.count == 1)
            #expect(explanation.clocks.first?.what.hasPrefix("SLA clock") == true)
            #expect(explanation.score?.contributions.isEmpty == false)
            #expect(try await Harness.get(client, "/v1/leads/L9999999/explain").status == .notFound)
        }
    }

    @Test func reportIsTheScoreboard() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            _ = try await Harness.post(client, "/v1/signals", Harness.quoteRequest())
            let response = try await Harness.get(client, "/v1/report?period=all&by=source")
            #expect(response.status == .ok)
            let board = try Harness.decode(Scoreboard.self, response)
            let direct = try await harness.engine.scoreboard(
                ScoreboardQuery(period: .allTime, slicedBy: .source, timeZone: .gmt))
            #expect(board == direct)
            let bad = try await Harness.get(client, "/v1/report?period=someday&by=colour&view=x")
            #expect(bad.status == .badRequest)
            let paths = Set(try Harness.decode(Problem.self, bad).errors?.map(\.path) ?? [])
            #expect(paths == ["query.period", "query.by", "query.view"])
        }
    }

    @Test func repsAndClocks() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let lead = try Harness.decode(
                SignalOutput.self, try await Harness.post(client, "/v1/signals", Harness.quoteRequest())
            ).lead
            let reps = try Harness.decode([RepOutput].self, try await Harness.get(client, "/v1/reps"))
            #expect(Set(reps.map(\.rep)) == ["maria", "james"])
            #expect(reps.map(\.openLeads).reduce(0, +) == 1)
            let sla = try Harness.decode(SLAOutput.self, try await Harness.get(client, "/v1/sla?limit=5"))
            #expect(sla.openCount == lead.openClocks.count)
            #expect(sla.open.allSatisfy { $0.lead == lead.id && !$0.overdue })
            #expect(try await Harness.get(client, "/v1/sla?limit=0").status == .badRequest)
        }
    }

    @Test func probesAnswerWithoutATokenAndReadinessFollowsTheState() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(try Harness.decode(HealthStatus.self, health).status == "ok")
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(try Harness.decode(HealthStatus.self, ready).status == "ready")
            await harness.state.markDraining()
            let draining = try await client.execute(uri: "/readyz", method: .get)
            #expect(draining.status == .serviceUnavailable)
            #expect(try Harness.decode(Problem.self, draining).code == "draining")
        }
    }
}
