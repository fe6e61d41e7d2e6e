import Foundation
import LeadModel
import Testing

struct StandardIdentityResolverEmailTests {
    let resolver = StandardIdentityResolver()

    @Test(arguments: [
        (" Ana@Acme.COM ", "ana@acme.com"),
        ("ANA@acme.com\n", "ana@acme.com"),
        ("ana+news@acme.com", "ana@acme.com"),
        ("ana+news+more@acme.com", "ana@acme.com"),
        ("a.na@acme.com", "a.na@acme.com"),
        ("A.Na+x@Gmail.com", "ana@gmail.com"),
        ("a.n.a@googlemail.com", "ana@gmail.com"),
    ])
    func normalisesEmail(input: String, expected: String) {
        #expect(resolver.normalizedEmail(input) == expected)
    }

    @Test(arguments: [
        "", "   ", "ana", "ana.acme.com", "@acme.com", "ana@", "ana@@acme.com", "ana@b@acme.com",
        "ana@acme", "ana@acme..com", "an a@acme.com", "ana@.com",
    ])
    func invalidEmailGivesNoKey(input: String) {
        #expect(resolver.normalizedEmail(input) == nil)
        let lead = Lead(id: "l1", email: input)
        #expect(resolver.keys(for: lead).isEmpty)
        #expect(resolver.account(for: lead) == nil)
    }

    @Test func plusAddressingCanBeTurnedOff() {
        let strict = StandardIdentityResolver(configuration: .init(ignoresPlusAddressing: false))
        #expect(strict.normalizedEmail("ana+news@acme.com") == "ana+news@acme.com")
        #expect(resolver.normalizedEmail("ana+news@acme.com") == "ana@acme.com")
    }

    @Test func leadingPlusIsKept() {
        #expect(resolver.normalizedEmail("+news@acme.com") == "+news@acme.com")
    }

    @Test func gmailDotsOnlyForGmail() {
        #expect(resolver.normalizedEmail("a.na@gmail.com") == "ana@gmail.com")
        #expect(resolver.normalizedEmail("a.na@acme.com") == "a.na@acme.com")
        #expect(resolver.normalizedEmail("a.na@gmail.co") == "a.na@gmail.co")
        let keepDots = StandardIdentityResolver(configuration: .init(ignoresGmailDots: false))
        #expect(keepDots.normalizedEmail("a.na@gmail.com") == "a.na@gmail.com")
    }

    @Test func sameMailboxGivesSameKey() {
        let first = Lead(id: "a", email: "Ana.Silva+webinar@gmail.com")
        let second = Lead(id: "b", email: " anasilva@googlemail.com ")
        #expect(resolver.keys(for: first) == resolver.keys(for: second))
    }
}

struct StandardIdentityResolverPhoneTests {
    @Test(arguments: [
        ("(415) 555-0100", "1", "+14155550100"),
        ("+1 415.555.0100", "1", "+14155550100"),
        ("1-415-555-0100", "1", "+14155550100"),
        ("415-555-0100 x12", "1", "+14155550100"),
        ("415-555-0100 ext. 123", "1", "+14155550100"),
        ("415 555 0100 #7", "1", "+14155550100"),
        ("tel:+1-415-555-0100", "1", "+14155550100"),
        ("011 44 20 7946 0958", "1", "+442079460958"),
        ("004930123456", "49", "+4930123456"),
        ("004930123456", "1", "+4930123456"),
        ("030 123456", "49", "+4930123456"),
        ("030/123456", "49", "+4930123456"),
        ("30123456", "49", "+4930123456"),
        ("020 7946 0958", "44", "+442079460958"),
        ("+44 (0)20 7946 0958", "1", "+442079460958"),
    ])
    func normalisesPhone(input: String, country: String, expected: String) {
        let resolver = StandardIdentityResolver(
            configuration: .init(defaultCountryCode: country))
        #expect(resolver.normalizedPhone(input) == expected)
    }

    @Test(arguments: [
        ("555-0100", "1"), ("12345", "49"), ("0123", "44"), ("+1 234", "1"), ("", "1"),
        ("1-800-FLOWERS", "1"), ("0415 555 0100", "1"), ("415_555_0100", "1"),
        ("+1234567890123456", "1"),
    ])
    func tooShortOrStrangePhoneGivesNoKey(input: String, country: String) {
        let resolver = StandardIdentityResolver(
            configuration: .init(defaultCountryCode: country))
        #expect(resolver.normalizedPhone(input) == nil)
        #expect(resolver.keys(for: Lead(id: "l1", phone: input)).isEmpty)
    }

    @Test func differentlyWrittenNumbersGiveSameKey() {
        let resolver = StandardIdentityResolver()
        let first = Lead(id: "a", phone: "(415) 555-0100")
        let second = Lead(id: "b", phone: "+1 415.555.0100 ext 9")
        #expect(resolver.keys(for: first) == resolver.keys(for: second))
        #expect(resolver.keys(for: first) == [IdentityKey(kind: "phone", value: "+14155550100")])
    }
}

struct StandardIdentityResolverKeyTests {
    let resolver = StandardIdentityResolver()

    @Test func externalIDsAreKeyedPerSystem() {
        let lead = Lead(
            id: "l1",
            externalIDs: [
                ExternalID(system: "HubSpot", value: "123"),
                ExternalID(system: "outreach", value: "123"),
                ExternalID(system: "hubspot ", value: "123"),
                ExternalID(system: "", value: "9"),
                ExternalID(system: "salesforce", value: " "),
            ])
        #expect(
            resolver.keys(for: lead) == [
                IdentityKey(kind: "external:hubspot", value: "123"),
                IdentityKey(kind: "external:outreach", value: "123"),
            ])
    }

    @Test func keysComeInEmailPhoneExternalOrder() {
        let lead = Lead(
            id: "l1", email: "ana@acme.com", phone: "(415) 555-0100",
            externalIDs: [ExternalID(system: "crm", value: "A-1")])
        #expect(resolver.keys(for: lead).map(\.kind) == ["email", "phone", "external:crm"])
    }

    @Test func namesAloneGiveNoKeys() {
        let lead = Lead(id: "l1", firstName: "Ana", lastName: "Silva", company: "Acme")
        #expect(resolver.keys(for: lead).isEmpty)
    }

    @Test func keyDescriptionHidesValue() {
        let key = resolver.keys(for: Lead(id: "l1", email: "ana@acme.com"))[0]
        #expect(!String(describing: key).contains("ana"))
    }
}

struct StandardIdentityResolverAccountTests {
    let resolver = StandardIdentityResolver()

    @Test func matchesAccountByWorkEmailDomain() {
        #expect(resolver.account(for: Lead(id: "l1", email: "Ana@Acme.COM ")) == "acme.com")
    }

    @Test(arguments: [
        "ana@gmail.com", "ana@googlemail.com", "ana@yahoo.co.uk", "ana@yahoo.es", "ana@hotmail.fr",
        "ana@outlook.com", "ana@gmx.at", "ana@web.de", "ana@mail.ru", "ana@qq.com",
        "ana@proton.me", "ana@mailinator.com", "ana@icloud.com", "ana@yandex.kz",
    ])
    func freeMailIsNeverMatchedToAnAccount(email: String) {
        #expect(resolver.account(for: Lead(id: "l1", email: email)) == nil)
    }

    @Test func familyMatchingDoesNotCatchCompanySubdomains() {
        #expect(resolver.account(for: Lead(id: "l1", email: "a@live.acme.com")) == "live.acme.com")
        #expect(
            resolver.account(for: Lead(id: "l1", email: "a@yahoo.acme.com")) == "yahoo.acme.com")
    }

    @Test func configuredFreeMailDomainsAreAddedAndRemoved() {
        let resolver = StandardIdentityResolver(
            configuration: .init(
                addedFreeMailDomains: ["Corp-Mail.example"], removedFreeMailDomains: ["hey.com"]))
        #expect(resolver.account(for: Lead(id: "l1", email: "ana@corp-mail.example")) == nil)
        #expect(resolver.account(for: Lead(id: "l1", email: "ana@hey.com")) == "hey.com")
        #expect(resolver.account(for: Lead(id: "l1", email: "ana@gmail.com")) == nil)
    }

    @Test func keepsAccountAlreadySet() {
        let lead = Lead(id: "l1", email: "ana@acme.com", accountID: "acme-holdings")
        #expect(resolver.account(for: lead) == "acme-holdings")
    }

    @Test func fallsBackToWebsiteWithoutWWW() {
        let lead = Lead(
            id: "l1", email: "ana@gmail.com",
            attributes: ["website": .string("https://www.Acme.com:443/about?x=1")])
        #expect(resolver.account(for: lead) == "acme.com")
        let off = StandardIdentityResolver(configuration: .init(websiteAttribute: nil))
        #expect(off.account(for: lead) == nil)
    }

    @Test func doesNotStripWWWFromEmailDomains() {
        #expect(resolver.account(for: Lead(id: "l1", email: "a@www.acme.com")) == "www.acme.com")
    }
}

struct StandardIdentityResolverConfigurationTests {
    @Test func decodesPartialJSONWithDefaults() throws {
        let json = Data(
            #"{"defaultCountryCode": "44", "addedFreeMailDomains": ["x.example"]}"#.utf8)
        let configuration = try JSONDecoder().decode(
            StandardIdentityResolver.Configuration.self, from: json)
        #expect(configuration.defaultCountryCode == "44")
        #expect(configuration.ignoresPlusAddressing)
        #expect(configuration.ignoresGmailDots)
        #expect(configuration.websiteAttribute == "website")
        #expect(configuration.addedFreeMailDomains == ["x.example"])
        try configuration.validate()
    }

    @Test func roundTripsThroughJSON() throws {
        let configuration = StandardIdentityResolver.Configuration(
            ignoresPlusAddressing: false, defaultCountryCode: "49", websiteAttribute: nil)
        let data = try JSONEncoder().encode(configuration)
        let decoded = try JSONDecoder().decode(
            StandardIdentityResolver.Configuration.self, from: data)
        #expect(decoded == configuration)
    }

    @Test func validationReportsEveryProblem() {
        let configuration = StandardIdentityResolver.Configuration(
            defaultCountryCode: "+1", minimumPhoneDigits: 2, addedFreeMailDomains: ["nodot"])
        #expect(throws: LeadModelError.self) { try configuration.validate() }
        do {
            try configuration.validate()
        } catch let error as LeadModelError {
            #expect(error.code == .invalidValue)
            #expect(error.message.contains("defaultCountryCode"))
            #expect(error.message.contains("minimumPhoneDigits"))
            #expect(error.message.contains("nodot"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func resolverIsSendable() async {
        let resolver = StandardIdentityResolver()
        let keys = await Task.detached { resolver.keys(for: Lead(id: "l", email: "a@b.co")) }.value
        #expect(keys.count == 1)
    }
}
