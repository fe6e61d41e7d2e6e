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
        #expect(result.state.openClocks.count == 1)
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
        #expect(state.openClocks.isEmpty && state.breachedClocks.count == 1)
    }

    @Test func aTouchInTimeStopsTheClockForGood() async throws {
        let clock = ManualClock()
        let (engine, id) = try await handedOff(clock)
        clock.advance(by: 5 * 60)
        try await engine.recordTouch(Touch(channel: .call, by: "rep-1", connected: true), on: id)
        clock.advance(by: 3 * 3_600)
        #expect(try await engine.tick() == 0)
        #expect(try await clockKinds(engine, id) == ["sla-met"])
        #expect(await engine.nextClockDue == nil)
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
