import Foundation
import Testing

/// Account matching through the real binary: a sure match shows its evidence in `lead explain`
/// and `account show`, an unsure one waits in `account review`, and a reviewer's `accept` or
/// `reject` is kept.
struct AccountReviewCommandTests {
    /// A workspace whose playbook matches accounts, with Acme's first contact and two more
    /// leads: a free-mail one naming Acme (matched) and one from another domain (unsure).
    private func workspace() throws -> Workspace {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        let file = workspace.url.appendingPathComponent("accord-data/playbook.json")
        var playbook = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        playbook["accountMatching"] = ["matchThreshold": 0.8, "reviewThreshold": 0.5]
        try JSONSerialization.data(withJSONObject: playbook).write(to: file)
        for arguments in [
            ["--email", "ana@acme.com", "--company", "Acme Corporation", "--attr", "country=US"],
            ["--email", "bo@gmail.com", "--company", "ACME Inc.", "--attr", "country=USA"],
            ["--email", "li@acme-systems.io", "--company", "Acme Corp", "--attr", "country=US"],
        ] {
            let captured = try AccordProcess.run(["capture"] + arguments, in: workspace.url)
            #expect(captured.status == 0, "\(captured.stderr)")
        }
        return workspace
    }

    @Test func aSureMatchIsExplainedWithItsEvidence() throws {
        let workspace = try workspace()
        let explained = try workspace.run("lead", "explain", "L0000002")
        #expect(explained.stdout.contains("account acme.com matched (0.90)"), "\(explained.stdout)")
        #expect(explained.stdout.contains("because evidence:acme.com: +5.5 name 'ACME Inc.' = 'Acme Corporation'"))
        let shown = try workspace.run("account", "show", "acme.com")
        #expect(shown.stdout.contains("L0000002  lead          matched 0.90 (name, country)"), "\(shown.stdout)")
    }

    @Test func anUnsureMatchWaitsUntilAReviewerAcceptsIt() throws {
        let workspace = try workspace()
        let review = try workspace.run("account", "review")
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("1 lead waits for review"), "\(review.stdout)")
        #expect(review.stdout.contains("L0000003 \"Acme Corp\" (on acme-systems.io meanwhile)"))
        #expect(review.stdout.contains("acme.com Acme Corporation  0.68"))
        #expect(review.stdout.contains("-1.5 domain acme-systems.io is not among the domains of 'Acme Corporation'"))

        let accepted = try workspace.run("account", "accept", "L0000003", "acme.com", "--by", "mia")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("accepted acme.com for L0000003; the lead is on acme.com"))
        #expect(try workspace.run("account", "review").stdout.contains("no account matches wait for review"))
        let json = try AccordProcess.run(["lead", "show", "L0000003", "--json"], in: workspace.url)
        let lead = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(lead["account"] as? String == "acme.com")
        #expect((lead["accountMatch"] as? [String: Any])?["verdict"] as? String == "accepted")
        #expect(lead["accountReview"] == nil)
    }

    @Test func aRejectedAccountIsNotMatchedAgain() throws {
        let workspace = try workspace()
        let rejected = try workspace.run("account", "reject", "L0000002", "acme.com", "--note", "a namesake")
        #expect(rejected.status == 0, "\(rejected.stderr)")
        #expect(rejected.stdout.contains("rejected acme.com for L0000002; the lead is on no account"))
        let again = try workspace.run("capture", "--email", "bo@gmail.com", "--attr", "website=acme.com")
        #expect(again.status == 0, "\(again.stderr)")
        let shown = try AccordProcess.run(["lead", "show", "L0000002", "--json"], in: workspace.url)
        let lead = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(lead["account"] == nil, "\(shown.stdout)")
    }

    @Test func decisionsOnAccountsTheLeadHasNothingToDoWithAreRefused() throws {
        let workspace = try workspace()
        let reject = try workspace.run("account", "reject", "L0000001", "globex.com")
        #expect(reject.status == 3)
        #expect(
            reject.stderr.contains("account 'globex.com' is neither the lead's account (acme.com)"), "\(reject.stderr)")
        let accept = try workspace.run("account", "accept", "L0000001", "nowhere.example")
        #expect(accept.status == 3)
        #expect(accept.stderr.contains("no account 'nowhere.example' is known"))
        let missing = try workspace.run("account", "accept", "L0000001")
        #expect(missing.status == 2)
    }
}
