import Foundation
import LeadModel
import Testing

struct LeadStateFoldTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func event(_ payload: LeadEvent.Payload, at offset: TimeInterval = 0, lead: LeadID = "L1")
        -> LeadEvent
    {
        LeadEvent(leadID: lead, occurredAt: t0 + offset, actor: .system, payload: payload)
    }

    @Test func noCaptureFoldsToNothing() {
        let signal = Signal(kind: .emailOpened, occurredAt: t0)
        #expect(LeadState.fold([event(.signalRecorded(signal))]) == nil)
        #expect(LeadState.fold([LeadEvent]()) == nil)
    }

    @Test func foldTracksStagesSignalsOwnerAndVersion() throws {
        let lead = Lead(id: "L1", email: "ana@acme.com", source: "webinar")
        let events = [
            event(.captured(lead, stage: .lead)),
            event(.signalRecorded(Signal(kind: .quoteRequested, occurredAt: t0 + 5)), at: 5),
            event(.stageChanged(StageChange(from: .lead, to: .sql)), at: 10),
            event(.assigned(Assignment(owner: .rep("rep-1"), router: "rules")), at: 11),
            event(.touched(Touch(channel: .call, by: "rep-1")), at: 70),
        ]
        let state = try #require(LeadState.fold(events))
        #expect(state.stage == .sql)
        #expect(state.stageHistory.map(\.stage) == [.lead, .sql])
        #expect(state.enteredAt(.sql) == t0 + 10)
        #expect(state.signals.count == 1)
        #expect(state.owner == .rep("rep-1"))
        #expect(state.firstTouchAt == t0 + 70)
        #expect(state.version == 5)
        #expect(state.createdAt == t0)
        #expect(state.updatedAt == t0 + 70)
    }

    @Test func eventsOfOtherLeadsAreIgnored() throws {
        let events = [
            event(.captured(Lead(id: "L1"), stage: .lead)),
            event(.stageChanged(StageChange(from: .lead, to: .mql)), lead: "L2"),
        ]
        let state = try #require(LeadState.fold(events))
        #expect(state.stage == .lead)
        #expect(state.version == 1)
    }

    @Test func mergeBringsTheAbsorbedSignalsAndFillsGaps() throws {
        let absorbed = Lead(
            id: "L2", phone: "+14155550100", externalIDs: [ExternalID(system: "outreach", value: "9")])
        let older = Signal(kind: .emailOpened, occurredAt: t0 - 100)
        let events = [
            event(.captured(Lead(id: "L1", email: "ana@acme.com"), stage: .lead)),
            event(.signalRecorded(Signal(kind: .replied, occurredAt: t0 + 1)), at: 1),
            event(
                .merged(
                    MergeRecord(
                        absorbed: "L2", matchedOn: ["phone"], absorbedLead: absorbed,
                        absorbedSignals: [older])), at: 2),
        ]
        let state = try #require(LeadState.fold(events))
        #expect(state.absorbed == ["L2"])
        #expect(state.lead.email == "ana@acme.com")
        #expect(state.lead.phone == "+14155550100")
        #expect(state.lead.externalIDs.count == 1)
        #expect(state.signals.map(\.kind) == [.emailOpened, .replied])
    }

    @Test func slaClocksOpenAndClose() throws {
        let clock = SLAClock(id: "c1", tier: "hot", owner: .rep("r"), warnAt: nil, deadline: t0 + 300)
        let other = SLAClock(id: "c2", tier: "hot", owner: .rep("r"), warnAt: nil, deadline: t0 + 600)
        let events = [
            event(.captured(Lead(id: "L1"), stage: .lead)),
            event(.slaStarted(clock)), event(.slaStarted(other)),
            event(.slaMet("c1"), at: 100), event(.slaBreached("c2"), at: 700),
        ]
        let state = try #require(LeadState.fold(events))
        #expect(state.openClocks.isEmpty)
        #expect(state.breachedClocks == ["c2"])
    }

    @Test func erasureRemovesPersonalDataFromState() throws {
        let lead = Lead(
            id: "L1", email: "ana@acme.com", firstName: "Ana", company: "Acme", source: "webinar",
            attributes: ["employees": .number(250)])
        let events = [
            event(.captured(lead, stage: .lead)),
            event(.touched(Touch(channel: .call, by: "r", note: "Ana said call back"))),
            event(.erased(Erasure(requestedBy: "dpo"))),
        ]
        let state = try #require(LeadState.fold(events))
        #expect(state.isErased)
        #expect(state.lead.email == nil)
        #expect(state.lead.firstName == nil)
        #expect(state.lead.attributes.isEmpty)
        #expect(state.lead.company == "Acme")
        #expect(state.lead.source == "webinar")
        #expect(state.touches.first?.note == nil)
    }
}
