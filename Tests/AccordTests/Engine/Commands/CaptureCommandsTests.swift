import Foundation
import LeadModel
import Testing

@testable import Accord

struct CaptureCommandsTests {
    @Test func twoRowsForOneNewPersonMakeOneLeadAndTheSignalLandsOnIt() {
        let fixture = CommandFixture()
        var planner = fixture.planner()
        let plan = CaptureCommands(projections: fixture.projections, policies: fixture.policies).ingest(
            [
                .lead(Lead(id: "", email: "ana@acme.com")),
                .signal(
                    Signal(kind: .quoteRequested, occurredAt: CommandFixture.now),
                    person: Lead(id: "", email: "ANA@acme.com")),
            ], by: .system, history: "imported history", in: &planner)
        #expect(plan.outcomes.map(\.leadID) == ["L0000001", "L0000001"])
        #expect(plan.signalSlots.map(\.lead) == ["L0000001"])
        #expect(planner.plannedKinds == ["captured", "signal-recorded"])
    }

    @Test(arguments: [1, 42, 9_999_999, 10_000_000, 123_456_789])
    func mintedIDsAreNamedAsBefore(number: Int) {
        #expect(Planner.mintedName(number) == String(format: "L%07d", number))
    }

    @Test func aRecordMatchingAKnownLeadFindsIt() {
        var fixture = CommandFixture()
        fixture.capture("L1")
        var planner = fixture.planner()
        let outcome = CaptureCommands(projections: fixture.projections, policies: fixture.policies).capture(
            Lead(id: "", email: "l1@acme.com"), by: .system, at: nil, in: &planner)
        #expect(outcome == .matched("L1"))
    }

    @Test func mergingALeadIntoItselfIsRefused() {
        var fixture = CommandFixture()
        fixture.capture("L1")
        var planner = fixture.planner()
        #expect {
            try CaptureCommands(projections: fixture.projections, policies: fixture.policies).merge(
                "L1", into: "L1", by: .system, in: &planner)
        } throws: { error in
            (error as? LeadModelError)?.code == .invalidValue
        }
        #expect(planner.requests.isEmpty)
    }

    @Test func mergingAnUnknownLeadIsATypedError() {
        var fixture = CommandFixture()
        fixture.capture("L1")
        var planner = fixture.planner()
        #expect {
            try CaptureCommands(projections: fixture.projections, policies: fixture.policies).merge(
                "L404", into: "L1", by: .system, in: &planner)
        } throws: { error in
            (error as? LeadModelError)?.code == .unknownLead
        }
    }
}
