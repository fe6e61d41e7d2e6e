import Foundation
import LeadModel
import SLA
import Testing

@testable import Accord

struct SLACommandsTests {
    /// A lead handed off at `CommandFixture.now` with a five-minute clock.
    static func handedOff() throws -> CommandFixture {
        var fixture = CommandFixture(router: FixedRouter(), sla: FiveMinuteSLA())
        fixture.capture("L1")
        var planner = fixture.planner()
        try StageCommands(projections: fixture.projections, policies: fixture.policies).changeStage(
            of: "L1", to: .sql, by: .system, reasons: [], in: &planner)
        for event in planner.requests.filter({ $0.leadID == "L1" }).flatMap(\.events) {
            fixture.fold("L1", event.payload)
        }
        return fixture
    }

    @Test func aTouchInTimeMeetsTheClockAndALateOneBreachesIt() throws {
        let fixture = try Self.handedOff()
        let commands = SLACommands(projections: fixture.projections, policies: fixture.policies)
        var onTime = fixture.planner(at: CommandFixture.now + 60)
        try commands.recordTouch(Touch(channel: .call, by: "rep-1"), on: "L1", in: &onTime)
        #expect(onTime.plannedKinds == ["touched", "sla-met"])
        var late = fixture.planner(at: CommandFixture.now + 600)
        try commands.recordTouch(Touch(channel: .call, by: "rep-1"), on: "L1", in: &late)
        #expect(late.plannedKinds == ["touched", "sla-breached"])
    }

    @Test func dueStepsWarnThenBreach() throws {
        let fixture = try Self.handedOff()
        let commands = SLACommands(projections: fixture.projections, policies: fixture.policies)
        var early = fixture.planner(at: CommandFixture.now + 60)
        commands.planDueSteps(in: &early)
        #expect(early.requests.isEmpty)
        var warned = fixture.planner(at: CommandFixture.now + 230)
        commands.planDueSteps(in: &warned)
        #expect(warned.plannedKinds == ["sla-warned"])
    }

    @Test func pausingWithoutARunningClockIsRefused() {
        var fixture = CommandFixture(sla: FiveMinuteSLA())
        fixture.capture("L1")
        var planner = fixture.planner()
        #expect {
            try SLACommands(projections: fixture.projections, policies: fixture.policies).pauseClocks(
                of: "L1", reason: "waiting on the buyer", by: .system, in: &planner)
        } throws: { error in
            (error as? LeadModelError)?.code == .invalidValue
        }
    }
}
