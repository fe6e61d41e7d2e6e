import LeadModel
import Testing

/// Jaro, Jaro–Winkler and the soft token-set similarity of company names.
struct NameSimilarityTests {
    @Test(arguments: [
        ("martha", "marhta", 0.944, 0.961), ("dixon", "dicksonx", 0.767, 0.813), ("dwayne", "duane", 0.822, 0.840),
        ("jellyfish", "smellyfish", 0.896, 0.896), ("abc", "abc", 1.0, 1.0), ("abc", "xyz", 0.0, 0.0),
    ])
    func jaroAndJaroWinklerGiveThePublishedValues(_ a: String, _ b: String, _ jaro: Double, _ winkler: Double) {
        #expect(abs(NameSimilarity.jaro(a, b) - jaro) < 0.001)
        #expect(abs(NameSimilarity.jaroWinkler(a, b) - winkler) < 0.001)
    }

    @Test(arguments: [
        ("", ""), ("", "a"), ("a", ""), ("a", "a"), ("a", "b"), ("ab", "ba"), ("müller", "muller"),
        ("東京", "東京都"), ("acme widgets", "widgets acme"),
    ])
    func similaritiesAreSymmetricAndBounded(_ a: String, _ b: String) {
        for measure in [NameSimilarity.jaro, { NameSimilarity.jaroWinkler($0, $1) }] {
            let value = measure(a, b)
            #expect(value >= 0 && value <= 1)
            #expect(abs(value - measure(b, a)) < 1e-12)
        }
        #expect(NameSimilarity.jaro("", "") == 1)
        #expect(NameSimilarity.jaro("", "a") == 0)
    }

    @Test func stringsLongerThanSixtyFourCharactersAreComparedToo() {
        let a = String(repeating: "a", count: 65) + "x"
        let b = String(repeating: "a", count: 65) + "y"
        #expect(abs(NameSimilarity.jaro(a, b) - (65.0 / 66 + 65.0 / 66 + 1) / 3) < 1e-12)
        #expect(
            abs(NameSimilarity.jaro(String(a.dropFirst(10)), String(b.dropFirst(10))) - (55.0 / 56 * 2 + 1) / 3) < 1e-12
        )
        let x = String(repeating: "ab", count: 40)
        let y = String(repeating: "ba", count: 40) + "c"
        #expect(NameSimilarity.jaro(x, y) == NameSimilarity.jaro(y, x))
    }

    @Test func thePrefixScaleIsCapped() {
        #expect(NameSimilarity.jaroWinkler("abcdx", "abcdy", prefixScale: 5) <= 1)
        #expect(NameSimilarity.jaroWinkler("abcdx", "abcdy", prefixScale: 0) == NameSimilarity.jaro("abcdx", "abcdy"))
    }

    @Test func theTokenSetIgnoresOrderAndCountsTypos() {
        #expect(NameSimilarity.softTokenSet(["us", "bank"], ["bank", "us"]) == 1)
        #expect(NameSimilarity.softTokenSet([], []) == 1)
        #expect(NameSimilarity.softTokenSet(["acme"], []) == 0)
        #expect(NameSimilarity.softTokenSet(["acme", "wigdets"], ["acme", "widgets"]) > 0.95)
        #expect(NameSimilarity.softTokenSet(["acme"], ["acme", "widgets"]) < 0.6)
        // Each word pairs once: a repeated word does not count twice.
        #expect(NameSimilarity.softTokenSet(["acme", "acme"], ["acme"]) < 0.7)
    }

    @Test func aSharedFirstWordDoesNotMakeTwoCompaniesOne() {
        let airline = CompanyName("Delta Air Lines")
        let dental = CompanyName("Delta Dental")
        // Whole-string Jaro–Winkler rewards the common prefix; the token set does not.
        #expect(NameSimilarity.jaroWinkler(CompanyName("Delta Airlines").normalized, dental.normalized) > 0.85)
        #expect(NameSimilarity.companyNames(CompanyName("Delta Airlines"), dental) < 0.5)
        #expect(NameSimilarity.companyNames(CompanyName("Delta Airlines"), airline) == 1)
    }

    @Test func shortWordsOneLetterApartAreNotShared() {
        // `bank` / `bahn` and `acme` / `acne` are 0.87: below the token threshold, so Deutsche Bank
        // is not Deutsche Bahn (and a typo in a four-letter word needs other evidence).
        #expect(NameSimilarity.jaroWinkler("bank", "bahn") < NameSimilarity.tokenThreshold)
        #expect(NameSimilarity.companyNames(CompanyName("Deutsche Bank"), CompanyName("Deutsche Bahn")) < 0.85)
    }

    @Test func emptyNamesAreLikeNothing() {
        #expect(NameSimilarity.companyNames(CompanyName(""), CompanyName("")) == 0)
        #expect(NameSimilarity.companyNames(CompanyName("Acme"), CompanyName("---")) == 0)
        #expect(NameSimilarity.companyNames(CompanyName("Coca-Cola"), CompanyName("Cocacola Co")) == 1)
    }
}
