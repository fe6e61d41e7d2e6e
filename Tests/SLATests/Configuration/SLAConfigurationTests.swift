import Foundation
import LeadModel
import SLA
import Testing

struct SLAConfigurationTests {
    @Test func exampleSectionIsValidAndRoundTrips() throws {
        let configuration = SLAFixtures.configuration
        #expect(configuration.problems().isEmpty)
        #expect(configuration.tiers.map(\.name) == ["quote", "hot", "standard"])
        #expect(
            configuration.tier(named: "hot")?.followUp
                == FollowUpCadence(attempts: 6, within: .days(10), minimumSpacing: .hours(4)))
        let again = try JSONDecoder().decode(SLAConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(again == configuration)
    }

    @Test func reportsEveryProblemWithItsPath() throws {
        let json = """
            {
              "defaultCalendar": "nowhere",
              "calendars": { "eu": { "timeZone": "Europe/Berlin", "hours": { "mon": ["10:00-09:00"] } } },
              "tiers": [
                { "name": "a", "firstTouch": { "within": "0m", "clock": "wall" }, "warnAt": 1.5 },
                { "name": "a", "calendar": "us", "firstTouch": { "within": "2d" },
                  "followUp": { "attempts": 6, "within": "1d", "minimumSpacing": "8h" },
                  "escalation": [{ "step": "reassign", "after": "2h" }, { "step": "return-to-pool", "after": "1h" }] }
              ]
            }
            """
        let configuration = try JSONDecoder().decode(SLAConfiguration.self, from: Data(json.utf8))
        let paths = configuration.problems().map(\.path)
        #expect(
            paths == [
                "calendars.eu.hours.mon[0]", "calendars.eu.hours", "defaultCalendar", "tiers[0].firstTouch.within",
                "tiers[0].warnAt", "tiers[1].name", "tiers[1]", "tiers[1].calendar", "tiers[1].firstTouch.within",
                "tiers[1].followUp", "tiers[1].escalation[1].after",
            ])
    }

    @Test func businessTargetWithoutCalendarIsReported() {
        let configuration = SLAConfiguration(
            tiers: [SLATier(name: "t", covers: SLATierMatch(stages: [.sql]), firstTouch: SLATarget(within: .hours(1)))])
        #expect(configuration.problems().map(\.path) == ["tiers[0].firstTouch"])
    }

    @Test func unknownEscalationStepFailsToDecode() {
        let json = #"{ "step": "call-ceo", "after": "1h" }"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(EscalationStep.self, from: Data(json.utf8)) }
    }
}

struct SLADurationTests {
    @Test(
        arguments: [("15m", 900.0), ("2h", 7200), ("1h30m", 5400), ("10d", 864_000), ("45s", 45), ("1d2h", 93_600)]
            as [(String, Double)])
    func parsesWrittenDurations(text: String, seconds: Double) throws {
        #expect(try #require(SLADuration(text)).seconds == seconds)
    }

    @Test(arguments: ["", "15", "m", "30m1h", "1.5h", "2w", "-1h"] as [String])
    func rejectsMalformedDurations(text: String) {
        #expect(SLADuration(text) == nil)
    }
}
