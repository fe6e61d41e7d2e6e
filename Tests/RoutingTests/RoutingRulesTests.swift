import Foundation
import LeadModel
import Routing
import Testing

struct RoutingRulesTests {
    static let example = """
        {
          "reps": [
            {"id": "ana", "name": "Ana Ruiz", "timeZone": "Europe/Berlin",
             "workingHours": {"monday": ["09:00-12:30", "13:30-17:30"], "friday": ["09:00-13:00"]},
             "outOfOffice": [{"from": "2026-12-24T00:00:00+01:00", "until": "2027-01-04T00:00:00+01:00",
                              "note": "holidays"}],
             "capacity": {"maxOpen": 40, "maxNewPerDay": 12}, "weight": 2},
            {"id": "bob", "timeZone": "America/New_York"}
          ],
          "pools": [{"name": "inbound", "members": [{"rep": "ana"}, {"rep": "bob", "weight": 1}]}],
          "segments": [{"name": "smb", "maxEmployees": 199}, {"name": "enterprise", "minEmployees": 2000}],
          "rules": [
            {"name": "hot", "when": [{"field": "slaTier", "in": ["hot"]}], "target": {"rep": "ana"}},
            {"name": "smb", "when": [{"field": "segment", "in": ["smb"]}], "target": {"queue": "smb-desk"}}
          ],
          "default": {"pool": "inbound"},
          "coverageQueue": "after-hours",
          "unassignedQueue": "unassigned"
        }
        """

    @Test func decodesTheDocumentedExample() throws {
        let rules = try JSONDecoder().decode(RoutingRules.self, from: Data(Self.example.utf8))
        #expect(rules.problems().isEmpty)
        #expect(
            rules.reps[0].workingHours?.hours[.mon] == [BusinessWindow("09:00-12:30")!, BusinessWindow("13:30-17:30")!])
        #expect(rules.reps[0].workingHours?.timeZone == "Europe/Berlin")
        #expect(rules.reps[1].workingHours == nil)
        #expect(rules.reps[0].outOfOffice[0].from == Fixture.date("2026-12-23T23:00:00Z"))
        #expect(rules.reps[1].capacity == RepCapacity())
        #expect(rules.defaultTarget == .pool("inbound"))
        #expect(rules.closedStages == RoutingRules.standardClosedStages)
        let encoded = try JSONEncoder().encode(rules)
        #expect(try JSONDecoder().decode(RoutingRules.self, from: encoded) == rules)
        _ = try RuleRouter(rules: rules)
    }

    @Test func reportsEveryProblemWithItsPath() throws {
        let json = """
            {
              "reps": [
                {"id": "ana", "timeZone": "Mars/Olympus", "workingHours": {"mon": ["09:00-12:00", "11:00-13:00"], "friday": ["17:00-09:00"]},
                 "outOfOffice": [{"from": "2026-12-24T00:00:00Z", "until": "2026-12-23T00:00:00Z"}],
                 "capacity": {"maxOpen": -1}, "weight": 0},
                {"id": "ana"},
                {"id": "bo b"}
              ],
              "pools": [{"name": "p", "members": [{"rep": "zed"}, {"rep": "ana", "weight": 0}]}, {"name": "p", "members": []}],
              "rules": [
                {"name": "r", "when": [{"field": "country"}], "target": {"rep": "ghost"}},
                {"name": "r", "when": [{"field": "segment", "in": []}], "target": {"pool": "nope"}},
                {"name": "", "when": [{"field": "x", "in": ["a"], "min": 1}], "target": {"queue": "q"}}
              ],
              "default": {"pool": "missing"}
            }
            """
        let rules = try JSONDecoder().decode(RoutingRules.self, from: Data(json.utf8))
        let paths = rules.problems().map(\.path)
        #expect(
            paths == [
                "reps[0].timeZone", "reps[0].workingHours.mon[1]", "reps[0].workingHours.fri[0]",
                "reps[0].outOfOffice[0].until", "reps[0].capacity.maxOpen",
                "reps[0].weight", "reps[1].id", "reps[2].id", "pools[0].members[0].rep",
                "pools[0].members[1].weight", "pools[1].name", "pools[1].members", "rules[0].when[0]",
                "rules[0].target", "rules[1].name", "rules[1].when[0].in", "rules[1].when[0].field",
                "rules[1].target", "rules[2].name", "rules[2].when[0]", "default",
            ])
        #expect(rules.problems().first?.message == "unknown time zone 'Mars/Olympus'; use an IANA name")
        #expect(throws: RoutingRulesError.self) { try RuleRouter(rules: rules) }
    }

    @Test func targetNeedsExactlyOneKey() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RoutingTarget.self, from: Data(#"{"rep": "a", "queue": "b"}"#.utf8))
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RoutingTarget.self, from: Data("{}".utf8)) }
    }

    @Test func outOfOfficeNeedsISO8601Times() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OutOfOffice.self, from: Data(#"{"from": "tomorrow", "until": "later"}"#.utf8))
        }
    }

    @Test(arguments: ["mon", "monday", "Monday", "MON"])
    func workingHoursAcceptShortAndLongDayNames(_ name: String) throws {
        let json = #"{"id": "ana", "timeZone": "Europe/Berlin", "workingHours": {"\#(name)": ["09:00-17:00"]}}"#
        let rep = try JSONDecoder().decode(RepProfile.self, from: Data(json.utf8))
        #expect(rep.workingHours?.hours == [.mon: [BusinessWindow("09:00-17:00")!]])
    }

    @Test(arguments: [
        #"{"id": "a", "workingHours": {"someday": ["09:00-17:00"]}}"#,
        #"{"id": "a", "workingHours": {"mon": ["9-5"]}}"#,
        #"{"id": "a", "workingHours": {"mon": ["09:00-17:00"]}, "holidays": ["2026-02-30"]}"#,
    ])
    func malformedWorkingHoursFailToDecode(_ json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RepProfile.self, from: Data(json.utf8)) }
    }

    @Test func holidaysCloseTheRepsDayAndRoundTrip() throws {
        let json =
            #"{"id": "a", "timeZone": "America/New_York", "workingHours": {"fri": ["09:00-17:00"]}, "holidays": ["2026-11-27"]}"#
        let rep = try JSONDecoder().decode(RepProfile.self, from: Data(json.utf8))
        #expect(rep.workingHours?.holidays == [LocalDate(year: 2026, month: 11, day: 27)])
        #expect(try JSONDecoder().decode(RepProfile.self, from: JSONEncoder().encode(rep)) == rep)
        let router = try RuleRouter(rules: RoutingRules(reps: [rep], defaultTarget: .rep("a"), coverageQueue: "cover"))
        // Friday 27 November 2026, 10:00 in New York: a holiday, so off hours.
        let friday = RoutingInput(state: Fixture.state(Fixture.lead("L1")), now: Fixture.date("2026-11-27T15:00:00Z"))
        #expect(router.route(friday)?.owner == .queue("cover"))
        let nextFriday = RoutingInput(
            state: Fixture.state(Fixture.lead("L1")), now: Fixture.date("2026-12-04T15:00:00Z"))
        #expect(router.route(nextFriday)?.owner == .rep("a"))
    }

    @Test func workingHoursInAnotherZoneThanTheRepsAreAProblem() {
        let rep = RepProfile(
            id: "a", timeZone: "Europe/Berlin",
            workingHours: WeeklyBusinessCalendar(timeZone: "Asia/Tokyo", weekdays: [BusinessWindow("09:00-17:00")!]))
        let rules = RoutingRules(reps: [rep], defaultTarget: .rep("a"))
        #expect(rules.problems().map(\.path) == ["reps[0].workingHours"])
    }

    @Test func publicValuesAreSendable() async throws {
        let rules = try JSONDecoder().decode(RoutingRules.self, from: Data(Self.example.utf8))
        let router = try RuleRouter(rules: rules)
        let ledger = RoutingLedger(rules: rules)
        let owner = await Task.detached {
            router.route(
                RoutingInput(
                    state: Fixture.state(Fixture.lead("L1")), now: Fixture.monday, context: .init(ledger: ledger)))?
                .owner
        }.value
        #expect(owner != nil)
    }
}
