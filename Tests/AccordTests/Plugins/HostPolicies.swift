import Foundation
import LeadModel
import Routing
import SLA

/// A host's own SLA policy, written from scratch (not a wrapper around `TieredSLAPolicy`): one
/// wall-clock hour to first touch with a warning at 45 minutes; its own ladder (warn the owner 10
/// minutes after the deadline, notify the manager after 40, reassign after 2 hours); a pause gives
/// back the wall time that was left; a reassignment restarts the clock.
struct HostSLA: SLAPolicy {
    static let ladder: [(action: EscalationStep.Action, after: TimeInterval)] = [
        (.warnOwner, 600), (.notifyManager, 2_400), (.reassign, 7_200),
    ]

    func clock(for input: SLAInput) -> SLAClockStart? {
        SLAClockStart(
            tier: "host", warnAt: input.now + 2_700, deadline: input.now + 3_600,
            reasons: [Reason(rule: "host-sla", detail: "one wall-clock hour from assignment")])
    }

    func escalation(of clock: SLAClock, step index: Int) -> SLAEscalationDue? {
        guard Self.ladder.indices.contains(index) else { return nil }
        let step = Self.ladder[index]
        return SLAEscalationDue(
            action: step.action, at: clock.deadline + step.after,
            reasons: [Reason(rule: "host-escalation", detail: "step \(index + 1), \(Int(step.after / 60))m late")])
    }

    func checkPause(_ clock: SLAClock) throws(SLAPolicyError) {}

    func resume(_ clock: SLAClock, pausedAt: Date, resumedAt: Date) -> SLAResumption? {
        let warnAt = clock.warnAt.flatMap { $0 > pausedAt ? resumedAt + $0.timeIntervalSince(pausedAt) : nil }
        return SLAResumption(
            warnAt: warnAt, deadline: resumedAt + clock.deadline.timeIntervalSince(pausedAt),
            pausedFor: resumedAt.timeIntervalSince(pausedAt),
            reasons: [Reason(rule: "host-pause", detail: "the wall time left counts again")])
    }

    func reassigned(_ clock: SLAClock, input: SLAInput) -> SLAClockStart? {
        guard var restart = self.clock(for: input) else { return nil }
        restart.reasons.insert(Reason(rule: "host-reassignment", detail: "a new owner gets a full hour"), at: 0)
        return restart
    }
}

/// A host's own SLA policy with a ladder out of order: the conformance kit must catch it.
struct LadderOutOfOrderSLA: SLAPolicy {
    func clock(for input: SLAInput) -> SLAClockStart? {
        SLAClockStart(tier: "broken", warnAt: nil, deadline: input.now + 600, reasons: [Reason(rule: "b", detail: "b")])
    }

    func escalation(of clock: SLAClock, step index: Int) -> SLAEscalationDue? {
        switch index {
        case 0: SLAEscalationDue(action: .warnOwner, at: clock.deadline + 600, reasons: [])
        case 1: SLAEscalationDue(action: .notifyManager, at: clock.deadline + 60, reasons: [])
        default: nil
        }
    }
}

/// A host's own territory router: companies A–M go to `north`, the rest to `south`, each to the
/// other when excluded; it reports both reps' loads from the engine's ledger.
struct TerritoryRouter: LeadRouter {
    static let reps = ["north", "south"]

    func route(_ input: RoutingInput) -> RoutingDecision? {
        let first = input.state.lead.company?.uppercased().first ?? "Z"
        let home = first <= "M" ? "north" : "south"
        let candidates = [home] + Self.reps.filter { $0 != home }
        guard let rep = candidates.first(where: { !input.context.excludedReps.contains($0) }) else { return nil }
        return RoutingDecision(
            owner: .rep(rep), router: "territory",
            trail: [Reason(rule: "territory", detail: "company initial \(first) → \(rep)")])
    }

    func repStatuses(ledger: RoutingLedger, at now: Date) -> [RepStatus]? {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        return Self.reps.map { rep in
            RepStatus(
                rep: rep, openLeads: ledger.openLeads(of: rep), maxOpen: nil,
                newToday: ledger.newLeads(of: rep, since: today), maxNewPerDay: nil, unavailable: nil)
        }
    }
}

/// A host's own router that lists a rep but hands every lead to a queue: the rep-status check
/// has no rep to count the lead against and must say so rather than pass.
struct QueueOnlyRouter: LeadRouter {
    func route(_ input: RoutingInput) -> RoutingDecision? {
        RoutingDecision(owner: .queue("inbound"), router: "queue-only")
    }

    func repStatuses(ledger: RoutingLedger, at now: Date) -> [RepStatus]? {
        [
            RepStatus(
                rep: "north", openLeads: ledger.openLeads(of: "north"), maxOpen: nil, newToday: 0, maxNewPerDay: nil,
                unavailable: nil)
        ]
    }
}

/// A host's own router that routes to a rep its statuses leave out: the conformance kit must
/// catch it.
struct UnlistedRepRouter: LeadRouter {
    func route(_ input: RoutingInput) -> RoutingDecision? {
        RoutingDecision(owner: .rep("hidden"), router: "unlisted")
    }

    func repStatuses(ledger: RoutingLedger, at now: Date) -> [RepStatus]? {
        QueueOnlyRouter().repStatuses(ledger: ledger, at: now)
    }
}

/// A host's own router that sends every lead to one rep, even when the context excludes that rep:
/// the conformance kit must catch it.
struct StickyRouter: LeadRouter {
    func route(_ input: RoutingInput) -> RoutingDecision? {
        RoutingDecision(owner: .rep("north"), router: "sticky")
    }

    func repStatuses(ledger: RoutingLedger, at now: Date) -> [RepStatus]? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return [
            RepStatus(
                rep: "north", openLeads: ledger.openLeads(of: "north"), maxOpen: nil,
                newToday: ledger.newLeads(of: "north", since: calendar.startOfDay(for: now)), maxNewPerDay: nil,
                unavailable: nil)
        ]
    }
}
