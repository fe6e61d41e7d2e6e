import Accord
import Foundation
import LeadModel
import Testing

/// `tick()` fires the default playbook's warnings, breaches and escalations, once each.
struct ClockTickTests {
    func handedOff(_ clock: ManualClock) async throws -> (AlignmentEngine, LeadID) {
        let engine = try await makeEngine(clock: clock, playbook: .standard, router: FixedRouter())
        let person = Lead(id: "", email: "ana@acme.com", company: "Acme", source: "website")
        let result = try await engine.record(Signal(kind: .quoteRequested, occurredAt: clock.now), from: person)
        // The first-touch clock and, beside it, the hot tier's disposition deadline.
        #expect(result.state.openClocks.count == 2)
        #expect(result.state.openClocks.values.filter(\.id.isDisposition).count == 1)
        return (engine, result.leadID)
    }

    func clockKinds(_ engine: AlignmentEngine, _ id: LeadID) async throws -> [String] {
        try await engine.timeline(of: id).map(\.payload.kind).filter { $0.hasPrefix("sla-") && $0 != "sla-started" }
    }

    @Test func anUntouchedHotLeadWarnsBreachesAndEscalatesInOrder() async throws {
        let clock = ManualClock()
        let (engine, id) = try await handedOff(clock)
        #expect(try await engine.tick() == 0)
        clock.advance(by: 12 * 60)
        #expect(try await engine.tick() == 1)
        clock.advance(by: 4 * 60)
        #expect(try await engine.tick() == 2)
        clock.advance(by: 15 * 60)
        #expect(try await engine.tick() == 1)
        #expect(try await engine.tick() == 0)
        #expect(try await clockKinds(engine, id) == ["sla-warned", "sla-breached", "sla-escalated", "sla-escalated"])
        let steps = try await engine.timeline(of: id).compactMap { event -> String? in
            guard case .slaEscalated(let escalation) = event.payload else { return nil }
            return escalation.step
        }
        #expect(steps == ["warn-owner", "notify-manager"])
        let state = try #require(await engine.state(of: id))
        #expect(state.breachedClocks.count == 1)
        let stillOpen = state.openClocks.values.map(\.id.isDisposition)
        #expect(stillOpen == [true], "the verdict is still owed")
    }

    @Test func aTouchInTimeStopsTheClockForGood() async throws {
        let clock = ManualClock()
        let (engine, id) = try await handedOff(clock)
        clock.advance(by: 5 * 60)
        try await engine.recordTouch(Touch(channel: .call, by: "rep-1", connected: true), on: id)
        clock.advance(by: 3 * 3_600)
        #expect(try await engine.tick() == 0)
        #expect(try await clockKinds(engine, id) == ["sla-met"])
        let disposition = try #require(await engine.state(of: id)?.openClocks.values.first)
        #expect(disposition.id.isDisposition, "a touch does not answer for the verdict")
        #expect(await engine.nextClockDue == disposition.deadline)
    }

    @Test func aVerdictInTimeMeetsTheDispositionClockAndALateOneBreachesItWithoutEscalating() async throws {
        let clock = ManualClock()
        let (engine, id) = try await handedOff(clock)
        try await engine.recordTouch(Touch(channel: .call, by: "rep-1", connected: true), on: id)
        try await engine.recordDisposition(Disposition(outcome: .accepted), on: id, by: .person("rep-1"))
        let met = try #require(await engine.state(of: id))
        #expect(met.openClocks.isEmpty)
        #expect(try await clockKinds(engine, id) == ["sla-met", "sla-met"])

        let (late, lateID) = try await handedOff(clock)
        try await late.recordTouch(Touch(channel: .call, by: "rep-1", connected: true), on: lateID)
        let deadline = try #require(await late.state(of: lateID)?.openClocks.values.first?.deadline)
        clock.set(deadline + 60)
        #expect(try await late.tick() == 1, "the breach, and no escalation ladder for a verdict")
        #expect(try await late.tick() == 0)
        #expect(try await clockKinds(late, lateID) == ["sla-met", "sla-breached"])
        let breach = try #require(try await late.timeline(of: lateID).last)
        #expect(breach.payload == .slaBreached(try #require(await late.state(of: lateID)?.breachedClocks.first)))
    }

    @Test func aReopenedEngineDoesNotFireStepsAgain() async throws {
        let clock = ManualClock()
        let store = InMemoryEventStore()
        let engine = try await makeEngine(store: store, clock: clock, playbook: .standard, router: FixedRouter())
        let person = Lead(id: "", email: "ana@acme.com", company: "Acme", source: "website")
        let result = try await engine.record(Signal(kind: .quoteRequested, occurredAt: clock.now), from: person)
        clock.advance(by: 20 * 60)
        #expect(try await engine.tick() == 3)
        try await engine.saveSnapshot()
        let reopened = try await makeEngine(store: store, clock: clock, playbook: .standard, router: FixedRouter())
        #expect(try await reopened.tick() == 0)
        clock.advance(by: 15 * 60)
        #expect(try await reopened.tick() == 1)
        #expect(try await clockKinds(reopened, result.leadID).count == 4)
    }
}
