import Accord
import Foundation
import LeadModel
import Routing
import SLA
import Testing

/// The engine asks a host's own SLA policy and router, not only the built-in types: it pauses,
/// resumes, escalates and restarts clocks as the policy says and reports the router's reps.
struct HostPolicyEngineTests {
    static let start = Date(timeIntervalSince1970: 1_795_446_000)

    func open(
        sla: any SLAPolicy = HostSLA(), router: any LeadRouter = TerritoryRouter(), clock: ManualClock,
        store: InMemoryEventStore = InMemoryEventStore()
    ) async throws -> AlignmentEngine {
        try await AlignmentEngine(
            playbook: .standard, store: store,
            configuration: EngineConfiguration(router: router, sla: sla).driven(by: clock))
    }

    func handOff(_ engine: AlignmentEngine, at now: Date, company: String = "Acme") async throws -> LeadState {
        let person = Lead(id: "", email: "ana@\(company.lowercased()).example", company: company, source: "website")
        return try await engine.record(Signal(kind: .quoteRequested, occurredAt: now), from: person).state
    }

    func kinds(_ engine: AlignmentEngine, _ id: LeadID) async throws -> [String] {
        try await engine.timeline(of: id).compactMap { event in
            switch event.payload {
            case .slaEscalated(let escalation): "sla-escalated:\(escalation.step)"
            default: event.payload.kind.hasPrefix("sla-") ? event.payload.kind : nil
            }
        }
    }

    @Test func aHostPolicyPausesAndResumesWithTheDeadlineItGives() async throws {
        let clock = ManualClock(Self.start)
        let engine = try await open(clock: clock)
        let lead = try await handOff(engine, at: clock.now)
        let running = try #require(lead.openClocks.values.first)
        #expect(running.deadline == Self.start + 3_600)
        clock.advance(by: 600)
        #expect(
            try await engine.pauseClocks(of: lead.id, reason: "prospect picks a time", by: .person("ana")) == [
                running.id
            ])
        clock.set(Self.start + 7_200)  // past the deadline it had
        try await engine.tick()
        #expect(try await kinds(engine, lead.id) == ["sla-started", "sla-paused"])
        let resumed = try await engine.resumeClocks(of: lead.id, by: .person("ana"))
        #expect(resumed.map(\.deadline) == [Self.start + 7_200 + 3_000], "the 50 minutes left count again")
        #expect(resumed.map(\.warnAt) == [Self.start + 7_200 + 2_100])
        let resume = try await engine.timeline(of: lead.id).compactMap { event -> SLAResume? in
            if case .slaResumed(let resume) = event.payload { return resume }
            return nil
        }
        #expect(resume.map(\.pausedFor) == [6_600])
    }

    @Test func aHostPolicyEscalatesOnItsOwnLadderAndAReopenedEngineFoldsIt() async throws {
        let clock = ManualClock(Self.start)
        let store = InMemoryEventStore()
        let engine = try await open(clock: clock, store: store)
        let lead = try await handOff(engine, at: clock.now)
        let deadline = Self.start + 3_600
        clock.set(deadline + 599)
        try await engine.tick()
        #expect(try await kinds(engine, lead.id) == ["sla-started", "sla-warned", "sla-breached"])
        clock.set(deadline + 600)
        try await engine.tick()
        #expect(
            try await kinds(engine, lead.id) == [
                "sla-started", "sla-warned", "sla-breached", "sla-escalated:warn-owner",
            ])
        #expect(await engine.nextClockDue == deadline + 2_400)

        let reopened = try await open(clock: clock, store: store)
        #expect(await reopened.nextClockDue == deadline + 2_400, "the journal's escalation folds on the host's ladder")
        clock.set(deadline + 2_400)
        try await reopened.tick()
        #expect(
            try await kinds(reopened, lead.id).suffix(2) == [
                "sla-escalated:warn-owner", "sla-escalated:notify-manager",
            ])
        let escalated = try await reopened.timeline(of: lead.id).last { $0.payload.kind == "sla-escalated" }
        #expect(escalated?.reasons == [Reason(rule: "host-escalation", detail: "step 2, 40m late")])
    }

    @Test func aHostPolicyRestartsTheClockOnReassignment() async throws {
        let clock = ManualClock(Self.start)
        let engine = try await open(clock: clock)
        let lead = try await handOff(engine, at: clock.now)
        #expect(lead.owner == .rep("north"))
        clock.advance(by: 1_800)
        let moved = try await engine.reroute(lead.id, by: .person("mia"), reason: "north is away")
        #expect(moved.owner == .rep("south"))
        let restarted = try #require(moved.openClocks.values.first)
        #expect(restarted.deadline == Self.start + 1_800 + 3_600)
        #expect(restarted.owner == .rep("south"))
        let started = try await engine.timeline(of: lead.id).last { $0.payload.kind == "sla-started" }
        #expect(started?.reasons.first == Reason(rule: "host-reassignment", detail: "a new owner gets a full hour"))
    }

    @Test func aHostRouterReportsRepStatusesThroughTheEngine() async throws {
        let clock = ManualClock(Self.start)
        let engine = try await open(clock: clock)
        #expect(await engine.repStatuses()?.map(\.openLeads) == [0, 0])
        _ = try await handOff(engine, at: clock.now, company: "Zeta")
        let statuses = try #require(await engine.repStatuses())
        #expect(statuses.map(\.rep) == ["north", "south"])
        #expect(statuses.map(\.openLeads) == [0, 1])
        #expect(statuses.map(\.newToday) == [0, 1])
    }

    @Test func aPolicyWithoutPausesGetsTheUnsupportedErrorNamingIt() async throws {
        let clock = ManualClock(Self.start)
        let engine = try await open(sla: FiveMinuteSLA(), clock: clock)
        let lead = try await handOff(engine, at: clock.now)
        let error = await #expect(throws: SLAPolicyError.self) {
            try await engine.pauseClocks(of: lead.id, reason: "prospect picks a time", by: .person("ana"))
        }
        #expect(error?.code == .unsupported)
        #expect(error?.policy == "FiveMinuteSLA")
        #expect(error?.operation == .pause)
        #expect(error?.description.contains("FiveMinuteSLA") == true)
        #expect(error?.description.contains("pauseAllowed") == false, "not the tiered policy's hint")
        #expect(await engine.pausedSince(try #require(lead.openClocks.keys.first)) == nil)
    }
}
