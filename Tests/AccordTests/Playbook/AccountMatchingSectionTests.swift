import Accord
import Foundation
import LeadModel
import Testing

/// The playbook's `accountMatching` section: decoded with defaults, every problem reported
/// with its JSON path, unknown keys caught, and a change to it needing both teams' sign-off.
struct AccountMatchingSectionTests {
    func issues(_ section: String) -> [PlaybookIssue] {
        do {
            _ = try Playbook.decode(
                from: Data(#"{"name": "Acme", "version": "1", "accountMatching": \#(section)}"#.utf8), file: "p.json")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func anEmptySectionTurnsMatchingOnWithTheDefaults() throws {
        let playbook = try Playbook.decode(
            from: Data(#"{"name": "Acme", "version": "1", "accountMatching": {}}"#.utf8), file: "p.json")
        #expect(playbook.accountMatching == AccountMatchingConfiguration())
        let without = try Playbook.decode(from: Data(#"{"name": "Acme", "version": "1"}"#.utf8), file: "p.json")
        #expect(without.accountMatching == nil)
    }

    @Test(arguments: [
        (#"{"matchThreshold": 0.4}"#, "$.accountMatching.reviewThreshold", "above the match threshold"),
        (#"{"tieBreak": ["mostContacts", "largestDeal"]}"#, "$.accountMatching.tieBreak[1]", "largestDeal"),
        (
            #"{"domainAliases": [{"account": "acme.com", "domains": ["gmail.com"]}]}"#,
            "$.accountMatching.domainAliases[0].domains[0]", "free"
        ),
        (#"{"tieBrake": ["oldest"]}"#, "$.accountMatching.tieBrake", "tieBreak"),
        (#"{"matchThreshold": "high"}"#, "$.accountMatching.matchThreshold", ""),
    ])
    func aBadValueIsReportedAtItsPath(_ section: String, _ path: String, _ words: String) {
        let found = issues(section)
        let issue = found.first { $0.path == path }
        #expect(issue != nil, "\(found)")
        #expect(words.isEmpty || issue.map { "\($0)".contains(words) } == true, "\(found)")
    }

    @Test func aChangeToTheSectionNeedsBothTeams() {
        let old = Playbook(name: "Acme", version: "1")
        var new = old
        new.version = "2"
        new.accountMatching = AccountMatchingConfiguration(matchThreshold: 0.9)
        let diff = PlaybookDiff(from: old, to: new)
        #expect(diff.sections == ["accountMatching"])
        #expect(diff.needsReview)
    }
}
