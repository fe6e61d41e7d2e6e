import Foundation
import LeadModel
import Routing
import Testing

struct AvailabilityTests {
    static let officeHours = Fixture.weekdays("09:00-17:00")

    func decide(_ rep: RepProfile, at time: String, coverage: String? = "after-hours") throws -> RoutingDecision {
        let rules = RoutingRules(
            reps: [rep], pools: [Fixture.pool("inbound", [(rep.id, nil)])], defaultTarget: .pool("inbound"),
            coverageQueue: coverage)
        let router = try RuleRouter(rules: rules)
        return try #require(
            router.route(RoutingInput(state: Fixture.state(Fixture.lead("L1")), now: Fixture.date(time))))
    }

    /// Berlin leaves summer time on 25 Oct 2026, New York on 1 Nov 2026: for that week the two
    /// are five hours apart instead of six, and 09:00 local moves by an hour in UTC.
    static let edges: [(String, String, Bool)] = [
        ("Europe/Berlin", "2026-10-23T14:59:00Z", true),  // Fri 16:59 CEST
        ("Europe/Berlin", "2026-10-23T15:00:00Z", false),  // Fri 17:00 CEST: the end is exclusive
        ("Europe/Berlin", "2026-10-26T07:59:00Z", false),  // Mon 08:59 CET
        ("Europe/Berlin", "2026-10-26T08:00:00Z", true),  // Mon 09:00 CET (07:00 UTC the week before)
        ("Europe/Berlin", "2026-10-19T07:00:00Z", true),  // Mon 09:00 CEST
        ("America/New_York", "2026-10-26T13:00:00Z", true),  // Mon 09:00 EDT
        ("America/New_York", "2026-11-02T13:30:00Z", false),  // Mon 08:30 EST
        ("America/New_York", "2026-11-02T14:00:00Z", true),  // Mon 09:00 EST
        ("America/New_York", "2026-10-24T14:00:00Z", false),  // Saturday
        ("Asia/Kolkata", "2026-11-23T03:30:00Z", true),  // Mon 09:00 IST (+05:30)
        ("Asia/Kolkata", "2026-11-23T03:29:00Z", false),
    ]

    @Test(arguments: edges)
    func workingHoursAreJudgedInTheRepsOwnTimeZone(_ edge: (zone: String, time: String, working: Bool)) throws {
        let decision = try decide(Fixture.rep("r", zone: edge.zone, hours: Self.officeHours), at: edge.time)
        #expect((decision.owner == .rep("r")) == edge.working, "\(edge.zone) at \(edge.time)")
    }

    @Test func windowsMeetAtMidnight() throws {
        let hours: [Weekday: [BusinessWindow]] = [
            .sun: [BusinessWindow("22:00-24:00")!], .mon: [BusinessWindow("00:00-02:00")!],
        ]
        let rep = Fixture.rep("night", zone: "Europe/Berlin", hours: hours)
        // Berlin is UTC+1 in November: Sunday 23:59 local, Monday 00:00 local, Monday 02:00 local.
        #expect(try decide(rep, at: "2026-11-22T22:59:00Z").owner == .rep("night"))
        #expect(try decide(rep, at: "2026-11-22T23:00:00Z").owner == .rep("night"))
        #expect(try decide(rep, at: "2026-11-23T01:00:00Z").owner == .queue("after-hours"))
        #expect(try decide(rep, at: "2026-11-22T20:59:00Z").owner == .queue("after-hours"))
    }

    @Test func outsideWorkingHoursGoesToTheCoverageQueue() throws {
        let decision = try decide(
            Fixture.rep("r", zone: "America/New_York", hours: Self.officeHours), at: "2026-11-23T23:00:00Z")
        #expect(decision.owner == .queue("after-hours"))
        #expect(decision.flags == [.coverage])
        #expect(
            decision.trail.contains(
                Reason(rule: "skip:r", detail: "outside working hours (Mon 2026-11-23 18:00 America/New_York)")))
        #expect(decision.trail.last?.rule == "fallback:coverage")
    }

    @Test func withoutACoverageQueueOffHoursLeadsAreUnassigned() throws {
        let decision = try decide(
            Fixture.rep("r", hours: Self.officeHours), at: "2026-11-23T23:00:00Z", coverage: nil)
        #expect(decision.owner == .queue("unassigned"))
        #expect(decision.flags == [.unassigned])
    }

    @Test func outOfOfficeStartsInclusiveAndEndsExclusive() throws {
        let away = OutOfOffice(
            from: Fixture.date("2026-11-23T12:00:00Z"), until: Fixture.date("2026-11-23T16:00:00Z"), note: "offsite")
        let rep = Fixture.rep("r", away: [away])
        #expect(try decide(rep, at: "2026-11-23T11:59:59Z").owner == .rep("r"))
        let during = try decide(rep, at: "2026-11-23T12:00:00Z")
        #expect(during.owner == .queue("unassigned"), "out of office is not a coverage case")
        #expect(
            during.trail.contains(Reason(rule: "skip:r", detail: "out of office (offsite) until 2026-11-23T16:00:00Z")))
        #expect(try decide(rep, at: "2026-11-23T16:00:00Z").owner == .rep("r"))
    }

    @Test func poolSkipsUnavailableMembersAndTellsWhy() throws {
        let away = OutOfOffice(from: Fixture.date("2026-11-01T00:00:00Z"), until: Fixture.date("2026-12-01T00:00:00Z"))
        let rules = RoutingRules(
            reps: [
                Fixture.rep("berlin", zone: "Europe/Berlin", hours: Self.officeHours),
                Fixture.rep("ny", zone: "America/New_York", hours: Self.officeHours),
                Fixture.rep("away", away: [away]),
            ],
            pools: [Fixture.pool("global", [("berlin", nil), ("away", nil), ("ny", nil)])],
            defaultTarget: .pool("global"))
        let router = try RuleRouter(rules: rules)
        // 17:30 UTC: 18:30 in Berlin, 12:30 in New York.
        let input = RoutingInput(state: Fixture.state(Fixture.lead("L1")), now: Fixture.date("2026-11-23T17:30:00Z"))
        let decision = try #require(router.route(input))
        #expect(decision.owner == .rep("ny"))
        #expect(decision.trail.map(\.rule) == ["default", "skip:berlin", "skip:away", "pool-turn:global"])
        #expect(decision.trail.last?.detail == "ny=1")
    }
}
