import Accord
import Feedback
import Foundation
import LeadModel
import Testing

struct PlaybookTests {
    func issues(_ json: String) -> [PlaybookIssue] {
        do {
            _ = try Playbook.decode(from: Data(json.utf8), file: "p.json")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func standardPlaybookIsValidAndRoundTrips() throws {
        #expect(Playbook.standard.validate().isEmpty)
        let decoded = try Playbook.decode(from: Playbook.standard.jsonData())
        #expect(decoded == .standard)
    }

    @Test func minimalPlaybookTakesTheDefaults() throws {
        let playbook = try Playbook.decode(from: Data(#"{"name": "Acme", "version": "2"}"#.utf8))
        #expect(playbook.stages == StagesSection())
        #expect(playbook.reasonCodes.codes.count == 9)
    }

    @Test func missingAndMistypedFieldsNameTheirPath() {
        #expect(issues(#"{"version": "1"}"#).map(\.path) == ["$.name"])
        let mistyped = issues(#"{"name": "A", "version": 3}"#)
        #expect(mistyped.map(\.path) == ["$.version"])
        #expect(mistyped.first?.message == "expected a string")
    }

    @Test func aMistypedValueDoesNotHideTheOtherSectionsProblems() {
        let found = issues(
            #"""
            {"name": "A", "version": "1", "reviewCadence": "yearly",
             "scoring": {"fit": [{"name": "x", "field": "industry", "equals": "a", "points": "ten"}]},
             "sla": {"tiers": "hot"}}
            """#)
        #expect(found.map(\.path) == ["$.reviewCadence", "$.scoring.fit[0].points", "$.sla.tiers"])
        #expect(found[1].message == "expected a number")
    }

    @Test func unknownTopLevelFieldGetsADidYouMeanHint() {
        let found = issues(#"{"name": "A", "version": "1", "stagse": {}}"#)
        #expect(found.first?.path == "$.stagse")
        #expect(found.first?.hint == "did you mean 'stages'?")
    }

    @Test func unknownFieldsInsideSectionsAreReportedWithTheirPath() throws {
        let json = #"""
            {"name": "A", "version": "1",
             "scoring": {"fit": [], "engagement": [
                 {"name": "opens", "kinds": ["email-opened"], "withinDay": 30, "points": 10}]},
             "stages": {"handof": "sql"},
             "plugins": {"scorer": {"name": "x", "config": {"anything": {"goes": 1}}}}}
            """#
        let found = issues(json)
        #expect(found.map(\.path) == ["$.scoring.engagement[0].withinDay", "$.stages.handof"])
        #expect(found.map(\.hint) == ["did you mean 'withinDays'?", "did you mean 'handoff'?"])
        #expect(found.allSatisfy { $0.message == "unknown field" })
        // Free-form values (plugin configs) and every field of the default playbook are known.
        let standard = try JSONSerialization.jsonObject(with: Playbook.standard.jsonData())
        #expect(issues(String(decoding: try JSONSerialization.data(withJSONObject: standard), as: UTF8.self)).isEmpty)
    }

    @Test func everyContentProblemIsReportedAtOnce() {
        let json = #"""
            {"name": " ", "version": "", "stages": {
               "handoff": "accepted",
               "gates": [{"stage": "sales-ready", "requiredFields": []}]},
             "reasonCodes": [{"code": "x", "label": "X", "allowedFor": [], "requiresNote": false},
                             {"code": "x", "label": "X", "allowedFor": ["rejected"], "requiresNote": false}]}
            """#
        let paths = issues(json).map(\.path)
        #expect(
            paths == [
                "$.name", "$.version", "$.stages.handoff", "$.stages.gates[0].stage",
                "$.stages.gates[0].requiredFields", "$.reasonCodes[0].allowedFor", "$.reasonCodes[1].code",
            ])
    }

    @Test func malformedJSONIsReportedAtTheRoot() {
        let found = issues(#"{"name": "#)
        #expect(found.count == 1)
        #expect(found.first?.path == "$")
        #expect(found.first?.message.hasPrefix("not valid JSON") == true)
    }

    @Test func unreadableFileIsAPlaybookError() {
        #expect(throws: PlaybookError.self) {
            try Playbook.load(contentsOf: URL(fileURLWithPath: "/nonexistent/playbook.json"))
        }
    }

    @Test func engineRefusesAnInvalidPlaybook() async {
        var playbook = Playbook.standard
        playbook.stages.handoff = "nowhere"
        await #expect(throws: PlaybookError.self) {
            _ = try await makeEngine(playbook: playbook)
        }
    }
}
