import LeadModel
import Testing
import _AccountMatchingFixture

/// The labelled fixture of tricky pairs, scored at the default thresholds: no false match, and
/// the misses go to review or nowhere, never to another account.
struct AccountMatchingFixtureTests {
    static let matcher = AccountMatchingFixture.matcher()

    @Test func fixtureHasSixtyUniquelyNamedPairsOverKnownAccounts() {
        let cases = AccountMatchingFixture.cases
        #expect(cases.count >= 60)
        #expect(Set(cases.map(\.name)).count == cases.count)
        #expect(cases.filter(\.isMatch).count >= 25 && cases.filter { !$0.isMatch }.count >= 25)
        for pair in cases { #expect(Self.matcher.index.record(for: pair.account) != nil, "\(pair.name)") }
    }

    @Test(arguments: AccountMatchingFixture.cases.filter { !$0.isMatch })
    func noNonMatchReachesTheMatchThreshold(_ pair: AccountMatchingCase) throws {
        let candidate = try #require(Self.matcher.candidate(pair.lead, for: pair.account))
        #expect(candidate.confidence < Self.matcher.configuration.matchThreshold, "\(candidate.evidence)")
    }

    @Test(arguments: AccountMatchingFixture.cases.filter(\.isMatch))
    func aMatchIsNeverMatchedToAnotherAccount(_ pair: AccountMatchingCase) {
        let match = Self.matcher.match(pair.lead)
        #expect(match.account == nil || match.account == pair.account, "\(match.summary)")
    }

    @Test(arguments: AccountMatchingFixture.cases.filter(\.isMatch))
    func aPairAboveTheThresholdIsFoundThroughTheIndexes(_ pair: AccountMatchingCase) throws {
        let confidence = try #require(Self.matcher.candidate(pair.lead, for: pair.account)).confidence
        let match = Self.matcher.match(pair.lead)
        if confidence >= Self.matcher.configuration.matchThreshold {
            #expect(match.outcome == .matched && match.account == pair.account, "\(match.summary)")
        } else if confidence >= Self.matcher.configuration.reviewThreshold {
            #expect(match.candidates.contains { $0.account == pair.account })
        }
    }

    @Test func precisionIsOneAndRecallStaysHigh() {
        let evaluation = AccountMatchingFixture.evaluate(Self.matcher)
        #expect(evaluation.falsePositives.map(\.name) == [])
        #expect(evaluation.precision == 1)
        #expect(evaluation.recall >= 0.9, "missed: \(evaluation.falseNegatives.map(\.name))")
    }

    @Test func aLowerThresholdTradesPrecisionForRecall() {
        let strict = AccountMatchingFixture.evaluate(Self.matcher, threshold: 0.99)
        let loose = AccountMatchingFixture.evaluate(Self.matcher, threshold: 0.05)
        #expect(strict.recall < AccountMatchingFixture.evaluate(Self.matcher).recall)
        #expect(loose.recall == 1)
        #expect(loose.precision < 1)
    }
}
