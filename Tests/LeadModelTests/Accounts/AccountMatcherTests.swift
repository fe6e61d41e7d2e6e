import Foundation
import LeadModel
import Testing

/// Matching one lead against a small directory: evidence, outcomes, overrides and the tie-break.
struct AccountMatcherTests {
    static let accounts = [
        AccountRecord(
            id: "acme", name: "Acme Corporation", domains: ["acme.com", "acme.io"], phone: "+1 415 555 0100",
            postalCode: "94105", country: "US", standing: AccountStanding(contactCount: 3)),
        AccountRecord(id: "acme-de", name: "Acme Deutschland GmbH", domains: ["acme.de"], country: "DE"),
        AccountRecord(
            id: "globex-us", name: "Globex Inc", domains: ["globex.com"], country: "US",
            standing: AccountStanding(contactCount: 2, createdAt: Date(timeIntervalSince1970: 2_000))),
        AccountRecord(
            id: "globex-ca", name: "Globex Ltd", domains: ["globex.ca"], country: "CA",
            standing: AccountStanding(contactCount: 9, createdAt: Date(timeIntervalSince1970: 1_000))),
        AccountRecord(id: "google", name: "Google LLC", domains: ["google.com", "gmail.com"], country: "US"),
    ]
    static let configuration = AccountMatchingConfiguration(
        domainAliases: [.init(account: "acme", domains: ["acme-corp.net"])],
        subsidiaries: [.init(account: "acme-de", parent: "acme")])
    static let matcher = AccountMatcher(accounts: accounts, configuration: configuration)
    static let ana = IdentityKey(kind: "email", value: "ana@example.org")

    @Test func anAliasDomainMatchesWithItsEvidence() throws {
        let match = Self.matcher.match(AccountMatchInput(email: "ana@acme-corp.net", company: "ACME Inc."))
        #expect(match.outcome == .matched)
        #expect(match.account == "acme")
        let best = try #require(match.best)
        #expect(best.confidence > 0.99)
        #expect(best.evidence.first?.detail == "email domain acme-corp.net is an alias of 'Acme Corporation'")
        #expect(best.evidence.contains { $0.kind == .name && $0.detail.contains("'ACME Inc.' = 'Acme Corporation'") })
        #expect(match.summary.hasPrefix("account acme matches with confidence"))
    }

    @Test func theMainDomainAndASubdomainAreSaidApart() throws {
        let main = try #require(Self.matcher.candidate(AccountMatchInput(email: "a@acme.com"), for: "acme"))
        #expect(main.evidence.first?.detail == "email domain acme.com is the domain of 'Acme Corporation'")
        let sub = try #require(Self.matcher.candidate(AccountMatchInput(email: "a@eu.acme.com"), for: "acme"))
        #expect(
            sub.evidence.first?.detail == "email domain eu.acme.com is under acme.com, a domain of 'Acme Corporation'")
        #expect(sub.confidence < main.confidence)
    }

    @Test func aFreeMailDomainNeverMatchesEvenWhenAnAccountListsIt() {
        let match = Self.matcher.match(AccountMatchInput(email: "pat@gmail.com"))
        #expect(match.outcome == .noMatch)
        #expect(match.candidates.isEmpty)
        let candidate = Self.matcher.candidate(AccountMatchInput(email: "pat@gmail.com"), for: "google")
        #expect(candidate?.evidence.map(\.kind) == [.unused])
        #expect(candidate?.evidence.first?.detail == "email domain gmail.com is free mail; not used")
    }

    @Test func aFreeMailLeadMatchesByNameAndPhone() throws {
        let input = AccountMatchInput(email: "ana@gmail.com", company: "Acme", phone: "(415) 555-0100")
        let match = Self.matcher.match(input)
        #expect(match.outcome == .matched)
        #expect(match.account == "acme")
        let kinds = try #require(match.best).evidence.map(\.kind)
        #expect(kinds == [.name, .phone, .unused])
    }

    @Test func aDifferentCountryIsNegativeEvidence() throws {
        let candidate = try #require(
            Self.matcher.candidate(AccountMatchInput(company: "Acme GmbH", country: "Deutschland"), for: "acme"))
        #expect(
            candidate.evidence.contains {
                $0.kind == .country && $0.weight < 0 && $0.detail == "country differs: DE vs US"
            })
        #expect(candidate.confidence < 0.5)
    }

    @Test func aSubsidiaryCarriesItsParent() throws {
        let match = Self.matcher.match(AccountMatchInput(email: "jan@acme.de"))
        let best = try #require(match.best)
        #expect(best.account == "acme-de")
        #expect(best.parent == "acme")
        #expect(best.evidence.last?.detail == "'Acme Deutschland GmbH' is a subsidiary of 'Acme Corporation'")
        #expect(best.evidence.last?.weight == 0)
    }

    @Test func theThresholdsSplitMatchedReviewAndNoMatch() {
        // An equal name alone: logistic(-4 + 5.5) = 0.82.
        let input = AccountMatchInput(company: "Acme Corp")
        #expect(Self.matcher.match(input).outcome == .matched)
        let strict = AccountMatcher(
            accounts: Self.accounts, configuration: AccountMatchingConfiguration(matchThreshold: 0.9))
        let review = strict.match(input)
        #expect(review.outcome == .needsReview)
        #expect(review.account == nil)
        #expect(review.best?.account == "acme")
        #expect(review.summary.contains("below the match threshold 0.90"))
        let stricter = AccountMatcher(
            accounts: Self.accounts,
            configuration: AccountMatchingConfiguration(matchThreshold: 0.95, reviewThreshold: 0.9))
        #expect(stricter.match(input).outcome == .noMatch)
        #expect(Self.matcher.match(AccountMatchInput(company: "Initech")).outcome == .noMatch)
    }

    @Test func anAlwaysMatchPairOverridesTheScore() throws {
        let overrides = AccountMatchOverrides(alwaysMatch: [.init(key: Self.ana, account: "globex-ca")])
        let input = AccountMatchInput(identityKeys: [Self.ana], email: "ana@acme.com")
        let match = Self.matcher.match(input, overrides: overrides)
        #expect(match.outcome == .matched)
        #expect(match.account == "globex-ca")
        #expect(match.best?.confidence == 1)
        #expect(match.best?.evidence.first?.kind == .override)
        #expect(match.candidates.map(\.account) == ["globex-ca", "acme"])
        #expect(Self.matcher.candidate(input, for: "globex-ca", overrides: overrides)?.confidence == 1)
    }

    @Test func anAlwaysMatchPairWorksForAnAccountOutsideTheDirectory() {
        let overrides = AccountMatchOverrides(alwaysMatch: [.init(key: Self.ana, account: "new-account")])
        let match = Self.matcher.match(AccountMatchInput(identityKeys: [Self.ana]), overrides: overrides)
        #expect(match.account == "new-account")
    }

    @Test func aNeverMatchPairExcludesTheAccount() {
        let overrides = AccountMatchOverrides(neverMatch: [.init(key: Self.ana, account: "acme")])
        let input = AccountMatchInput(identityKeys: [Self.ana], email: "ana@acme.com")
        let match = Self.matcher.match(input, overrides: overrides)
        #expect(match.outcome == .noMatch)
        #expect(match.candidates.map(\.account) == ["acme"])
        #expect(match.candidates.first?.confidence == 0)
        #expect(match.candidates.first?.evidence.first?.detail.hasPrefix("never-match") == true)
        // Another lead is not affected.
        #expect(Self.matcher.match(AccountMatchInput(email: "bo@acme.com"), overrides: overrides).account == "acme")
    }

    @Test func neverMatchWinsOverAlwaysMatchForThePair() {
        let pair = AccountMatchOverrides.Pair(key: Self.ana, account: "acme")
        let overrides = AccountMatchOverrides(alwaysMatch: [pair], neverMatch: [pair])
        let match = Self.matcher.match(
            AccountMatchInput(identityKeys: [Self.ana], email: "ana@acme.com"), overrides: overrides)
        #expect(match.account == nil)
        #expect(overrides.alwaysMatched(for: [Self.ana]) == [])
    }

    @Test func equalCandidatesFollowTheTieBreak() {
        // Two accounts both normalise to "globex"; with no country, both are equal by name alone.
        let input = AccountMatchInput(company: "Globex")
        let byContacts = Self.matcher.match(input)
        #expect(byContacts.candidates.map(\.account) == ["globex-ca", "globex-us"])
        #expect(byContacts.account == "globex-ca")
        var configuration = Self.configuration
        configuration.tieBreak = AccountTieBreak([.openOpportunity])
        let byID = AccountMatcher(accounts: Self.accounts, configuration: configuration).match(input)
        #expect(byID.candidates.map(\.account) == ["globex-ca", "globex-us"])
        let reversed = Self.accounts.map { record -> AccountRecord in
            var record = record
            if record.id == "globex-us" { record.standing.hasOpenOpportunity = true }
            return record
        }
        let byOpportunity = AccountMatcher(accounts: reversed, configuration: configuration).match(input)
        #expect(byOpportunity.account == "globex-us")
    }

    @Test func anAmbiguityMarginSendsCloseRivalsToReview() {
        var configuration = Self.configuration
        configuration.ambiguityMargin = 0.05
        let match = AccountMatcher(accounts: Self.accounts, configuration: configuration).match(
            AccountMatchInput(company: "Globex"))
        #expect(match.outcome == .needsReview)
        #expect(match.summary.contains("both match"))
        // A parent and its subsidiary are not rivals.
        let family = AccountMatcher(accounts: Self.accounts, configuration: configuration).match(
            AccountMatchInput(email: "jan@acme.de", company: "Acme"))
        #expect(family.outcome == .matched)
    }

    @Test func theCandidateListIsCapped() {
        var configuration = Self.configuration
        configuration.maximumCandidates = 1
        let match = AccountMatcher(accounts: Self.accounts, configuration: configuration).match(
            AccountMatchInput(company: "Globex"))
        #expect(match.candidates.count == 1)
    }

    @Test func anUnknownAccountHasNoCandidate() {
        #expect(Self.matcher.candidate(AccountMatchInput(company: "Acme"), for: "nobody") == nil)
    }

    @Test func evidenceNeverQuotesAnEmailAddressOrPhoneNumber() {
        let input = AccountMatchInput(
            email: "secret.person@acme.com", company: "Acme", phone: "+1 415 555 0100", postalCode: "94105")
        for candidate in Self.matcher.match(input).candidates {
            for item in candidate.evidence {
                #expect(!item.detail.contains("secret.person") && !item.detail.contains("555"))
            }
        }
    }

    @Test func theIndexAddsAliasesAndParentsAndReplacesDuplicates() {
        let index = AccountIndex(
            accounts: Self.accounts + [AccountRecord(id: "globex-us", name: "Globex Renamed")],
            configuration: Self.configuration)
        #expect(index.count == Self.accounts.count)
        #expect(index.record(for: "acme")?.domains == ["acme.com", "acme.io", "acme-corp.net"])
        #expect(index.record(for: "acme-de")?.parent == "acme")
        #expect(index.record(for: "globex-us")?.name == "Globex Renamed")
        #expect(index.records.map(\.id).first == "acme")
        #expect(index.record(for: "nobody") == nil)
    }

    @Test func aLeadIsReadFromItsFieldsAndAttributes() {
        let lead = Lead(
            id: "l1", email: "ana@acme.com", phone: "415 555 0100", company: "Acme",
            attributes: ["website": "https://acme.com", "country": "US", "postalCode": .number(94105)])
        let input = AccountMatchInput(lead: lead, keys: [Self.ana])
        #expect(
            input
                == AccountMatchInput(
                    identityKeys: [Self.ana], email: "ana@acme.com", website: "https://acme.com", company: "Acme",
                    phone: "415 555 0100", postalCode: "94105", country: "US"))
        #expect(Self.matcher.match(input).account == "acme")
    }

    @Test func aRecordIsReadFromAnAccountAndItsAttributes() {
        let account = Account(
            id: "acme.com", name: "Acme", domain: "acme.com",
            attributes: [
                "domains": .list(["acme.io"]), "website": "https://www.acme.com", "phone": "+1 415 555 0100",
                "postalCode": .number(94105), "country": "US", "website-empty": "",
            ])
        let record = AccountRecord(account, parent: "acme-group", standing: AccountStanding(contactCount: 4))
        #expect(
            record
                == AccountRecord(
                    id: "acme.com", name: "Acme", domains: ["acme.com", "acme.io"], website: "https://www.acme.com",
                    phone: "+1 415 555 0100", postalCode: "94105", country: "US", parent: "acme-group",
                    standing: AccountStanding(contactCount: 4)))
        #expect(AccountRecord(Account(id: "name:initech")) == AccountRecord(id: "name:initech"))
    }

    @Test func theMatcherFindsAccountsInALargeDirectoryThroughItsIndexes() {
        var accounts = (0..<5_000).map { index in
            AccountRecord(id: AccountID("a\(index)"), name: "Company \(index) Widgets", domains: ["c\(index).com"])
        }
        accounts.append(AccountRecord(id: "target", name: "Zyxwvut Holdings", phone: "+44 20 7946 0958"))
        let matcher = AccountMatcher(accounts: accounts)
        #expect(matcher.match(AccountMatchInput(company: "Zyxwvut Holdngs")).best?.account == "target")
        #expect(matcher.match(AccountMatchInput(phone: "+44 20 7946 0958")).best?.account == "target")
        #expect(matcher.match(AccountMatchInput(email: "x@sales.c4321.com")).account == "a4321")
    }

    @Test func matchesAreSendable() async {
        let matcher = Self.matcher
        let match = await Task.detached { matcher.match(AccountMatchInput(email: "ana@acme.com")) }.value
        #expect(match.account == "acme")
    }

    @Test func aMatchRoundTripsThroughJSON() throws {
        let match = Self.matcher.match(AccountMatchInput(email: "ana@acme.com", company: "Acme", country: "DE"))
        let decoded = try JSONDecoder().decode(AccountMatch.self, from: JSONEncoder().encode(match))
        #expect(decoded == match)
        #expect(
            match.best?.evidence.map(\.description).contains(
                "+9.0 email domain acme.com is the domain of 'Acme Corporation'") == true)
    }
}
