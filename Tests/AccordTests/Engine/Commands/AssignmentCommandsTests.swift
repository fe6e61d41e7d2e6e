import Foundation
import LeadModel
import Testing

@testable import Accord

struct AssignmentCommandsTests {
    @Test func aManualAssignmentStartsAClockForALeadWithoutOne() throws {
        var fixture = CommandFixture(sla: FiveMinuteSLA())
        fixture.capture("L1")
        var planner = fixture.planner()
        try AssignmentCommands(projections: fixture.projections, policies: fixture.policies).assign(
            "L1", to: .rep("ana"), by: .person("mia"), reason: "knows the account", in: &planner)
        #expect(planner.plannedKinds == ["assigned", "sla-started"])
        #expect(planner.state("L1")?.owner == .rep("ana"))
    }

    @Test func aRerouteSkipsTheCurrentOwner() throws {
        var fixture = CommandFixture(router: FixedRouter(rep: "rep-1"))
        fixture.capture("L1")
        fixture.fold("L1", .assigned(Assignment(owner: .rep("rep-1"), router: "fixed")))
        var planner = fixture.planner()
        // The fixed router names rep-1 again: the same owner, so nothing moves.
        try AssignmentCommands(projections: fixture.projections, policies: fixture.policies).reroute(
            "L1", by: .system, reason: "on leave", in: &planner)
        #expect(planner.requests.isEmpty)
    }

    @Test func aMergedLeadCannotBeAssigned() {
        var fixture = CommandFixture()
        fixture.capture("L1")
        fixture.capture("L2")
        fixture.fold("L2", .mergedInto("L1"))
        var planner = fixture.planner()
        #expect {
            try AssignmentCommands(projections: fixture.projections, policies: fixture.policies).assign(
                "L2", to: .rep("ana"), by: .system, reason: "", in: &planner)
        } throws: { error in
            (error as? LeadModelError)?.code == .leadMerged
        }
    }
}
