import Foundation
import LeadModel
import Scoring
import Testing

struct ScoringRulesCodableTests {
    @Test func standardRulesSurviveAJSONRoundTrip() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(ScoringRules.standard)
        let decoded = try JSONDecoder().decode(ScoringRules.self, from: data)
        #expect(decoded == ScoringRules.standard)
        #expect(try encoder.encode(decoded) == data)
    }

    @Test func documentedExampleDecodes() throws {
        let json = #"""
            {
              "fit": [
                {"name": "icp-industry", "field": "industry", "oneOf": ["healthcare", "fintech", "software"], "points": 10},
                {"name": "icp-size", "field": "attributes.employees", "min": 200, "max": 2000, "points": 10},
                {"name": "student", "field": "title", "contains": "student", "points": -25}
              ],
              "icp": [{"name": "core-icp", "points": 5, "criteria": [{"field": "country", "oneOf": ["US", "CA"]}]}],
              "engagement": [
                {"name": "opened-3-emails", "kinds": ["email-opened"], "atLeast": 3, "withinDays": 30, "points": 10},
                {"name": "pricing", "kinds": ["link-clicked"], "where": [{"property": "url", "contains": ["pricing", "quote"]}], "points": 20},
                {"name": "content", "kinds": ["content-downloaded"], "points": 5, "per": "occurrence", "cap": 15},
                {"name": "unsubscribed", "kinds": ["unsubscribed"], "points": -20, "decays": false}
              ],
              "decay": {"steps": [{"upToDays": 7, "factor": 1}, {"upToDays": 30, "factor": 0.5}]},
              "grades": {"fit": {"A": 30, "B": 20, "C": 10}, "engagement": {"1": 50, "2": 25, "3": 10}}
            }
            """#
        let rules = try JSONDecoder().decode(ScoringRules.self, from: Data(json.utf8))
        #expect(rules.problems().isEmpty)
        #expect(rules.scorer == "rules")
        #expect(rules.fit[1].field == "employees")
        #expect(rules.fit[1].condition == .range(min: 200, max: 2_000))
        #expect(rules.fit[2].condition.contains == ["student"])
        #expect(rules.engagement[1].conditions.first?.condition.contains == ["pricing", "quote"])
        #expect(rules.engagement[2].per == .occurrence)
        #expect(rules.engagement[3].decays == false)
        #expect(rules.decay.steps?.count == 2)
    }

    @Test func leftOutSectionsTakeTheirDefaults() throws {
        let rules = try JSONDecoder().decode(ScoringRules.self, from: Data("{}".utf8))
        #expect(rules == ScoringRules())
        #expect(rules.grades == .standard)
        #expect(rules.decay == .none)
    }
}
