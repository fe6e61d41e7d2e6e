import Accord
import EventStoreConformance
import Foundation
import LeadModel
import Routing
import SLA

/// A fresh engine on an in-memory journal, driven by a manual clock, with the policies under test.
struct PolicyHarness {
    /// Monday 23 November 2026, 15:00 UTC: inside business hours in Europe and the Americas.
    static let start = Date(timeIntervalSince1970: 1_795_446_000)

    let clock = ManualClock(Self.start)
    let store = InMemoryEventStore()
    let configuration: EngineConfiguration
    let engine: AlignmentEngine
    let sample: PolicySample

    /// Opens the engine with `sla` (the standard playbook's tiers when `nil`) and `router` (the
    /// kit's own when `nil`).
    init(sla: (any SLAPolicy)?, router: (any LeadRouter)?, sample: PolicySample) async throws {
        configuration = EngineConfiguration(router: router ?? RotatingRouter(), sla: sla).driven(by: clock)
        engine = try await AlignmentEngine(playbook: .standard, store: store, configuration: configuration)
        self.sample = sample
    }

    /// Another engine opened on the same journal: what folding the journal gives.
    func reopened() async throws -> AlignmentEngine {
        try await AlignmentEngine(playbook: .standard, store: store, configuration: configuration)
    }

    /// Hands the sample lead off at the clock's instant.
    func handOff() async throws -> LeadState {
        var signal = sample.signal
        signal.occurredAt = clock.now
        return try await engine.record(signal, from: sample.person).state
    }

    /// The lead's running first-touch clock.
    ///
    /// - Throws: a violation when the policy started none for the sample lead.
    func firstTouchClock(of state: LeadState) throws -> SLAClock {
        guard
            let clock = state.openClocks.values.filter({ !$0.id.isDisposition }).min(by: {
                $0.id.rawValue < $1.id.rawValue
            })
        else {
            throw ConformanceViolation(
                requirement: "the policy starts a first-touch clock for the sample lead at handoff",
                expected: "an open first-touch clock", observed: "none (pass a sample the policy covers)")
        }
        return clock
    }

    /// The SLA events of one clock in journal order, as kinds (`sla-escalated` with its step).
    func clockEvents(_ id: SLAClockID, of lead: LeadID) async throws -> [String] {
        try await engine.timeline(of: lead).compactMap { event -> String? in
            switch event.payload {
            case .slaStarted(let clock) where clock.id == id: return "sla-started"
            case .slaWarned(id): return "sla-warned"
            case .slaBreached(id): return "sla-breached"
            case .slaPaused(let pause) where pause.clockID == id: return "sla-paused"
            case .slaResumed(let resume) where resume.clockID == id: return "sla-resumed"
            case .slaMet(id): return "sla-met"
            case .slaEscalated(let escalation) where escalation.clockID == id: return "sla-escalated:\(escalation.step)"
            default: return nil
            }
        }
    }
}

/// The kit's router for the SLA checks: the first of three reps who is neither excluded nor the
/// lead's owner, so that a reroute always moves the lead.
struct RotatingRouter: LeadRouter {
    static let reps = ["conformance-rep-1", "conformance-rep-2", "conformance-rep-3"]

    func route(_ input: RoutingInput) -> RoutingDecision? {
        guard
            let rep = Self.reps.first(where: {
                !input.context.excludedReps.contains($0) && input.state.owner != .rep($0)
            })
        else { return nil }
        return RoutingDecision(
            owner: .rep(rep), router: "policy-conformance",
            trail: [Reason(rule: "policy-conformance", detail: "the first rep free of the lead")])
    }
}
