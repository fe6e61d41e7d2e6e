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
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func tick() async throws -> Int {
        var appended = try await requalifyDue()
        // Each round records the next due step of each clock; a clock several steps behind (a
        // warning, its breach and an immediate escalation) needs several rounds.
        for _ in 0..<Self.maximumStepsPerTick {
            let round = try await tickRound()
            appended += round
            guard round > 0, let next = projections.monitor.nextDue, next <= configuration.now() else { break }
        }
        return appended
    }

    /// How many steps of one clock a single tick may record.
    static let maximumStepsPerTick = 16

    private func tickRound() async throws -> Int {
        let results = try await commitPlan { planner in
            SLACommands(projections: projections, policies: policies).planDueSteps(in: &planner)
        }
        return results.reduce(0) { $0 + $1.appendedCount }
    }

    /// When the next response-clock step falls due, if any clock is open: a host's `run` loop
    /// sleeps until then and calls ``tick()``.
    public var nextClockDue: Date? { projections.monitor.nextDue }
}

extension AlignmentEngine {
    /// Every open response clock, soonest deadline first, with the lead it runs for (leads that
    /// were merged or erased left out).
    public func openClocks() -> [(lead: LeadID, clock: SLAClock)] {
        var clocks: [(lead: LeadID, clock: SLAClock)] = []
        for state in projections.leads.values where state.mergedInto == nil && !state.isErased {
            for clock in state.openClocks.values { clocks.append((state.id, clock)) }
        }
        clocks.sort { lhs, rhs in
            lhs.clock.deadline == rhs.clock.deadline ? lhs.lead < rhs.lead : lhs.clock.deadline < rhs.clock.deadline
        }
        return clocks
    }

    /// Each rep's load, caps and availability now, as the router reports them
    /// (``Routing/LeadRouter/repStatuses(ledger:at:)``): every rep of the playbook's rules for the
    /// rule router; `nil` without a router or when the router does not track reps.
    public func repStatuses() -> [RepStatus]? {
        policies.router?.repStatuses(ledger: projections.routingLedger, at: configuration.now())
    }
}
