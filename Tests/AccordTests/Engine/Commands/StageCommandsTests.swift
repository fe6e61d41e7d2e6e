import Foundation
import LeadModel
import Testing

@testable import Accord

struct StageCommandsTests {
    @Test func enteringTheHandoffStageRoutesAndStartsTheClock() throws {
        var fixture = CommandFixture(router: FixedRouter(), sla: FiveMinuteSLA())
        fixture.capture("L1")
        var planner = fixture.planner()
        try StageCommands(projections: fixture.projections, policies: fixture.policies).changeStage(
            of: "L1", to: .sql, by: .system, reasons: [], in: &planner)
        #expect(planner.plannedKinds(of: "L1") == ["stage-changed", "assigned", "sla-started"])
        #expect(planner.plannedKinds == ["stage-changed", "assigned", "sla-started", "turn-taken"])
        #expect(planner.state("L1")?.owner == .rep("rep-1"))
        #expect(fixture.projections.leads[LeadID("L1")]?.stage == .lead, "the projections are read, never changed")
    }

    @Test func aGateRefusalPlansNothing() throws {
        var fixture = CommandFixture()
        fixture.fold("L1", .captured(Lead(id: "L1", email: "ana@acme.com"), stage: .lead))
        var planner = fixture.planner()
        #expect {
            try StageCommands(projections: fixture.projections, policies: fixture.policies).changeStage(
                of: "L1", to: .sql, by: .system, reasons: [], in: &planner)
        } throws: { error in
            (error as? LeadModelError)?.missingFields == [.company, .source]
        }
        #expect(planner.requests.isEmpty)
    }

    @Test func anUnknownLeadIsATypedError() {
        let fixture = CommandFixture()
        var planner = fixture.planner()
        #expect {
            try StageCommands(projections: fixture.projections, policies: fixture.policies).changeStage(
                of: "L404", to: .sql, by: .system, reasons: [], in: &planner)
        } throws: { error in
            (error as? LeadModelError)?.code == .unknownLead
        }
    }
}
