import Feedback
import Foundation
import LeadModel
import Testing

@testable import Accord

struct FeedbackCommandsTests {
    @Test func aRejectionIsRecordedAndCanBeDisputedOnce() throws {
        var fixture = CommandFixture()
        fixture.capture("L1", stage: .sql)
        let disposition = Disposition(outcome: .rejected, reasonCode: "wrong-persona")
        var planner = fixture.planner()
        try FeedbackCommands(projections: fixture.projections, policies: fixture.policies).recordDisposition(
            disposition, on: "L1", by: .person("rep-1"), in: &planner)
        #expect(planner.plannedKinds == ["disposition-recorded"])

        fixture.fold("L1", .dispositionRecorded(disposition))
        var dispute = fixture.planner()
        try FeedbackCommands(projections: fixture.projections, policies: fixture.policies).disputeRejection(
            of: "L1", reason: "the title says CFO", by: "maria", in: &dispute)
        #expect(dispute.plannedKinds == ["dispute-raised"])
    }

    @Test func anUnknownReasonCodeIsRefused() {
        var fixture = CommandFixture()
        fixture.capture("L1", stage: .sql)
        var planner = fixture.planner()
        #expect {
            try FeedbackCommands(projections: fixture.projections, policies: fixture.policies).recordDisposition(
                Disposition(outcome: .rejected, reasonCode: "bad-vibes"), on: "L1", by: .person("rep-1"), in: &planner)
        } throws: { error in
            (error as? FeedbackError)?.code == .unknownReason
        }
        #expect(planner.requests.isEmpty)
    }

    @Test func resolvingWithoutADisputeIsRefused() {
        var fixture = CommandFixture()
        fixture.capture("L1", stage: .sql)
        var planner = fixture.planner()
        #expect {
            try FeedbackCommands(projections: fixture.projections, policies: fixture.policies).resolveDispute(
                of: "L1", .overturned, by: "head-of-revenue", note: nil, in: &planner)
        } throws: { error in
            (error as? FeedbackError)?.code == .noOpenDispute
        }
    }
}
