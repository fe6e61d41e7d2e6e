import Accord
import Foundation
import Testing

/// A playbook that says one thing twice, or a number its field cannot hold, is refused with the
/// JSON path of the value, not silently resolved or called "not valid JSON".
struct PlaybookInputTests {
    func issues(_ json: String) -> [PlaybookIssue] {
        do {
            _ = try Playbook.decode(from: Data(json.utf8), file: "p.json")
            return []
        } catch {
            return error.issues
        }
    }

    @Test(arguments: [
        (#"{"name": "Acme", "version": "1", "version": "2"}"#, "$.version"),
        (
            #"{"name": "Acme", "version": "1", "feedback": {"maxRecycles": 2, "maxRecycles": 3}}"#,
            "$.feedback.maxRecycles"
        ),
        (
            #"{"name": "A", "version": "1", "owners": [{"name": "x", "team": "sales", "name": "y"}]}"#,
            "$.owners[0].name"
        ),
        (#"{"name": "Acme", "version": "1", "\u0076ersion": "2"}"#, "$.version"),
    ])
    func aKeyGivenTwiceIsRefusedWithItsPath(_ json: String, _ path: String) {
        let found = issues(json)
        let duplicate = found.first { $0.message.contains("more than once") }
        #expect(duplicate?.path == path, "\(found)")
    }

    @Test(arguments: [
        ("1e20", "the number 1e+20 is out of range: expected a whole number from"),
        ("-1e30", "out of range"),
        ("2.5", "expected a whole number, found 2.5"),
    ])
    func aNumberItsFieldCannotHoldNamesTheValueAndTheRange(_ value: String, _ message: String) {
        let found = issues(#"{"name": "Acme", "version": "1", "feedback": {"maxRecycles": \#(value)}}"#)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.path == "$.feedback.maxRecycles", "\(found)")
        #expect(found.first?.message.contains(message) == true, "\(found)")
        #expect(found.first?.message.contains("not valid JSON") == false)
    }

    @Test func theStandardPlaybookHasNoDuplicateKeys() {
        #expect(JSONDuplicateKeys.duplicates(in: Playbook.standard.jsonData()).isEmpty)
    }
}
