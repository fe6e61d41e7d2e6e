import Foundation
import Journal
import LeadModel
import Testing
import _LeadModelTestSupport

/// The feedback fields and payloads added in layout version 2.
struct FeedbackLayoutTests {
    static func event(_ payload: LeadEvent.Payload) -> LeadEvent {
        LeadEvent(leadID: "l", occurredAt: EventFixtures.at, actor: .system, payload: payload)
    }

    @Test func aVersionOneDispositionReadsWithEmptyLayoutTwoFields() throws {
        let disposition = Disposition(outcome: .rejected, reasonCode: "duplicate", note: "n")
        var bytes = Codec.encode(Self.event(.dispositionRecorded(disposition)))
        // Layout 2 appended 7 absent or empty fields; a version-1 record ends before them.
        #expect(Array(bytes.suffix(7)) == Array(repeating: 0, count: 7))
        bytes.removeLast(7)
        bytes[0] = 1
        #expect(try Codec.decode(bytes).payload == .dispositionRecorded(disposition))
    }

    @Test func aVersionOneTouchReadsWithoutObjections() throws {
        let touch = Touch(channel: .call, by: "rep", connected: true)
        var bytes = Codec.encode(Self.event(.touched(touch)))
        bytes.removeLast(2)
        bytes[0] = 1
        #expect(try Codec.decode(bytes).payload == .touched(touch))
    }

    @Test(arguments: [
        LeadEvent.Payload.disputeRaised(Dispute(raisedBy: "m", reason: "r")),
        .disputeResolved(DisputeResolution(verdict: .upheld, by: "a")),
        .requalified(Requalification(trigger: "date", detail: "d", recycles: 1)),
    ])
    func payloadsAddedInLayoutTwoAreUnknownInVersionOneRecords(_ payload: LeadEvent.Payload) {
        var bytes = Codec.encode(Self.event(payload))
        bytes[0] = 1
        #expect(Codec.decodeError(bytes)?.code == .unknownTag)
    }

    @Test func anUnknownMeetingQualityIsMalformed() {
        let disposition = Disposition(outcome: .accepted, meetingQuality: .strong)
        var bytes = Codec.encode(Self.event(.dispositionRecorded(disposition)))
        // "strong" is written as a string; change one letter to make an unknown value.
        let index = try! #require(bytes.firstIndex(of: UInt8(ascii: "s")))
        bytes[index] = UInt8(ascii: "x")
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.description.contains("meetingQuality") == true)
    }

    @Test func anUnknownVerdictIsMalformed() {
        var bytes = Codec.encode(Self.event(.disputeResolved(DisputeResolution(verdict: .upheld, by: ""))))
        let index = try! #require(bytes.firstIndex(of: UInt8(ascii: "u")))
        bytes[index] = UInt8(ascii: "x")
        #expect(Codec.decodeError(bytes)?.code == .malformed)
    }

    @Test func erasureRemovesBuyerQuotesAndDisputeTextButKeepsTags() {
        let touch = Touch(channel: .call, by: "r", note: "n", objections: ["security-review"], buyerSaid: "quote")
        let redactedTouch = Self.event(.touched(touch)).redactingPersonalData()
        #expect(redactedTouch.payload == .touched(Touch(channel: .call, by: "r", objections: ["security-review"])))
        let disposition = Disposition(
            outcome: .rejected, reasonCode: "wrong-persona", note: "n", objections: ["no-roi-case"], buyerSaid: "q",
            failedRules: ["role"])
        guard
            case .dispositionRecorded(let kept) = Self.event(.dispositionRecorded(disposition))
                .redactingPersonalData().payload
        else {
            Issue.record("not a disposition")
            return
        }
        #expect(kept.buyerSaid == nil && kept.note == nil)
        #expect(kept.objections == ["no-roi-case"] && kept.failedRules == ["role"])
        let dispute = Self.event(.disputeRaised(Dispute(raisedBy: "m", reason: "r"))).redactingPersonalData()
        #expect(dispute.payload == .disputeRaised(Dispute(raisedBy: "m", reason: "")))
    }

    @Test func theFoldTracksRecyclesDisputesAndOverturns() throws {
        let payloads: [LeadEvent.Payload] = [
            .captured(Lead(id: "l"), stage: .lead),
            .dispositionRecorded(Disposition(outcome: .recycled, reasonCode: "poor-timing")),
            .requalified(Requalification(trigger: "date", detail: "d", recycles: 1)),
            .dispositionRecorded(Disposition(outcome: .rejected, reasonCode: "wrong-persona")),
            .disputeRaised(Dispute(raisedBy: "m", reason: "r")),
        ]
        let events = payloads.map(Self.event)
        let open = try #require(LeadState.fold(events))
        #expect(open.feedback.recycles == 1)
        #expect(open.feedback.requalifications == 1)
        #expect(open.feedback.dispute?.state == .open)
        #expect(open.disposition?.outcome == .rejected)
        let overturned = try #require(
            LeadState.fold(events + [Self.event(.disputeResolved(DisputeResolution(verdict: .overturned, by: "a")))]))
        #expect(overturned.feedback.dispute?.state == .overturned)
        #expect(overturned.feedback.dispute?.resolvedBy == "a")
        #expect(overturned.disposition == nil)
        let upheld = try #require(
            LeadState.fold(events + [Self.event(.disputeResolved(DisputeResolution(verdict: .upheld, by: "a")))]))
        #expect(upheld.feedback.dispute?.state == .upheld)
        #expect(upheld.disposition?.outcome == .rejected)
        let again = try #require(
            LeadState.fold(events + [Self.event(.dispositionRecorded(Disposition(outcome: .accepted)))]))
        #expect(again.feedback.dispute == nil)
    }

    @Test func feedbackPayloadsAreReadableJSON() throws {
        let event = Self.event(.disputeRaised(Dispute(raisedBy: "m", reason: "r")))
        let data = try JSONEncoder().encode(event.payload)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"kind\":\"dispute-raised\""))
        #expect(try JSONDecoder().decode(LeadEvent.Payload.self, from: data) == event.payload)
        // JSON written before the new disposition fields existed still reads.
        let old = Data(#"{"kind":"disposition-recorded","disposition":{"outcome":"accepted"}}"#.utf8)
        #expect(
            try JSONDecoder().decode(LeadEvent.Payload.self, from: old)
                == .dispositionRecorded(Disposition(outcome: .accepted)))
    }
}
