import Accord
import EventStoreConformance
import Foundation
import LeadModel
import PolicyConformance
import Routing
import TerritoryRouting

// 1. The team and its territories, as a host would configure its own router: Berlin by postal
//    code, the rest of Germany, France, and a catch-all. Lena takes at most two open leads;
//    Claire is on holiday this week.
let monday = Date(timeIntervalSince1970: 1_795_446_000)  // Mon 2026-11-23 15:00 UTC
let router = TerritoryRouter(
    reps: [
        TerritoryRep(id: "lena", timeZone: "Europe/Berlin", maxOpen: 2),
        TerritoryRep(id: "jonas", timeZone: "Europe/Berlin", maxOpen: 20, maxNewPerDay: 8),
        TerritoryRep(
            id: "claire", timeZone: "Europe/Paris",
            away: [OutOfOffice(from: monday - 86_400, until: monday + 6 * 86_400, note: "holidays")]),
        TerritoryRep(id: "marc", timeZone: "Europe/Paris"),
        TerritoryRep(id: "sam", timeZone: "America/New_York", hours: 9..<17),
    ],
    territories: [
        Territory(name: "berlin", country: "DE", postalPrefixes: ["10", "12", "13", "14"], reps: ["lena", "jonas"]),
        Territory(name: "germany", country: "DE", reps: ["jonas"]),
        Territory(name: "france", country: "FR", reps: ["claire", "marc"]),
        Territory(name: "rest-of-world", country: nil, reps: ["sam"]),
    ])

// 2. The engine uses the router through the protocol only; the clock is manual so that the
//    output is the same on every run.
let clock = ManualClock(monday)
let engine = try await AlignmentEngine(
    playbook: .standard, store: InMemoryEventStore(),
    configuration: EngineConfiguration(router: router).driven(by: clock))

// 3. Seven quote requests (a quote request goes to sales at once under the standard playbook).
let arrivals: [(company: String, country: String, postalCode: String?)] = [
    ("Spree Labs", "DE", "10115"), ("Kreuzberg Data", "DE", "10997"), ("Mitte Health", "DE", "10178"),
    ("Tegel Logistics", "DE", "13405"), ("Isar Robotics", "DE", "80331"), ("Seine Analytics", "FR", "75008"),
    ("Hudson Freight", "US", "10001"),
]
for (number, arrival) in arrivals.enumerated() {
    var attributes: [String: AttributeValue] = ["country": .string(arrival.country)]
    if let postalCode = arrival.postalCode { attributes["postalCode"] = .string(postalCode) }
    let domain = arrival.company.lowercased().replacingOccurrences(of: " ", with: "") + ".example"
    let result = try await engine.record(
        Signal(kind: .quoteRequested, occurredAt: clock.now, idempotencyKey: "quote-\(number)"),
        from: Lead(
            id: "", email: "buyer@\(domain)", company: arrival.company, source: "website", attributes: attributes))
    let assignment = try await engine.assignments(of: result.leadID).last
    print(
        "\(result.leadID) \(arrival.company) (\(arrival.country)) → \(result.state.owner.map { "\($0)" } ?? "nobody")")
    for reason in assignment?.reasons ?? [] { print("    \(reason)") }
    clock.advance(by: 60)
}

// 4. A manager takes a lead from Lena: the router skips the rep it is taken from.
guard let first = await engine.activeLeads().first(where: { $0.owner == .rep("lena") }) else {
    print("no lead went to lena")
    exit(1)
}
let rerouted = try await engine.reroute(first.id, by: .person("team-lead"), reason: "lena is at a customer visit")
print("\(first.id) rerouted → \(rerouted.owner.map { "\($0)" } ?? "nobody")")
for reason in try await engine.assignments(of: first.id).last?.reasons ?? [] { print("    \(reason)") }

// 5. The loads the engine reports through the router, folded from the journal.
print("\nrep      open  new today  available")
for status in await engine.repStatuses() ?? [] {
    let open = "\(status.openLeads)/\(status.maxOpen.map(String.init) ?? "-")"
    let new = "\(status.newToday)/\(status.maxNewPerDay.map(String.init) ?? "-")"
    let name = status.rep.padding(toLength: 8, withPad: " ", startingAt: 0)
    print(
        "\(name) \(open.padding(toLength: 5, withPad: " ", startingAt: 0)) \(new.padding(toLength: 10, withPad: " ", startingAt: 0)) \(status.unavailable ?? "yes")"
    )
}

// 6. Prove the router against the engine's routing contract, with a lead it covers.
let sample = PolicySample(
    person: Lead(
        id: "", email: "conformance@example.com", company: "Example", source: "website",
        attributes: ["country": "DE", "postalCode": "10115"]))
let report = try await PolicyConformance(router: router, sample: sample, checks: PolicyConformance.routingChecks).run()
print("\npolicy conformance (routing):")
print(report)
guard report.passed else {
    print("\(report.violations.count) checks failed")
    exit(1)
}
