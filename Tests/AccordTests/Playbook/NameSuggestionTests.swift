import Accord
import Testing

struct NameSuggestionTests {
    @Test(
        arguments: [
            ("stagse", "stages"), ("Scoring", "scoring"), ("emial", "email"), ("zzzzzz", nil),
        ] as [(String, String?)])
    func closeNamesAreSuggestedAndFarOnesAreNot(typed: String, expected: String?) {
        #expect(NameSuggestion.closest(to: typed, among: ["stages", "scoring", "email"]) == expected)
    }
}
