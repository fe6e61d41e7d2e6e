import Foundation
import LeadModel
import Testing

/// Addresses outside ASCII take the resolver's Unicode path: they must be lowercased and matched
/// exactly like ASCII ones.
struct NonASCIIEmailTests {
    let resolver = StandardIdentityResolver()

    @Test(arguments: [
        ("Jürgen@Müller.DE", "jürgen@müller.de"),
        (" JÜRGEN@MÜLLER.de ", "jürgen@müller.de"),
        ("Ángel+news@Café.ES", "ángel@café.es"),
        ("ΑΝΝΑ@Παράδειγμα.ΕΛ", "αννα@παράδειγμα.ελ"),
    ])
    func lowercasesNonASCIIAddresses(_ input: String, _ expected: String) {
        #expect(resolver.normalizedEmail(input) == expected)
    }

    @Test func differentlyCasedNonASCIIAddressesAreOnePerson() {
        let first = Lead(id: "a", email: "Jürgen@Müller.DE")
        let second = Lead(id: "b", email: "jürgen@müller.de")
        #expect(!resolver.keys(for: first).isEmpty)
        #expect(resolver.keys(for: first) == resolver.keys(for: second))
        #expect(resolver.account(for: first) == AccountID("müller.de"))
    }
}

/// The shared rules every entry point checks emails and phones with.
struct ContactValidationTests {
    @Test(arguments: [
        "ana@acme.com", "Jürgen@Müller.DE", "a+b@x.io", " ana@acme.com\n", "\tana@acme.com\r\n", "a@b..c",
        "ana@acme.com\u{00A0}", "\u{2003}ana@müller.de ",
    ])
    func acceptsEmailAddresses(_ email: String) {
        #expect(StandardIdentityResolver.emailProblem(email) == nil)
    }

    @Test(arguments: [
        "not an email", "", "ana", "@acme.com", "ana@acme", "ana@.com", "ana@acme.", "a@b@c.com", " @acme.com",
        "ana@ acme.com", "ana@acme.com.\n", "ana.acme@com", "   ", "ana\u{00A0}x@acme.com", "jü rgen@müller.de",
    ])
    func refusesWhatIsNotAnEmailAddress(_ email: String) throws {
        let problem = try #require(StandardIdentityResolver.emailProblem(email))
        #expect(problem.contains("name@example.com"))
        if !email.isEmpty { #expect(!problem.contains(email)) }
    }

    @Test(arguments: ["(415) 555-0100", "+44 20 7946 0958", "415.555.0100 x12"])
    func acceptsPhoneNumbers(_ phone: String) {
        #expect(StandardIdentityResolver().phoneProblem(phone) == nil)
    }

    @Test(arguments: ["call me", "12", "+1 415 555 0100 000 000 000", "555-CALL-NOW"])
    func refusesWhatIsNotAPhoneNumber(_ phone: String) throws {
        let problem = try #require(StandardIdentityResolver().phoneProblem(phone))
        #expect(problem.contains("7 to 15"))
        #expect(!problem.contains(phone))
    }
}
