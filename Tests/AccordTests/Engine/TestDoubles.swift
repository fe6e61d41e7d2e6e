import Accord
import Foundation
import LeadModel
import Routing
import SLA
import Scoring

/// 10 points per signal, as engagement.
struct CountingScorer: LeadScorer {
    func score(_ input: ScoringInput) -> ScoreCard? {
        let points = Double(input.state.signals.count * 10)
        return ScoreCard(
            scorer: "counting", fit: 0, engagement: points,
            contributions: [
                .init(
                    rule: "per-signal", axis: .engagement, points: points,
                    evidence: "\(input.state.signals.count) signals")
            ])
    }
}

/// Sends every lead to one rep.
struct FixedRouter: LeadRouter {
    var rep = "rep-1"
    func route(_ input: RoutingInput) -> RoutingDecision? {
        RoutingDecision(owner: .rep(rep), router: "fixed", trail: [Reason(rule: "fixed", detail: "always \(rep)")])
    }
}

/// Five minutes to first touch, wall clock.
struct FiveMinuteSLA: SLAPolicy {
    func clock(for input: SLAInput) -> SLAClockStart? {
        SLAClockStart(
            tier: "hot", warnAt: input.now + 225, deadline: input.now + 300,
            reasons: [Reason(rule: "tier:hot", detail: "5 minutes wall clock from assignment")])
    }
}

typealias TestClock = ManualClock

extension ManualClock {
    convenience init() { self.init(Date(timeIntervalSince1970: 1_790_000_000)) }
    func advance(_ seconds: TimeInterval) { advance(by: seconds) }
}

func makeEngine(
    store: any EventStore = InMemoryEventStore(), clock: TestClock = TestClock(),
    playbook: Playbook = .unscored, scorer: (any LeadScorer)? = nil, router: (any LeadRouter)? = nil,
    sla: (any SLAPolicy)? = nil
) async throws -> AlignmentEngine {
    let configuration = EngineConfiguration(
        now: { clock.now }, scorer: scorer, router: router, sla: sla)
    return try await AlignmentEngine(playbook: playbook, store: store, configuration: configuration)
}

extension Playbook {
    /// The standard agreement without scoring and qualification, for tests of the engine's
    /// other duties.
    static let unscored = Playbook(name: "Test agreement", version: "1")
}
