import Foundation
import LeadModel
import Routing
import SLA
import Scoring

@testable import Accord

/// Projections built by folding a few events, and the policies commands decide with: what a
/// command function needs, without an engine or a store.
struct CommandFixture {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    let policies: EnginePolicies
    var projections: EngineProjections
    private var position: UInt64 = 0

    init(
        playbook: Playbook = .unscored, scorer: (any LeadScorer)? = nil, router: (any LeadRouter)? = nil,
        sla: (any SLAPolicy)? = nil
    ) {
        policies = EnginePolicies(
            playbook: playbook, identity: StandardIdentityResolver(), scorer: scorer, router: router, sla: sla)
        projections = EngineProjections(playbook: playbook, policies: policies)
    }

    /// Folds one event, as the engine folds what it stored.
    mutating func fold(_ lead: LeadID, _ payload: LeadEvent.Payload, at time: Date = Self.now) {
        position += 1
        projections.fold(
            LeadEvent(
                position: JournalPosition(position), leadID: lead, occurredAt: time, actor: .system,
                payload: payload))
    }

    /// Folds the capture of a lead complete enough for every handoff gate.
    mutating func capture(_ id: LeadID, stage: Stage = .lead) {
        let lead = Lead(id: id, email: "\(id.rawValue.lowercased())@acme.com", company: "Acme", source: "webinar")
        fold(id, .captured(lead, stage: stage))
    }

    /// A planner over the projections at `now`.
    func planner(at now: Date = Self.now) -> Planner {
        Planner(projections: projections, policies: policies, now: now)
    }
}

extension Planner {
    /// The kinds of the events planned so far, lead by lead in planning order.
    var plannedKinds: [String] { requests.flatMap(\.events).map(\.payload.kind) }

    /// The kinds of the events planned for one lead (routing claims go on streams of their own).
    func plannedKinds(of lead: LeadID) -> [String] {
        requests.filter { $0.leadID == lead }.flatMap(\.events).map(\.payload.kind)
    }
}
