import Accord
import Foundation
import LeadModel
import SLA
import Testing

/// `run()` sleeps on the injected clock until the next deadline and returns when cancelled;
/// clocks pause and resume where the tier allows, their deadlines moved by the paused business time.
struct ClockRunTests {
    static func date(_ text: String) -> Date { (try? Date(text, strategy: .iso8601)) ?? .distantPast }

    /// Four business hours in New York, 09:00–17:00 on weekdays, pauses allowed.
    static func pausablePlaybook(pauseAllowed: Bool = true) throws -> Playbook {
        var playbook = Playbook.standard
        let sla = """
            {"defaultCalendar": "ny",
             "calendars": {"ny": {"timeZone": "America/New_York",
                                  "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
                                            "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]}}},
             "tiers": [{"name": "hot", "covers": {"tiers": ["hot"]}, "firstTouch": {"within": "4h"},
                        "warnAt": 0.5, "pauseAllowed": \(pauseAllowed)}]}
            """
        playbook.sla = try JSONDecoder().decode(SLAConfiguration.self, from: Data(sla.utf8))
        return playbook
    }

    func handOff(_ engine: AlignmentEngine, at now: Date) async throws -> LeadState {
        let person = Lead(id: "", email: "ana@acme.com", company: "Acme", source: "website")
        return try await engine.record(Signal(kind: .quoteRequested, occurredAt: now), from: person).state
    }

    func kinds(_ engine: AlignmentEngine, _ id: LeadID) async throws -> [String] {
        try await engine.timeline(of: id).map(\.payload.kind).filter { $0.hasPrefix("sla-") }
    }

    @Test func runFiresEachStepWhenTheClockGetsThereAndStopsWhenCancelled() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
        let engine = try await AlignmentEngine(
            playbook: .standard, store: InMemoryEventStore(),
            configuration: EngineConfiguration(router: FixedRouter()).driven(by: clock))
        let lead = try await handOff(engine, at: clock.now)
        let loop = Task { try await engine.run() }
        await clock.waitForSleepers()
        #expect(try await kinds(engine, lead.id) == ["sla-started", "sla-started"])  // first touch, disposition
        clock.advance(by: 12 * 60)
        await clock.waitForSleepers()
        #expect(try await kinds(engine, lead.id) == ["sla-started", "sla-started", "sla-warned"])
        clock.advance(by: 4 * 60)
        await clock.waitForSleepers()
        #expect(
            try await kinds(engine, lead.id) == [
                "sla-started", "sla-started", "sla-warned", "sla-breached", "sla-escalated",
            ])
        loop.cancel()
        try await loop.value
        #expect(clock.sleeperCount == 0)
    }

    @Test func aPausedClockNeitherWarnsNorBreachesAndResumesWithTheRestOfItsTime() async throws {
        // Monday 23 November 2026, 10:00 in New York: the deadline is 14:00.
        let clock = ManualClock(Self.date("2026-11-23T15:00:00Z"))
        let engine = try await AlignmentEngine(
            playbook: try Self.pausablePlaybook(), store: InMemoryEventStore(),
            configuration: EngineConfiguration(router: FixedRouter()).driven(by: clock))
        let lead = try await handOff(engine, at: clock.now)
        let clockID = try #require(lead.openClocks.keys.first)
        #expect(lead.openClocks[clockID]?.deadline == Self.date("2026-11-23T19:00:00Z"))
        clock.advance(by: 3_600)  // 11:00: one business hour used, three left
        #expect(
            try await engine.pauseClocks(of: lead.id, reason: "prospect picks a time", by: .person("rep-1")) == [
                clockID
            ])
        #expect(try await engine.pauseClocks(of: lead.id, reason: "again", by: .person("rep-1")).isEmpty)
        clock.set(Self.date("2026-11-23T21:00:00Z"))  // 16:00, past the old deadline
        #expect(try await engine.tick() == 0)
        clock.set(Self.date("2026-11-24T15:00:00Z"))  // Tuesday 10:00
        let resumed = try await engine.resumeClocks(of: lead.id, by: .person("rep-1"))
        // Paused Monday 11:00–17:00 and Tuesday 09:00–10:00: seven business hours; three left → 13:00.
        #expect(resumed.first?.deadline == Self.date("2026-11-24T18:00:00Z"))
        let resume = try await engine.timeline(of: lead.id).compactMap { event -> SLAResume? in
            guard case .slaResumed(let resume) = event.payload else { return nil }
            return resume
        }
        let pausedFor = try #require(resume.first?.pausedFor)
        #expect(abs(pausedFor - 7 * 3_600) < 0.001, "\(pausedFor)")
        clock.set(Self.date("2026-11-24T18:00:00Z"))
        #expect(try await engine.tick() == 2, "warning and breach, once the rest of the time is used")
        #expect(
            try await kinds(engine, lead.id) == [
                "sla-started", "sla-paused", "sla-resumed", "sla-warned", "sla-breached",
            ])
    }

    @Test func aTierWithoutPausesRefusesToPause() async throws {
        let clock = ManualClock(Self.date("2026-11-23T15:00:00Z"))
        let engine = try await AlignmentEngine(
            playbook: try Self.pausablePlaybook(pauseAllowed: false), store: InMemoryEventStore(),
            configuration: EngineConfiguration(router: FixedRouter()).driven(by: clock))
        let lead = try await handOff(engine, at: clock.now)
        await #expect(throws: LeadModelError.self) {
            try await engine.pauseClocks(of: lead.id, reason: "no", by: .person("rep-1"))
        }
    }

    @Test func aLeadArrivingFridayEveningIsDueMondayInBusinessTime() async throws {
        // Friday 20 November 2026, 18:30 in New York: the clock starts Monday 09:00, due at 13:00.
        let clock = ManualClock(Self.date("2026-11-20T23:30:00Z"))
        let engine = try await AlignmentEngine(
            playbook: try Self.pausablePlaybook(), store: InMemoryEventStore(),
            configuration: EngineConfiguration(router: FixedRouter()).driven(by: clock))
        let lead = try await handOff(engine, at: clock.now)
        #expect(lead.openClocks.values.first?.deadline == Self.date("2026-11-23T18:00:00Z"))
        let started = try #require(
            try await engine.timeline(of: lead.id).first { $0.payload.kind == "sla-started" })
        #expect(
            started.reasons.contains { $0.detail.contains("after hours") || $0.detail.contains("Mon 2026-11-23 09:00") }
        )
        clock.set(Self.date("2026-11-23T13:59:00Z"))  // Monday 08:59: nothing has counted yet
        #expect(try await engine.tick() == 0)
    }

    @Test func aTouchWhilePausedMeetsTheClockAndALateClockCannotPause() async throws {
        let clock = ManualClock(Self.date("2026-11-23T15:00:00Z"))
        let engine = try await AlignmentEngine(
            playbook: try Self.pausablePlaybook(), store: InMemoryEventStore(),
            configuration: EngineConfiguration(router: FixedRouter()).driven(by: clock))
        let first = try await handOff(engine, at: clock.now)
        try await engine.pauseClocks(of: first.id, reason: "prospect picks a time", by: .person("rep-1"))
        clock.set(Self.date("2026-11-23T21:00:00Z"))  // past the deadline it had when paused
        try await engine.recordTouch(Touch(channel: .meeting, by: "rep-1", connected: true), on: first.id)
        #expect(try await kinds(engine, first.id) == ["sla-started", "sla-paused", "sla-met"])

        let person = Lead(id: "", email: "bo@other.com", company: "Other", source: "website")
        let second = try await engine.record(Signal(kind: .quoteRequested, occurredAt: clock.now), from: person).state
        clock.set(Self.date("2026-11-24T18:00:00Z"))  // Tuesday 13:00: due at 12:00
        await #expect(throws: LeadModelError.self) {
            try await engine.pauseClocks(of: second.id, reason: "too late", by: .person("rep-1"))
        }
    }
}
