import Accord
import Foundation
import Journal
import LeadModel
import Routing

// 1. The agreement: Accord's default playbook (MQL at 50 points, a quote request goes straight to
//    SQL, hot leads answered within 15 minutes), plus two reps who share new SQLs.
var playbook = Playbook.standard
playbook.routing = try JSONDecoder().decode(
    RoutingRules.self,
    from: Data(
        """
        {"reps": [{"id": "maria"}, {"id": "james"}],
         "pools": [{"name": "inbound", "members": [{"rep": "maria"}, {"rep": "james"}]}],
         "rules": [], "default": {"pool": "inbound"}}
        """.utf8))

// 2. A journal (in memory here; FileEventStore(directory:) keeps it on disk) and the engine.
let engine = try await AlignmentEngine(
    playbook: playbook, store: InMemoryEventStore(), configuration: EngineConfiguration())

// 3. Facts arrive: a webinar sign-up, then the same person — typed differently — asks for a quote.
let ana = Lead(
    id: "", email: "Ana.Lopez@Acme.com", firstName: "Ana", company: "Acme", source: "webinar",
    attributes: ["industry": "healthcare", "employees": 450, "country": "US"])
_ = try await engine.record(Signal(kind: .webinarAttended, occurredAt: .now, idempotencyKey: "web-1"), from: ana)
let result = try await engine.record(
    Signal(kind: .quoteRequested, occurredAt: .now, idempotencyKey: "quote-1"),
    from: Lead(id: "", email: " ana.lopez@acme.com"))

// 4. The state, folded from the journal: one person, scored, qualified, routed and on the clock.
let state = result.state
print(
    "\(state.id): \(state.stage), score \(state.score?.total ?? 0) (\(state.score?.grade ?? "-")), owner \(state.owner.map { "\($0)" } ?? "none")"
)
for clock in state.openClocks.values {
    print("first touch due by \(clock.deadline.formatted(date: .omitted, time: .standard)) (\(clock.tier))")
}

// 5. Every decision explains itself from the journal.
for event in try await engine.timeline(of: state.id) {
    let why = event.reasons.map { "\($0.rule): \($0.detail)" }.joined(separator: "; ")
    print("  \(event.payload.kind)" + (why.isEmpty ? "" : " — \(why)"))
}
