import Foundation
import LeadModel
import PolicyConformance
import Routing
import TerritoryRouting
import Testing

/// The territory router on its own: which territory covers a lead, which rep gets it and why,
/// and the loads it reports from the ledger; then the SDK's routing conformance checks.
struct TerritoryRouterTests {
    /// Monday 23 November 2026, 15:00 UTC: 16:00 in Berlin, 10:00 in New York.
    static let monday = Date(timeIntervalSince1970: 1_795_446_000)

    static let router = TerritoryRouter(
        reps: [
            TerritoryRep(id: "lena", timeZone: "Europe/Berlin", maxOpen: 2),
            TerritoryRep(id: "jonas", timeZone: "Europe/Berlin", maxNewPerDay: 1),
            TerritoryRep(
                id: "claire", timeZone: "Europe/Paris",
                away: [OutOfOffice(from: monday - 3_600, until: monday + 3_600, note: "dentist")]),
            TerritoryRep(id: "sam", timeZone: "America/New_York", hours: 9..<17),
        ],
        territories: [
            Territory(name: "germany", country: "DE", reps: ["jonas"]),
            Territory(name: "berlin", country: "de", postalPrefixes: ["10", "12"], reps: ["lena", "jonas"]),
            Territory(name: "france", country: "FR", reps: ["claire"]),
            Territory(name: "rest-of-world", country: nil, reps: ["sam"]),
        ])

    static func input(
        country: String?, postalCode: String? = nil, ledger: RoutingLedger = RoutingLedger(),
        excluding excluded: Set<String> = [], at now: Date = monday
    ) throws -> RoutingInput {
        var attributes: [String: AttributeValue] = [:]
        if let country { attributes["country"] = .string(country) }
        if let postalCode { attributes["postalCode"] = .string(postalCode) }
        let captured = LeadEvent(
            leadID: "L1", occurredAt: now, actor: .system,
            payload: .captured(Lead(id: "L1", email: "buyer@example.com", attributes: attributes), stage: .sql))
        let state = try #require(LeadState.fold([captured]))
        return RoutingInput(state: state, now: now, context: RoutingContext(ledger: ledger, excludedReps: excluded))
    }

    /// The events of `count` leads captured and assigned to `rep` at `instant`.
    static func events(_ count: Int, assignedTo rep: String, at instant: Date) -> [LeadEvent] {
        (0..<count).flatMap { number in
            let id = LeadID(rawValue: "\(rep)-\(number)")
            return [
                LeadEvent(
                    leadID: id, occurredAt: instant, actor: .system,
                    payload: .captured(Lead(id: id, email: "\(id)@example.com"), stage: .sql)),
                LeadEvent(
                    leadID: id, occurredAt: instant, actor: .system,
                    payload: .assigned(Assignment(owner: .rep(rep), router: "test"))),
            ]
        }
    }

    /// A ledger in which `rep` was assigned `count` open leads at `instant`.
    static func ledger(_ count: Int, assignedTo rep: String, at instant: Date = monday) -> RoutingLedger {
        var ledger = RoutingLedger()
        ledger.apply(contentsOf: events(count, assignedTo: rep, at: instant))
        return ledger
    }

    @Test func theMostSpecificTerritoryWinsWhateverTheOrder() throws {
        let berlin = try #require(Self.router.route(try Self.input(country: "DE", postalCode: "10 115")))
        #expect(
            berlin.trail.first == Reason(rule: "territory:berlin", detail: "country DE, postal code starts with 10"))
        let munich = try #require(Self.router.route(try Self.input(country: "de", postalCode: "80331")))
        #expect(munich.trail.first == Reason(rule: "territory:germany", detail: "country DE"))
        #expect(munich.owner == .rep("jonas"))
    }

    @Test func passesWhenNoTerritoryCoversTheLead() throws {
        var router = Self.router
        router.territories.removeAll { $0.country == nil }
        #expect(router.route(try Self.input(country: "JP")) == nil)
        #expect(router.route(try Self.input(country: nil)) == nil)
        #expect(Self.router.route(try Self.input(country: nil))?.owner == .rep("sam"))
    }

    @Test func theFewestOpenLeadsWinsAndTheTerritoryOrderBreaksTies() throws {
        #expect(Self.router.route(try Self.input(country: "DE", postalCode: "10115"))?.owner == .rep("lena"))
        let busy = Self.ledger(1, assignedTo: "lena", at: Self.monday - 2 * 86_400)
        let decision = Self.router.route(try Self.input(country: "DE", postalCode: "10115", ledger: busy))
        #expect(decision?.owner == .rep("jonas"))
        #expect(
            decision?.trail.last == Reason(rule: "territory-pick:jonas", detail: "fewest open leads (lena 1, jonas 0)"))
    }

    @Test func aRepAtACapIsPassedOverWithTheReason() throws {
        let full = Self.ledger(2, assignedTo: "lena", at: Self.monday - 2 * 86_400)
        let decision = try #require(Self.router.route(try Self.input(country: "DE", postalCode: "12043", ledger: full)))
        #expect(decision.owner == .rep("jonas"))
        #expect(decision.trail.contains(Reason(rule: "territory-skip:lena", detail: "at capacity: 2 of 2 open leads")))
        let jonasToday = Self.ledger(1, assignedTo: "jonas")
        let germany = Self.router.route(try Self.input(country: "DE", ledger: jonasToday))
        #expect(
            germany?.trail.contains(
                Reason(rule: "territory-skip:jonas", detail: "at the daily cap: 1 of 1 new leads today")) == true)
    }

    @Test func anExcludedRepIsNeverChosen() throws {
        let decision = Self.router.route(try Self.input(country: "DE", postalCode: "10115", excluding: ["lena"]))
        #expect(decision?.owner == .rep("jonas"))
        #expect(
            decision?.trail.contains(Reason(rule: "territory-skip:lena", detail: "excluded from this handoff")) == true)
    }

    @Test func noAvailableRepSendsTheLeadToTheOverflowQueue() throws {
        let away = try #require(Self.router.route(try Self.input(country: "FR")))
        #expect(away.owner == .queue("territory-overflow"))
        #expect(away.flags == [.territoryOverflow])
        #expect(away.trail.contains { $0.rule == "territory-skip:claire" && $0.detail.hasPrefix("away until") })
        // 03:00 UTC on Monday is 22:00 on Sunday in New York.
        let night = Self.router.route(try Self.input(country: "US", at: Self.monday - 12 * 3_600))
        #expect(night?.owner == .queue("territory-overflow"))
        #expect(night?.trail.contains { $0.detail == "not a working day in America/New_York" } == true)
    }

    @Test func repStatusesCountNewLeadsInEachRepsOwnDay() throws {
        // Assigned at 03:00 UTC on Monday: Monday in Berlin, still Sunday in New York.
        let early = Self.monday - 12 * 3_600
        var ledger = RoutingLedger()
        ledger.apply(
            contentsOf: Self.events(1, assignedTo: "jonas", at: early) + Self.events(1, assignedTo: "sam", at: early))
        let statuses = try #require(Self.router.repStatuses(ledger: ledger, at: Self.monday))
        #expect(statuses.map(\.rep) == ["lena", "jonas", "claire", "sam"])
        let jonas = try #require(statuses.first { $0.rep == "jonas" })
        let sam = try #require(statuses.first { $0.rep == "sam" })
        let loads: [Int] = [jonas.openLeads, jonas.newToday, sam.openLeads, sam.newToday]
        #expect(loads == [1, 1, 1, 0])
        #expect(jonas.unavailable == "at the daily cap: 1 of 1 new leads today")
        #expect(sam.unavailable == nil)
    }

    @Test func passesThePolicyConformanceRoutingChecks() async throws {
        let sample = PolicySample(
            person: Lead(
                id: "", email: "conformance@example.com", company: "Example", source: "website",
                attributes: ["country": "DE", "postalCode": "10115"]))
        let report = try await PolicyConformance(
            router: Self.router, sample: sample, checks: PolicyConformance.routingChecks
        ).run()
        #expect(report.passed, "\(report)")
        #expect(report.results.map(\.outcome) == PolicyConformance.routingChecks.map { _ in .passed })
    }
}
