import Accord
import Feedback
import Foundation
import LeadModel
import Testing

struct FeedbackPlaybookTests {
    @Test func theFeedbackSectionRoundTripsThroughJSON() throws {
        var playbook = Playbook.standard
        playbook.feedback.acceptance = .standard
        playbook.feedback.maxRecycles = 2
        let decoded = try Playbook.decode(from: playbook.jsonData())
        #expect(decoded.feedback == playbook.feedback)
        var noDefault = Playbook.standard
        noDefault.feedback.requalify = nil
        #expect(try Playbook.decode(from: noDefault.jsonData()).feedback.requalify == nil)
        let missing = try Playbook.decode(from: Data(#"{"name": "n", "version": "1"}"#.utf8))
        #expect(missing.feedback == .standard)
    }

    @Test func problemsInTheSectionCarryTheirJSONPaths() throws {
        let json = """
            {"name": "n", "version": "1", "feedback": {
              "objections": [{"tag": "a", "label": "A"}, {"tag": "a", "label": "B"}],
              "acceptance": {"rules": [{"id": "role", "label": "Role", "anyOf": ["vp"]}]},
              "maxRecycles": -1, "recycleStage": "parked"}}
            """
        #expect {
            try Playbook.decode(from: Data(json.utf8))
        } throws: { error in
            let paths = (error as? PlaybookError)?.issues.map(\.path) ?? []
            return paths == [
                "$.feedback.objections[1].tag", "$.feedback.acceptance.rules[0].anyOf", "$.feedback.maxRecycles",
                "$.feedback.recycleStage",
            ]
        }
    }

    @Test func aMistypedFieldNamesItsPath() {
        let json = #"{"name": "n", "version": "1", "feedback": {"maxRecycles": "three"}}"#
        #expect {
            try Playbook.decode(from: Data(json.utf8))
        } throws: { error in
            (error as? PlaybookError)?.issues.first?.path == "$.feedback.maxRecycles"
        }
    }
}
