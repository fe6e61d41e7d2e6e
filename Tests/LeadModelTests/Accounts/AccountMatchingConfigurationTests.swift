import Foundation
import LeadModel
import Testing

/// The playbook's account-matching section: decoding, defaults and every problem with its path.
struct AccountMatchingConfigurationTests {
    @Test func anEmptyObjectGivesTheDefaults() throws {
        let configuration = try JSONDecoder().decode(AccountMatchingConfiguration.self, from: Data("{}".utf8))
        #expect(configuration == AccountMatchingConfiguration())
        #expect(configuration.matchThreshold == 0.8 && configuration.reviewThreshold == 0.5)
        #expect(configuration.tieBreak == .standard)
        #expect(configuration.problems().isEmpty)
    }

    @Test func aFullSectionDecodesAndRoundTrips() throws {
        let json = """
            {"matchThreshold": 0.9, "reviewThreshold": 0.6, "ambiguityMargin": 0.05, "maximumCandidates": 3,
             "tieBreak": ["openOpportunity", "oldest"],
             "domainAliases": [{"account": "acme", "domains": ["acme.com", "https://www.acme.io/"]}],
             "subsidiaries": [{"account": "acme-de", "parent": "acme"}]}
            """
        let configuration = try JSONDecoder().decode(AccountMatchingConfiguration.self, from: Data(json.utf8))
        #expect(configuration.tieBreak.criteria == [.openOpportunity, .oldest])
        #expect(configuration.domainAliases.first?.domains == ["acme.com", "https://www.acme.io/"])
        #expect(configuration.subsidiaries == [.init(account: "acme-de", parent: "acme")])
        #expect(configuration.problems().isEmpty)
        let again = try JSONDecoder().decode(
            AccountMatchingConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(again == configuration)
    }

    @Test func aMistypedValueFailsToDecode() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AccountMatchingConfiguration.self, from: Data(#"{"tieBreak": "oldest"}"#.utf8))
        }
    }

    static let problemCases: [(AccountMatchingConfiguration, String, String)] = [
        (.init(matchThreshold: 0), "matchThreshold", "above 0"),
        (.init(matchThreshold: 1.5), "matchThreshold", "at most 1"),
        (.init(matchThreshold: .nan), "matchThreshold", "found nan"),
        (.init(reviewThreshold: -0.1), "reviewThreshold", "above 0"),
        (.init(matchThreshold: 0.6, reviewThreshold: 0.7), "reviewThreshold", "above the match threshold"),
        (.init(ambiguityMargin: 1), "ambiguityMargin", "up to"),
        (.init(maximumCandidates: 0), "maximumCandidates", "at least 1"),
        (
            .init(tieBreak: AccountTieBreak([.oldest, .init(rawValue: "newest")])), "tieBreak[1]",
            "unknown criterion \"newest\""
        ),
        (.init(tieBreak: AccountTieBreak([.oldest, .oldest])), "tieBreak[1]", "listed twice"),
        (.init(domainAliases: [.init(account: "", domains: ["acme.com"])]), "domainAliases[0].account", "account id"),
        (.init(domainAliases: [.init(account: "acme", domains: [])]), "domainAliases[0].domains", "at least one"),
        (
            .init(domainAliases: [.init(account: "acme", domains: ["acme.com", "acme"])]),
            "domainAliases[0].domains[1]",
            "expected a domain"
        ),
        (
            .init(domainAliases: [.init(account: "acme", domains: ["gmail.com"])]), "domainAliases[0].domains[0]",
            "free-mail"
        ),
        (
            .init(domainAliases: [
                .init(account: "acme", domains: ["acme.com"]), .init(account: "globex", domains: ["www.acme.com"]),
            ]), "domainAliases[1].domains[0]", "already a domain of account acme"
        ),
        (.init(subsidiaries: [.init(account: "a", parent: "a")]), "subsidiaries[0].parent", "its own parent"),
        (.init(subsidiaries: [.init(account: "", parent: "a")]), "subsidiaries[0].account", "account id"),
        (
            .init(subsidiaries: [.init(account: "a", parent: "b"), .init(account: "a", parent: "c")]),
            "subsidiaries[1].parent", "already has parent b"
        ),
        (
            .init(subsidiaries: [.init(account: "a", parent: "b"), .init(account: "b", parent: "a")]),
            "subsidiaries[0].parent", "a cycle"
        ),
    ]

    @Test(arguments: problemCases)
    func everyProblemNamesItsPath(_ configuration: AccountMatchingConfiguration, _ path: String, _ message: String) {
        let problems = configuration.problems()
        #expect(problems.contains { $0.path == path && $0.message.contains(message) }, "\(problems)")
    }

    @Test func theSameAliasTwiceForOneAccountIsFine() {
        let configuration = AccountMatchingConfiguration(
            domainAliases: [
                .init(account: "acme", domains: ["acme.com"]), .init(account: "acme", domains: ["acme.com"]),
            ])
        #expect(configuration.problems().isEmpty)
    }

    @Test func aDomainRemovedFromTheFreeMailListMayBeAnAlias() {
        let configuration = AccountMatchingConfiguration(domainAliases: [.init(account: "hey", domains: ["hey.com"])])
        #expect(!configuration.problems().isEmpty)
        #expect(configuration.problems(freeMailDomains: FreeMailDomains(removing: ["hey.com"])).isEmpty)
    }

    @Test func validateThrowsEveryProblem() {
        let configuration = AccountMatchingConfiguration(matchThreshold: 2, maximumCandidates: 0)
        #expect {
            try configuration.validate()
        } throws: { error in
            guard let error = error as? LeadModelError else { return false }
            return error.code == .invalidValue && error.message.contains("matchThreshold:")
                && error.message.contains("maximumCandidates:")
        }
        #expect(throws: Never.self) { try AccountMatchingConfiguration().validate() }
    }
}
