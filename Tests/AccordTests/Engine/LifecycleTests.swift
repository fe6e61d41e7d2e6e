import Accord
import Feedback
import Foundation
import LeadModel
import Testing

struct LifecycleTests {
    let complete = Lead(id: "", email: "ana@acme.com", company: "Acme", source: "webinar")

    @Test func handoffBlockedByGateNamesMissingFieldsAndStoresNothing() async throws {
        let engine = try await makeEngine()
        let lead = try await engine.capture(Lead(id: "", email: "ana@acme.com"))
        await #expect {
            try await engine.changeStage(of: lead.leadID, to: .sql, by: .person("marketer"))
        } throws: { error in
            (error as? LeadModelError)?.missingFields == [.company, .source]
        }
        #expect(await engine.state(of: lead.leadID)?.version == 1)
    }

    @Test func disallowedMoveIsRejected() async throws {
        let engine = try await makeEngine()
        let lead = try await engine.capture(complete)
        await #expect(throws: LeadModelError.self) {
            try await engine.changeStage(of: lead.leadID, to: .won, by: .system)
        }
    }

    @Test func handoffRoutesAndStartsTheClockInOneAppend() async throws {
        let engine = try await makeEngine(router: FixedRouter(), sla: FiveMinuteSLA())
        let lead = try await engine.capture(complete)
        let state = try await engine.changeStage(of: lead.leadID, to: .sql, by: .system)
        #expect(state.stage == .sql)
        #expect(state.owner == .rep("rep-1"))
        #expect(state.openClocks.count == 1)
        let events = try await engine.timeline(of: lead.leadID)
        #expect(events.map(\.payload.kind) == ["captured", "stage-changed", "assigned", "sla-started"])
        #expect(events[1].reasons.contains { $0.rule == "gate:sql" })
        #expect(events[2].reasons == [Reason(rule: "fixed", detail: "always rep-1")])
        #expect(events[2].playbookVersion == Playbook.standard.version)
    }

    @Test func touchInTimeMeetsTheClockAndLateTouchBreachesIt() async throws {
        let clock = TestClock()
        let engine = try await makeEngine(clock: clock, router: FixedRouter(), sla: FiveMinuteSLA())
        let fast = try await engine.capture(complete)
        let slow = try await engine.capture(Lead(id: "", email: "bo@beta.io", company: "Beta", source: "ads"))
        try await engine.changeStage(of: fast.leadID, to: .sql, by: .system)
        try await engine.changeStage(of: slow.leadID, to: .sql, by: .system)
        clock.advance(299)
        let met = try await engine.recordTouch(Touch(channel: .call, by: "rep-1"), on: fast.leadID)
        #expect(met.openClocks.isEmpty && met.breachedClocks.isEmpty)
        clock.advance(2)
        let late = try await engine.recordTouch(Touch(channel: .email, by: "rep-1"), on: slow.leadID)
        #expect(late.openClocks.isEmpty)
        #expect(late.breachedClocks.count == 1)
    }

    @Test func rejectionNeedsAnApprovedReasonCode() async throws {
        let engine = try await makeEngine()
        let lead = try await engine.capture(complete)
        await #expect {
            try await engine.recordDisposition(
                Disposition(outcome: .rejected, reasonCode: "bad-vibes"), on: lead.leadID, by: .person("rep-1"))
        } throws: { error in
            let error = error as! FeedbackError
            return error.code == .unknownReason && error.allowedCodes.contains("wrong-persona")
        }
        let state = try await engine.recordDisposition(
            Disposition(outcome: .rejected, reasonCode: "wrong-persona", note: "IT, not finance"),
            on: lead.leadID, by: .person("rep-1"))
        #expect(state.disposition?.reasonCode == "wrong-persona")
    }

    @Test func manualMergeAndSelfMerge() async throws {
        let engine = try await makeEngine()
        let a = try await engine.capture(complete)
        let b = try await engine.capture(Lead(id: "", email: "ana.silva@gmail.com"))
        let merged = try await engine.merge(b.leadID, into: a.leadID, by: .person("steward"))
        #expect(merged.absorbed == [b.leadID])
        #expect(await engine.survivor(of: b.leadID) == a.leadID)
        #expect(await engine.lookUp(Lead(id: "", email: "ana.silva@gmail.com")) == a.leadID)
        await #expect(throws: LeadModelError.self) {
            try await engine.merge(a.leadID, into: a.leadID, by: .person("steward"))
        }
    }

    @Test func erasureForgetsThePersonButKeepsTheFacts() async throws {
        let store = InMemoryEventStore()
        let engine = try await makeEngine(store: store)
        let lead = try await engine.capture(complete)
        try await engine.record(Signal(kind: .replied, occurredAt: .now), for: lead.leadID)
        try await engine.erase(lead.leadID, requestedBy: "dpo", reference: "GDPR-17")
        let state = try #require(await engine.state(of: lead.leadID))
        #expect(state.isErased && state.lead.email == nil && state.lead.company == "Acme")
        #expect(state.signals.count == 1)
        #expect(await engine.lookUp(Lead(id: "", email: "ana@acme.com")) == nil)
        let again = try await engine.capture(Lead(id: "", email: "ana@acme.com"))
        #expect(again.leadID != lead.leadID)
        await #expect(throws: LeadModelError.self) {
            try await engine.recordTouch(Touch(channel: .call, by: "r"), on: lead.leadID)
        }
    }

    @Test func twoEnginesSharingAStoreSeeEachOthersFacts() async throws {
        let store = InMemoryEventStore()
        let first = try await makeEngine(store: store)
        let second = try await makeEngine(store: store)
        let lead = try await first.capture(complete)
        let matched = try await second.capture(Lead(id: "", email: "ana@acme.com", title: "CFO"))
        #expect(matched.outcome == .matched(lead.leadID))
        try await first.changeStage(of: lead.leadID, to: .mql, by: .system)
        #expect(await first.state(of: lead.leadID)?.lead.title == "CFO")
        try await second.catchUp()
        #expect(await second.state(of: lead.leadID)?.stage == .mql)
    }

    @Test func reopeningFoldsTheSameState() async throws {
        let store = InMemoryEventStore()
        let engine = try await makeEngine(store: store, router: FixedRouter(), sla: FiveMinuteSLA())
        let lead = try await engine.capture(complete)
        try await engine.changeStage(of: lead.leadID, to: .sql, by: .system)
        let reopened = try await makeEngine(store: store)
        #expect(await reopened.state(of: lead.leadID) == (await engine.state(of: lead.leadID)))
    }

    @Test func notificationsArriveInOrder() async throws {
        let engine = try await makeEngine(router: FixedRouter())
        let lead = try await engine.capture(complete)
        try await engine.changeStage(of: lead.leadID, to: .sql, by: .system)
        var received: [EngineNotification] = []
        for await note in engine.notifications {
            received.append(note)
            if received.count == 3 { break }
        }
        #expect(
            received == [
                .leadCaptured(lead.leadID), .stageChanged(lead.leadID, StageChange(from: .lead, to: .sql)),
                .assigned(lead.leadID, .rep("rep-1")),
            ])
    }
}

struct ErasureOfMergedPeopleTests {
    @Test func erasingAnAbsorbedLeadErasesTheWholePerson() async throws {
        let store = InMemoryEventStore()
        let engine = try await makeEngine(store: store)
        let crm = ExternalID(system: "outreach", value: "OR-1")
        let form = try await engine.capture(Lead(id: "", email: "ana@acme.com", company: "Acme"))
        let outbound = try await engine.capture(
            Lead(id: "", phone: "+1 628 555 0101", firstName: "Ana", externalIDs: [crm]))
        _ = try await engine.capture(Lead(id: "", email: "ana@acme.com", externalIDs: [crm]))
        try await engine.erase(outbound.leadID, requestedBy: "dpo")
        for id in [form.leadID, outbound.leadID] {
            #expect(await engine.state(of: id)?.isErased == true)
            for event in await store.events(forLead: id) {
                if case .merged(let record) = event.payload {
                    #expect(record.absorbedLead.phone == nil && record.absorbedLead.firstName == nil)
                }
            }
        }
    }
}

struct NotificationSinkTests {
    actor Collector: NotificationSink {
        var received: [EngineNotification] = []
        func deliver(_ notification: EngineNotification) async { received.append(notification) }
    }

    @Test func sinksReceiveEveryNotificationInOrderAfterTheFactsAreStored() async throws {
        let collector = Collector()
        let store = InMemoryEventStore()
        let engine = try await AlignmentEngine(
            playbook: .standard, store: store,
            configuration: EngineConfiguration(router: FixedRouter(), sinks: [collector]))
        let lead = try await engine.capture(Lead(id: "", email: "ana@acme.com", company: "Acme", source: "ads"))
        try await engine.changeStage(of: lead.leadID, to: .sql, by: .system)
        try await engine.erase(lead.leadID, requestedBy: "dpo")
        #expect(
            await collector.received == [
                .leadCaptured(lead.leadID), .stageChanged(lead.leadID, StageChange(from: .lead, to: .sql)),
                .assigned(lead.leadID, .rep("rep-1")), .leadErased(lead.leadID),
            ])
        #expect(await store.events(forLead: lead.leadID).count == 4)
    }
}

struct SharedStoreTests {
    @Test func twoEnginesCapturingTheSamePeopleAtOnceMakeOneLeadEach() async throws {
        let store = InMemoryEventStore()
        let first = try await makeEngine(store: store)
        let second = try await makeEngine(store: store)
        let people = (0..<5).map { Lead(id: "", email: "person\($0)@acme.com", source: "webinar") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for engine in [first, second] {
                group.addTask {
                    for round in 0..<10 {
                        for person in people {
                            var copy = person
                            copy.campaign = "round-\(round)"
                            try await engine.capture(copy)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        try await first.catchUp()
        try await second.catchUp()
        #expect(await first.activeLeads().count == 5)
        #expect(await first.activeLeads() == (await second.activeLeads()))
    }
}
