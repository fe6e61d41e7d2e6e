import Accord
import EventStoreConformance
import FirstResponseSLA
import Foundation
import LeadModel
import PolicyConformance
import Routing
import SLA

// 1. The agreement, as the host's own policy: sales answers within 30 business minutes on the
//    Berlin office's hours; past the deadline the owner is warned, the team lead 30 business
//    minutes later, and two business hours late the head of sales' rule reassigns the lead.
let policy = FirstResponseSLA(
    calendar: WeeklyBusinessCalendar(timeZone: "Europe/Berlin", weekdays: [BusinessWindow("09:00-17:00")!]),
    calendarName: "berlin-office", firstResponse: 30 * 60,
    ladder: [
        EscalationRung(.warnOwner, after: 0, role: "owner"),
        EscalationRung(.notifyManager, after: 30 * 60, role: "team lead"),
        EscalationRung(.reassign, after: 2 * 3_600, role: "head of sales"),
    ])

// 2. Two reps who share new leads; their manager (the team lead) is who `notify-manager` reaches.
var playbook = Playbook.standard
playbook.routing = try JSONDecoder().decode(
    RoutingRules.self,
    from: Data(
        """
        {"reps": [{"id": "ana", "manager": "tess"}, {"id": "ben", "manager": "tess"}],
         "pools": [{"name": "inbound", "members": [{"rep": "ana"}, {"rep": "ben"}]}],
         "rules": [], "default": {"pool": "inbound"}}
        """.utf8))

// 3. The engine with the policy, on a manual clock: Monday 23 November 2026, 16:00 in Berlin.
let clock = ManualClock(Date(timeIntervalSince1970: 1_795_446_000))
let engine = try await AlignmentEngine(
    playbook: playbook, store: InMemoryEventStore(),
    configuration: EngineConfiguration(sla: policy).driven(by: clock))
let berlin = policy.calendar

/// Prints the lead's SLA events recorded since the last call, with their reasons.
var shown = 0
@MainActor func showClockEvents(of lead: LeadID) async throws {
    let events = try await engine.timeline(of: lead).filter { $0.payload.kind.hasPrefix("sla-") }
    for event in events.dropFirst(shown) {
        var line = "\(berlin.describe(event.occurredAt))  \(event.payload.kind)"
        if case .slaEscalated(let escalation) = event.payload {
            line += " \(escalation.step) → \(escalation.target.map { "\($0)" } ?? "nobody")"
        }
        print(line)
        for reason in event.reasons { print("    \(reason)") }
    }
    shown = events.count
}

// 4. A quote request: the lead goes to a rep and the clock starts.
let result = try await engine.record(
    Signal(kind: .quoteRequested, occurredAt: clock.now, idempotencyKey: "quote-1"),
    from: Lead(id: "", email: "buyer@spree-labs.example", company: "Spree Labs", source: "website"))
let lead = result.leadID
print("\(lead) → \(result.state.owner.map { "\($0)" } ?? "nobody")")
try await showClockEvents(of: lead)

// 5. Ten minutes later the rep waits on the customer's security questionnaire: the clock
//    pauses. It comes back on Tuesday at 10:00; the 20 business minutes that were left count again.
clock.advance(by: 10 * 60)
_ = try await engine.pauseClocks(of: lead, reason: "waiting on the customer's questionnaire", by: .person("ana"))
clock.set(Date(timeIntervalSince1970: 1_795_446_000 + 18 * 3_600))
_ = try await engine.resumeClocks(of: lead, by: .person("ana"))
try await showClockEvents(of: lead)

// 6. Nobody answers: the engine ticks at each instant the policy gives, and the ladder runs
//    until the lead gets a new owner (whose fresh clock would start the ladder again).
let owner = await engine.state(of: lead)?.owner
while let due = await engine.nextClockDue, await engine.state(of: lead)?.owner == owner {
    clock.set(due)
    _ = try await engine.tick()
}
try await showClockEvents(of: lead)
print("owner now: \(await engine.state(of: lead)?.owner.map { "\($0)" } ?? "nobody")")

// 7. Prove the policy against the engine's SLA contract.
let report = try await PolicyConformance(sla: policy, checks: PolicyConformance.slaChecks).run()
print("\npolicy conformance (SLA):")
print(report)
guard report.passed else {
    print("\(report.violations.count) checks failed")
    exit(1)
}
