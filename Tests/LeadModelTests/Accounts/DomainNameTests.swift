import Foundation
import LeadModel
import Testing

/// How domains are read from websites and emails.
struct DomainNameTests {
    @Test(arguments: [
        "domain.com", "www.domain.com", "https://domain.com", "http://www.domain.com/", "HTTPS://WWW.Domain.COM",
        "https://www.domain.com:443/path/to?query=1#part", "domain.com.", "  domain.com  ", "www2.domain.com",
        "mailto:ana@domain.com", "https://user:pw@domain.com/", "//domain.com", "domain.com/about",
    ])
    func everyWayOfWritingADomainIsOneDomain(_ text: String) {
        #expect(DomainName(text)?.value == "domain.com")
    }

    @Test(arguments: [
        "", "   ", "domain", "http://", "domain .com", "a..com", ".com", "1.2", "under_score.com",
        "https://", "www.",
    ])
    func textThatIsNoHostGivesNoDomain(_ text: String) {
        #expect(DomainName(text) == nil)
    }

    @Test func aPortWithoutNumberStillLeavesTheHost() {
        #expect(DomainName("domain.com:")?.value == "domain.com")
    }

    @Test func hostsNamedWWWAreKept() {
        #expect(DomainName("www.com")?.value == "www.com")
        #expect(DomainName("wwwidgets.com")?.value == "wwwidgets.com")
        #expect(DomainName("Müller.DE")?.value == "müller.de")
    }

    @Test(arguments: [
        ("Ana@Acme.com", "acme.com"), (" ana@sales.acme.com ", "sales.acme.com"), ("ana@acme.com.", "acme.com"),
        ("ana@www.acme.com", "www.acme.com"),
    ])
    func anEmailGivesItsDomain(_ email: String, _ domain: String) {
        #expect(DomainName(email: email)?.value == domain)
    }

    @Test(arguments: ["ana", "@acme.com", "ana@", "ana@acme", "a@b@acme.com", "ana@ac me.com", ""])
    func aMalformedEmailGivesNoDomain(_ email: String) {
        #expect(DomainName(email: email) == nil)
    }

    @Test func parentsStopAtTheRegistrableDomain() {
        #expect(DomainName("eu.sales.acme.com")?.parents.map(\.value) == ["sales.acme.com", "acme.com"])
        #expect(DomainName("shop.acme.co.uk")?.parents.map(\.value) == ["acme.co.uk"])
        #expect(DomainName("acme.co.uk")?.parents == [])
        #expect(DomainName("acme.com")?.parents == [])
        #expect(DomainName("a.b.acme.com.au")?.parents.map(\.value) == ["b.acme.com.au", "acme.com.au"])
        #expect(DomainName("acmewidgets.com")?.firstLabel == "acmewidgets")
    }

    @Test func domainsCodeAsNormalisedStrings() throws {
        let decoded = try JSONDecoder().decode([DomainName].self, from: Data(#"["https://www.Acme.com/x"]"#.utf8))
        #expect(decoded.map(\.value) == ["acme.com"])
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["acme.com"]"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([DomainName].self, from: Data(#"["acme"]"#.utf8))
        }
        #expect(DomainName("b.com")! > DomainName("a.com")!)
    }
}
