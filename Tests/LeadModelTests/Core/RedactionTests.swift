import Foundation
import LeadModel
import Testing

struct RedactionTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func redactionKeepsWhatTheScoreboardCounts() {
        let lead = Lead(
            id: "L1", email: "ana@acme.com", phone: "+1 415 555 0100", firstName: "Ana",
            lastName: "Silva", title: "VP", company: "Acme", source: "webinar", campaign: "q4",
            messageAngle: "roi", externalIDs: [ExternalID(system: "crm", value: "1")],
            attributes: ["employees": .number(250)])
        let event = LeadEvent(
            leadID: "L1", occurredAt: now, actor: .system, payload: .captured(lead, stage: .lead),
            idempotencyKey: "form-ana@acme.com")
        let redacted = event.redactingPersonalData()
        guard case .captured(let kept, let stage) = redacted.payload else {
            Issue.record("payload kind changed")
            return
        }
        #expect(stage == .lead)
        #expect(kept.email == nil && kept.phone == nil && kept.firstName == nil)
        #expect(kept.lastName == nil && kept.title == nil && kept.externalIDs.isEmpty)
        #expect(kept.attributes.isEmpty)
        #expect(kept.company == "Acme" && kept.source == "webinar" && kept.campaign == "q4")
        #expect(redacted.idempotencyKey == nil)
        #expect(redacted.occurredAt == now && redacted.leadID == "L1")
    }

    @Test func notesAndSignalPropertiesAreRemoved() {
        let touch = LeadEvent(
            leadID: "L1", occurredAt: now, actor: .system,
            payload: .touched(Touch(channel: .call, by: "r", connected: true, note: "spoke to Ana")))
        #expect(touch.redactingPersonalData().payload == .touched(Touch(channel: .call, by: "r", connected: true)))
        let signal = LeadEvent(
            leadID: "L1", occurredAt: now, actor: .system,
            payload: .signalRecorded(Signal(kind: .replied, occurredAt: now, properties: ["body": "hi"])))
        #expect(signal.redactingPersonalData().payload == .signalRecorded(Signal(kind: .replied, occurredAt: now)))
    }
}

struct ScoreEvidenceRedactionTests {
    @Test func erasureRemovesScoreEvidenceButKeepsThePoints() throws {
        let card = ScoreCard(
            scorer: "rules", fit: 5, engagement: 0,
            contributions: [
                .init(rule: "senior-title", axis: .fit, points: 5, evidence: "title VP Finance contains 'vp'")
            ])
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let events = [
            LeadEvent(leadID: "L1", occurredAt: now, actor: .system, payload: .captured(Lead(id: "L1"), stage: .lead)),
            LeadEvent(leadID: "L1", occurredAt: now, actor: .system, payload: .scored(card)),
        ]
        guard case .scored(let redacted) = events[1].redactingPersonalData().payload else {
            Issue.record("payload kind changed")
            return
        }
        #expect(redacted.contributions.map(\.evidence) == [""])
        #expect(redacted.total == 5)
        let erased = LeadEvent(
            leadID: "L1", occurredAt: now, actor: .system, payload: .erased(Erasure(requestedBy: "dpo")))
        let state = try #require(LeadState.fold(events + [erased]))
        #expect(state.score?.contributions.first?.evidence == "")
        #expect(state.score?.contributions.first?.points == 5)
    }
}
