import Foundation
public import LeadModel
public import Routing
import SLA

extension AlignmentEngine {
    /// Records every response-clock step that is due at the engine's `now`: warnings, breaches
    /// and the tiers' escalation steps, each with the calendar arithmetic as its reasons.
    ///
    /// Call it from a timer, a queue worker or a replay loop. Its cost follows what is due, not
    /// how many clocks are open. Clocks of leads that were merged or erased are left alone.
    /// It first hands off recycled leads whose re-qualify date was reached.
    ///
    /// - Returns: the number of events appended.
    /// - Throws: ``EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func tick() async throws -> Int {
        var appended = try await requalifyDue()
        // Each round records the next due step of each clock; a clock several steps behind (a
        // warning, its breach and an immediate escalation) needs several rounds.
        for _ in 0..<Self.maximumStepsPerTick {
            let round = try await tickRound()
            appended += round
            guard round > 0, let next = monitor.nextDue, next <= configuration.now() else { break }
        }
        return appended
    }

    /// How many steps of one clock a single tick may record.
    static let maximumStepsPerTick = 16

    private func tickRound() async throws -> Int {
        let results = try await commit {
            var planner = makePlanner()
            for action in monitor.due(at: planner.now) {
                guard let state = planner.state(action.leadID), state.mergedInto == nil, !state.isErased else {
                    continue
                }
                let payload: LeadEvent.Payload
                switch action.kind {
                case .warn:
                    payload = .slaWarned(action.clockID)
                case .breach:
                    payload = .slaBreached(action.clockID)
                case .escalate(_, let step):
                    payload = .slaEscalated(
                        SLAEscalation(clockID: action.clockID, step: step.rawValue, target: state.owner))
                }
                planner.add(action.leadID, payload, by: .system, reasons: action.reasons, decision: true)
            }
            return planner.requests
        }
        return results.reduce(0) { $0 + $1.appendedCount }
    }

    /// When the next response-clock step falls due, if any clock is open: a host's `run` loop
    /// sleeps until then and calls ``tick()``.
    public var nextClockDue: Date? { monitor.nextDue }
}

extension AlignmentEngine {
    /// Every open response clock, soonest deadline first, with the lead it runs for (leads that
    /// were merged or erased left out).
    public func openClocks() -> [(lead: LeadID, clock: SLAClock)] {
        var clocks: [(lead: LeadID, clock: SLAClock)] = []
        for state in leads.values where state.mergedInto == nil && !state.isErased {
            for clock in state.openClocks.values { clocks.append((state.id, clock)) }
        }
        clocks.sort { lhs, rhs in
            lhs.clock.deadline == rhs.clock.deadline ? lhs.lead < rhs.lead : lhs.clock.deadline < rhs.clock.deadline
        }
        return clocks
    }

    /// Each rep's load, caps and availability now, when the router is the playbook's rule router.
    public func repStatuses() -> [RepStatus]? {
        guard let router = router as? RuleRouter else { return nil }
        return router.statuses(ledger: routingLedger, at: configuration.now())
    }
}
