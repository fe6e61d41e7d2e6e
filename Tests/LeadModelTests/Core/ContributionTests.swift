import Foundation
import LeadModel
import Testing

/// A contribution's evidence is kept as what the rule matched and, apart, how decay or a cap
/// adjusted its points; it reads, encodes and compares as the sentence the two make.
struct ContributionTests {
    static let adjustments: [(ScoreCard.Adjustment, String)] = [
        (.decayed(newestDays: 0, keptPercent: 99), "1 reply, newest today, kept 99%"),
        (.decayed(newestDays: 1, keptPercent: 98), "1 reply, newest 1 day ago, kept 98%"),
        (.decayed(newestDays: 12, keptPercent: 76), "1 reply, newest 12 days ago, kept 76%"),
        (.decayed(newestDays: 500, keptPercent: 0), "1 reply, newest 500 days ago, kept 0%"),
        (.perOccurrence(afterDecay: 2.4, cappedAt: nil), "1 reply, 2.4 after decay"),
        (.perOccurrence(afterDecay: nil, cappedAt: -4), "1 reply, capped at -4"),
        (.perOccurrence(afterDecay: 1_234.567, cappedAt: 20), "1 reply, 1,234.57 after decay, capped at 20"),
        (.perOccurrence(afterDecay: nil, cappedAt: nil), "1 reply"),
    ]

    @Test(arguments: adjustments)
    func evidenceIsWhatWasMatchedThenTheAdjustment(adjustment: ScoreCard.Adjustment, evidence: String) {
        let contribution = ScoreCard.Contribution(
            rule: "replied", axis: .engagement, points: 5, matched: "1 reply", adjustment: adjustment)
        #expect(contribution.evidence == evidence)
    }

    /// JSON carries the sentence only, under the same keys as a contribution made from words,
    /// and reads back as a contribution equal to the first, with the same hash.
    @Test(arguments: adjustments)
    func jsonHoldsTheSentenceAndReadsBackEqual(adjustment: ScoreCard.Adjustment, evidence: String) throws {
        let kept = ScoreCard.Contribution(
            rule: "replied", axis: .engagement, points: 5, matched: "1 reply", adjustment: adjustment)
        let words = ScoreCard.Contribution(rule: "replied", axis: .engagement, points: 5, evidence: evidence)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(kept)
        #expect(json == (try encoder.encode(words)))
        #expect(
            String(decoding: json, as: UTF8.self)
                == #"{"axis":"engagement","evidence":"\#(evidence)","points":5,"rule":"replied"}"#)
        let decoded = try JSONDecoder().decode(ScoreCard.Contribution.self, from: json)
        #expect(decoded == kept)
        #expect(decoded.adjustment == nil)
        #expect(Set([decoded, kept, words]).count == 1)
    }

    @Test func contributionsThatSayDifferentThingsDiffer() {
        let base = ScoreCard.Contribution(
            rule: "replied", axis: .engagement, points: 5, matched: "1 reply",
            adjustment: .decayed(newestDays: 12, keptPercent: 76))
        var otherAge = base
        otherAge.adjustment = .decayed(newestDays: 13, keptPercent: 76)
        var otherWords = base
        otherWords.matched = "2 replies"
        var otherPoints = base
        otherPoints.points = 6
        let sameSentenceOtherRule = ScoreCard.Contribution(
            rule: "answered", axis: .engagement, points: 5, evidence: base.evidence)
        let unadjusted = ScoreCard.Contribution(rule: "replied", axis: .engagement, points: 5, evidence: "1 reply")
        for other in [otherAge, otherWords, otherPoints, sameSentenceOtherRule, unadjusted] {
            #expect(other != base)
            #expect(base != other)
        }
    }

    @Test func settingTheEvidenceKeepsTheWordsGiven() {
        var contribution = ScoreCard.Contribution(
            rule: "replied", axis: .engagement, points: 5, matched: "1 reply",
            adjustment: .perOccurrence(afterDecay: nil, cappedAt: 5))
        contribution.evidence = "read by hand"
        #expect(contribution.matched == "read by hand")
        #expect(contribution.adjustment == nil)
        #expect(contribution.evidence == "read by hand")
    }
}
