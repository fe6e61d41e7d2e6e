import Accord
import Foundation
import LeadModel
import Testing

/// With the playbook's `accountMatching` section, leads are matched to accounts by name,
/// website, postal code and country as well as the email domain: sure matches carry their
/// evidence in the journal, unsure ones wait in a review queue, and reviewers' decisions stick.
struct AccountMatchingEngineTests {
    var playbook: Playbook {
        var playbook = Playbook.unscored
        playbook.accountMatching = AccountMatchingConfiguration(
            domainAliases: [.init(account: "acme.com", domains: ["acme.io", "acme-corp.de"])])
        return playbook
    }

    /// The account Acme's first contact makes: `acme.com`, "Acme Corporation", in the US.
    let founder = Lead(
        id: "", email: "ana@acme.com", company: "Acme Corporation", attributes: ["country": "US"])

    /// The same name and country as Acme, from another company domain.
    let unsure = Lead(id: "", email: "li@acme-systems.io", company: "Acme Corp", attributes: ["country": "US"])

    private func decisions(_ engine: AlignmentEngine, _ id: LeadID) async throws -> [AccountMatchDecision] {
        try await engine.timeline(of: id).compactMap {
            guard case .accountMatchDecided(let decision) = $0.payload else { return nil }
            return decision
        }
    }

    @Test func aFreeMailLeadNamingAKnownCompanyIsMatchedWithItsEvidence() async throws {
        let engine = try await makeEngine(playbook: playbook)
        _ = try await engine.capture(founder)
        let lead = try await engine.capture(
            Lead(id: "", email: "bo@gmail.com", company: "ACME Inc.", attributes: ["country": "USA"]))
        #expect(lead.state.lead.accountID == "acme.com")
        let decision = try #require(try await decisions(engine, lead.leadID).last)
        #expect(decision.verdict == .matched)
        #expect(decision.account == "acme.com")
        let evidence = try #require(decision.candidate).evidence.map(\.kind)
        #expect(evidence.contains(.name))
        #expect(evidence.contains(.country))
        #expect(await engine.contacts(of: "acme.com").count == 2)
    }

    @Test func aFreeMailLeadCallingFromTheCompanysLineIsMatchedByPhone() async throws {
        let engine = try await makeEngine(playbook: playbook)
        var withLine = founder
        withLine.attributes["companyPhone"] = "+1 415 555 0100"
        _ = try await engine.capture(withLine)
        let lead = try await engine.capture(
            Lead(id: "", email: "cy@gmail.com", phone: "(415) 555-0100", company: "Acme"))
        #expect(lead.state.lead.accountID == "acme.com")
        let evidence = try #require(lead.state.accountMatch?.candidate).evidence.map(\.kind)
        #expect(evidence.contains(.phone))
    }

    @Test func anAliasDomainJoinsItsAccount() async throws {
        let engine = try await makeEngine(playbook: playbook)
        _ = try await engine.capture(founder)
        let lead = try await engine.capture(Lead(id: "", email: "jo@acme-corp.de"))
        #expect(lead.state.lead.accountID == "acme.com")
        #expect(try await decisions(engine, lead.leadID).map(\.verdict) == [.matched])
    }

    @Test func theSameNameInAnotherCountryIsNotMatched() async throws {
        let engine = try await makeEngine(playbook: playbook)
        _ = try await engine.capture(founder)
        let lead = try await engine.capture(
            Lead(id: "", email: "kai@gmail.com", company: "Acme", attributes: ["country": "DE"]))
        #expect(lead.state.lead.accountID == nil)
        #expect(lead.state.accountReview == nil)
        #expect(try await decisions(engine, lead.leadID).isEmpty)
    }

    @Test func anUnsureMatchWaitsForAReviewerWhoAcceptsIt() async throws {
        let engine = try await makeEngine(playbook: playbook)
        _ = try await engine.capture(founder)
        // The same name and country, but another company domain: plausible, not sure.
        let lead = try await engine.capture(unsure)
        let review = try #require(lead.state.accountReview)
        #expect(review.verdict == .review)
        #expect(review.candidates.first?.account == "acme.com")
        #expect(lead.state.lead.accountID == "acme-systems.io", "its own domain's account meanwhile")
        #expect(await engine.accountReviews().map(\.id) == [lead.leadID])

        let accepted = try await engine.acceptAccount("acme.com", for: lead.leadID, by: .person("mia"))
        #expect(accepted.lead.accountID == "acme.com")
        #expect(accepted.accountReview == nil)
        #expect(accepted.accountVerdicts == ["acme.com": .accepted])
        #expect(await engine.accountReviews().isEmpty)
        #expect(await engine.contacts(of: "acme.com").map(\.id).contains(lead.leadID))
        #expect(await engine.contacts(of: "acme-systems.io").isEmpty)
    }

    @Test func aRejectedMatchIsNeverMadeAgainForThatLead() async throws {
        let engine = try await makeEngine(playbook: playbook)
        _ = try await engine.capture(founder)
        let lead = try await engine.capture(
            Lead(id: "", email: "bo@gmail.com", company: "Acme Inc", attributes: ["country": "US"]))
        #expect(lead.state.lead.accountID == "acme.com")
        let rejected = try await engine.rejectAccount(
            "acme.com", for: lead.leadID, by: .person("mia"), note: "a namesake")
        #expect(rejected.lead.accountID == nil)
        #expect(rejected.accountVerdicts == ["acme.com": .rejected])
        #expect(await engine.contacts(of: "acme.com").count == 1)

        // The same person again, with more evidence for Acme: still not Acme.
        let again = try await engine.capture(
            Lead(id: "", email: "bo@gmail.com", company: "Acme Inc", attributes: ["website": "acme.com"]))
        #expect(again.leadID == lead.leadID)
        #expect(again.state.lead.accountID == nil)
        let verdicts = try await decisions(engine, lead.leadID).map(\.verdict)
        #expect(verdicts == [.matched, .rejected])
    }

    @Test func rejectingACandidateNarrowsTheReview() async throws {
        let engine = try await makeEngine(playbook: playbook)
        _ = try await engine.capture(founder)
        let lead = try await engine.capture(unsure)
        #expect(lead.state.accountReview?.candidates.map(\.account) == ["acme.com"])
        let state = try await engine.rejectAccount("acme.com", for: lead.leadID, by: .person("mia"))
        #expect(state.accountReview == nil, "its last candidate is gone")
        #expect(state.lead.accountID == "acme-systems.io")
    }

    @Test func aDecisionAboutAnAccountTheLeadHasNothingToDoWithIsRefused() async throws {
        let engine = try await makeEngine(playbook: playbook)
        _ = try await engine.capture(founder)
        let lead = try await engine.capture(Lead(id: "", email: "sam@globex.com", company: "Globex"))
        await #expect(throws: LeadModelError.self) {
            try await engine.rejectAccount("acme.com", for: lead.leadID, by: .person("mia"))
        }
        do {
            try await engine.acceptAccount("no-such.example", for: lead.leadID, by: .person("mia"))
            Issue.record("accepted an unknown account")
        } catch let error as LeadModelError {
            #expect(error.code == .unknownAccount)
            #expect(error.message.contains("no-such.example"))
        }
    }

    @Test func anExplicitAccountIsKeptAndMatchingOffKeepsTheDomain() async throws {
        let engine = try await makeEngine(playbook: playbook)
        _ = try await engine.capture(founder)
        var given = Lead(id: "", email: "max@gmail.com", company: "Acme Corporation")
        given.accountID = "partner:acme"
        let lead = try await engine.capture(given)
        #expect(lead.state.lead.accountID == "partner:acme")
        #expect(try await decisions(engine, lead.leadID).isEmpty)

        let plain = try await makeEngine(playbook: .unscored)
        _ = try await plain.capture(founder)
        let other = try await plain.capture(Lead(id: "", email: "bo@gmail.com", company: "ACME Inc."))
        #expect(other.state.lead.accountID == nil, "without the section, only the email domain matches")
    }

    @Test func theReviewAndTheVerdictsSurviveAReopen() async throws {
        let store = InMemoryEventStore()
        let engine = try await makeEngine(store: store, playbook: playbook)
        _ = try await engine.capture(founder)
        let matched = try await engine.capture(
            Lead(id: "", email: "bo@gmail.com", company: "Acme Inc", attributes: ["country": "US"]))
        let unsure = try await engine.capture(unsure)
        try await engine.rejectAccount("acme.com", for: matched.leadID, by: .person("mia"))

        let reopened = try await makeEngine(store: store, playbook: playbook)
        // The rejection sends the lead to review with its namesake rather than matching it there.
        #expect(await reopened.accountReviews().map(\.id) == [matched.leadID, unsure.leadID])
        #expect(
            await reopened.state(of: matched.leadID)?.accountReview?.candidates.map(\.account) == ["acme-systems.io"])
        let state = try #require(await reopened.state(of: matched.leadID))
        #expect(state.accountVerdicts == ["acme.com": .rejected])
        #expect(state.lead.accountID == nil)
    }
}

/// Among accounts the evidence cannot tell apart, the playbook's tie-break decides — and the
/// account it picks is the lead's, which routing, roll-ups and reports all read.
struct AccountTieBreakEngineTests {
    /// Two "Acme" accounts in the US: `acme-big.com` with two contacts, created second, and
    /// `acme-old.com` with one, created first.
    private func engine(tieBreak: AccountTieBreak) async throws -> AlignmentEngine {
        var playbook = Playbook.unscored
        playbook.accountMatching = AccountMatchingConfiguration(tieBreak: tieBreak)
        let clock = TestClock()
        let engine = try await makeEngine(clock: clock, playbook: playbook)
        _ = try await engine.capture(
            Lead(id: "", email: "a@acme-old.com", company: "Acme", attributes: ["country": "US"]))
        clock.advance(by: 3_600)
        for person in ["b", "c"] {
            _ = try await engine.capture(
                Lead(id: "", email: "\(person)@acme-big.com", company: "Acme", attributes: ["country": "US"]))
        }
        clock.advance(by: 3_600)
        return engine
    }

    private let namesake = Lead(id: "", email: "d@gmail.com", company: "ACME", attributes: ["country": "US"])

    @Test(arguments: [
        (AccountTieBreak.standard, AccountID("acme-big.com")),
        (AccountTieBreak([.oldest, .mostContacts]), AccountID("acme-old.com")),
    ])
    func theConfiguredOrderPicksTheAccount(tieBreak: AccountTieBreak, expected: AccountID) async throws {
        let engine = try await engine(tieBreak: tieBreak)
        let lead = try await engine.capture(namesake)
        #expect(lead.state.lead.accountID == expected)
        let match = try #require(lead.state.accountMatch)
        #expect(match.verdict == .matched)
        #expect(await engine.contacts(of: expected).map(\.id).contains(lead.leadID))
    }

    @Test func aMarginSendsEqualRivalsToReviewInstead() async throws {
        var playbook = Playbook.unscored
        playbook.accountMatching = AccountMatchingConfiguration(ambiguityMargin: 0.05)
        let engine = try await makeEngine(playbook: playbook)
        _ = try await engine.capture(
            Lead(id: "", email: "a@acme-old.com", company: "Acme", attributes: ["country": "US"]))
        _ = try await engine.capture(
            Lead(id: "", email: "b@acme-big.com", company: "Acme", attributes: ["country": "US"]))
        let lead = try await engine.capture(namesake)
        #expect(lead.state.lead.accountID == nil)
        #expect(Set(lead.state.accountReview?.candidates.map(\.account) ?? []) == ["acme-old.com", "acme-big.com"])
    }
}
