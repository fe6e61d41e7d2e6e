import Foundation
import LeadModel
import Testing

/// How a CRM's account column names an account: by domain, or by a slug of its name that can
/// never collide with a domain.
struct AccountNamingTests {
    @Test(arguments: [
        ("acme.com", "acme.com"), ("  Acme.COM ", "acme.com"), ("https://www.acme.com/about", "acme.com"),
        ("http://sub.acme.co.uk", "sub.acme.co.uk"), ("my-shop.io", "my-shop.io"), ("Müller.DE", "müller.de"),
    ])
    func domainsAreTheirOwnIds(_ text: String, _ id: String) {
        #expect(AccountID.domain(text) == AccountID(id))
    }

    @Test(arguments: ["Acme Inc", "betasoft.", "acme", ".com", "acme..com", "1.2", "Acme, Inc.", "müller de", ""])
    func textThatIsNoHostNameIsNotADomain(_ text: String) {
        #expect(AccountID.domain(text) == nil)
    }

    @Test func namesDifferingInCaseSpacingOrPunctuationShareOneId() {
        let ids = ["Acme, Inc.", "ACME   inc", " acme-inc ", "Acme Inc."].map(AccountID.named)
        #expect(Set(ids) == [AccountID("name:acme-inc")])
        #expect(AccountID.named("Société Générale") == AccountID("name:société-générale"))
        #expect(AccountID.named("!!! ---") == nil)
    }

    @Test func aNameIdNeverEqualsADomainIdAndItsStreamIsTheAccounts() throws {
        let named = try #require(AccountID.named("acme.com"))
        #expect(named.isNameOnly && named.rawValue.contains(":"))
        #expect(named != AccountID.domain("acme.com"))
        #expect(LeadID.stream(account: named) == LeadID("account:name:acme-com"))
        #expect(LeadID.stream(account: named).accountOfStream == named)
        #expect(LeadID("L0000001").accountOfStream == nil)
    }

    @Test func aDealsInternationalDomainIsTheAccountItsLeadsJoin() {
        let lead = Lead(id: "a", email: "Jürgen@Müller.DE")
        #expect(AccountID.domain("müller.de") == StandardIdentityResolver().account(for: lead))
    }
}
