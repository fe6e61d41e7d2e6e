import Foundation
import LeadModel
import Scoring
import Testing

/// Target-account lists give the contacts of listed accounts a fit bonus.
struct TargetAccountTests {
    static let rules = ScoringRules(
        fit: [FitRule("healthcare", field: "industry", .equals("healthcare"), points: 10)],
        targetAccounts: [
            TargetAccountList("q4-targets", accounts: ["Acme.com", "www.globex.com"], points: 15),
            TargetAccountList("strategic", accounts: ["acme.com"], points: 5),
        ])

    @Test(arguments: [
        ("ana@acme.com", 20.0), ("ana@ACME.COM", 20.0), ("bo@globex.com", 15.0), ("cy@initech.com", 0.0),
        ("no-at-sign", 0.0),
    ])
    func listedAccountsGetTheirBonus(email: String, points: Double) {
        let card = Fixtures.score(Self.rules, Fixtures.state(email: email))
        #expect(card.fit == points)
    }

    @Test func eachListIsItsOwnExplainedContribution() throws {
        let card = Fixtures.score(
            Self.rules, Fixtures.state(email: "ana@acme.com", attributes: ["industry": "healthcare"]))
        #expect(card.contributions.map(\.rule) == ["healthcare", "q4-targets", "strategic"])
        let target = try #require(card.contributions.first { $0.rule == "q4-targets" })
        #expect(target.axis == .fit)
        #expect(target.evidence == "account acme.com is on the target-account list q4-targets")
    }

    @Test func theAccountIDWinsOverTheEmailDomain() {
        let lead = Lead(id: "L1", email: "ana@gmail.com", accountID: "globex.com")
        let state = LeadState.fold([
            LeadEvent(
                leadID: "L1", occurredAt: Fixtures.daysAgo(1), actor: .system, payload: .captured(lead, stage: .lead))
        ])!
        #expect(Fixtures.score(Self.rules, state).fit == 15)
    }

    @Test func problemsNameTheirPaths() {
        let rules = ScoringRules(
            fit: [FitRule("dup", field: "industry", .present, points: 1)],
            targetAccounts: [
                TargetAccountList("dup", accounts: ["a.com", "A.com ", "  "], points: .infinity),
                TargetAccountList("", accounts: [], points: 1),
            ],
            accountRollup: AccountRollup(engagementCap: 0))
        let paths = Set(rules.problems().map(\.path))
        #expect(
            paths == [
                "targetAccounts[0].name", "targetAccounts[0].accounts[1]", "targetAccounts[0].accounts[2]",
                "targetAccounts[0].points", "targetAccounts[1].name", "targetAccounts[1].accounts",
                "accountRollup.engagementCap",
            ])
    }

    @Test func decodesFromThePlaybookJSON() throws {
        let json = """
            {"fit": [], "engagement": [],
             "targetAccounts": [{"name": "q4", "accounts": ["acme.com"], "points": 15}],
             "accountRollup": {"engagementCap": 80}}
            """
        let rules = try JSONDecoder().decode(ScoringRules.self, from: Data(json.utf8))
        #expect(rules.targetAccounts == [TargetAccountList("q4", accounts: ["acme.com"], points: 15)])
        #expect(rules.accountRollup.engagementCap == 80)
        let defaults = try JSONDecoder().decode(ScoringRules.self, from: Data(#"{"fit": []}"#.utf8))
        #expect(defaults.targetAccounts.isEmpty)
        #expect(defaults.accountRollup == .standard)
        let again = try JSONDecoder().decode(ScoringRules.self, from: JSONEncoder().encode(rules))
        #expect(again == rules)
    }
}

/// An account's score: best contact fit plus summed engagement, capped.
struct AccountScoreTests {
    static func card(fit: Double, engagement: Double) -> ScoreCard {
        ScoreCard(scorer: "rules", fit: fit, engagement: engagement, contributions: [])
    }

    @Test func bestFitPlusSummedEngagement() {
        let score = AccountScore(
            account: "acme.com",
            contacts: [("L2", Self.card(fit: 20, engagement: 30)), ("L1", Self.card(fit: 35, engagement: 12.5))],
            rollup: .standard, grades: .standard)
        #expect(score.fit == 35)
        #expect(score.bestFitContact == "L1")
        #expect(score.engagement == 42.5)
        #expect(score.total == 77.5)
        #expect(score.grade == "A2")
        #expect(score.contacts.map(\.lead) == ["L2", "L1"])
    }

    @Test func engagementIsCappedAndTheUncappedSumKept() {
        let contacts: [(lead: LeadID, card: ScoreCard)] = (1...10).map {
            (LeadID("L\($0)"), Self.card(fit: 5, engagement: 15))
        }
        let score = AccountScore(
            account: "acme.com", contacts: contacts, rollup: AccountRollup(engagementCap: 100), grades: .standard)
        #expect(score.engagement == 100)
        #expect(score.uncappedEngagement == 150)
        #expect(score.bestFitContact == "L1", "ties go to the lowest lead id")
        #expect(score.grade == "D1")
    }

    @Test func noContactsGivesAZeroScore() {
        let score = AccountScore(account: "acme.com", contacts: [], rollup: .standard, grades: .standard)
        #expect(score.total == 0)
        #expect(score.bestFitContact == nil)
        #expect(score.grade == "D4")
    }
}
