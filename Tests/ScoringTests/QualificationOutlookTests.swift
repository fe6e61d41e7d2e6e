import Foundation
import LeadModel
import Scoring
import Testing

/// `QualificationPolicy.outlook`: why each rule does not move a lead, in words.
struct QualificationOutlookTests {
    let policy = QualificationPolicy.standard
    let graph = StageGraph.standard

    private func card(fit: Double, engagement: Double) -> ScoreCard {
        ScoreCard(scorer: "rules", fit: fit, engagement: engagement)
    }

    private func outlook(_ state: LeadState, _ card: ScoreCard?, policy: QualificationPolicy? = nil) -> [String: String]
    {
        let findings = (policy ?? self.policy).outlook(state: state, card: card, graph: graph, now: Fixtures.now)
        return Dictionary(uniqueKeysWithValues: findings.map { ($0.rule, $0.detail) })
    }

    @Test func aFreshLeadLacksPointsAndHasNoTriggerSignal() {
        let found = outlook(Fixtures.state(), card(fit: 20, engagement: 18))
        #expect(found["threshold:mql"] == "total 38 is 12 short of 50")
        #expect(found["trigger:quote-or-demo"] == "no quote-requested or demo-requested signal yet")
    }

    @Test func anUnscoredLeadSaysSo() {
        #expect(outlook(Fixtures.state(), nil)["threshold:mql"] == "the lead is not scored")
    }

    @Test func fitAndEngagementMinimumsAreEachReported() {
        let strict = QualificationPolicy(
            thresholds: [.init(stage: .mql, minTotal: 50, minFit: 30, minEngagement: 10)])
        let found = outlook(Fixtures.state(), card(fit: 20, engagement: 5), policy: strict)
        #expect(
            found["threshold:mql"]
                == "total 25 is 25 short of 50; fit 20 is 10 short of 30; engagement 5 is 5 short of 10")
    }

    @Test func aMetThresholdAndAFiringTriggerSaySo() {
        let quote = Fixtures.signal(.quoteRequested, daysAgo: 1)
        let found = outlook(Fixtures.state(signals: [quote]), card(fit: 30, engagement: 25))
        #expect(found["threshold:mql"]?.hasPrefix("met: total 55 ≥ 50") == true)
        #expect(found["trigger:quote-or-demo"] == "fired by quote-requested on \(quote.occurredAt.formatted(.iso8601))")
    }

    @Test func aTriggerUsedBeforeTheLeadWasRecycledIsNotReArmed() throws {
        let old = Fixtures.signal(.quoteRequested, daysAgo: 20)
        let stages: [(Stage, Date)] = [(.sql, Fixtures.daysAgo(19)), (.recycled, Fixtures.daysAgo(10))]
        let found = outlook(Fixtures.state(signals: [old], stages: stages), card(fit: 0, engagement: 0))
        let detail = try #require(found["trigger:quote-or-demo"])
        #expect(detail.contains("came before the lead re-entered the funnel on"))
        #expect(detail.contains("a new one would fire it"))
    }

    @Test func aRecycledLeadsThresholdNeedsASignalAfterItReEntered() throws {
        let stages: [(Stage, Date)] = [(.mql, Fixtures.daysAgo(30)), (.recycled, Fixtures.daysAgo(10))]
        let stale = Fixtures.state(signals: [Fixtures.signal(.replied, daysAgo: 31)], stages: stages)
        let detail = try #require(outlook(stale, card(fit: 30, engagement: 30))["threshold:mql"])
        #expect(detail.hasPrefix("met, but the lead re-entered the funnel on"))
        #expect(detail.hasSuffix("needs a signal after that"))
    }

    @Test func aSignalOlderThanTheTriggersWindowIsNamed() {
        let windowed = QualificationPolicy(
            thresholds: [], triggers: [.init(name: "demo", kinds: [.demoRequested], stage: .sql, withinDays: 7)])
        let demo = Fixtures.signal(.demoRequested, daysAgo: 10)
        let found = outlook(Fixtures.state(signals: [demo]), card(fit: 0, engagement: 0), policy: windowed)
        #expect(
            found["trigger:demo"]
                == "demo-requested on \(demo.occurredAt.formatted(.iso8601)) is older than the trigger's 7 days: history, not a live signal"
        )
    }

    @Test func aSignalDatedAfterNowDoesNotFire() {
        let future = Fixtures.signal(.demoRequested, daysAgo: -2)
        let found = outlook(Fixtures.state(signals: [future]), card(fit: 0, engagement: 0))
        #expect(
            found["trigger:quote-or-demo"]
                == "the only quote-requested or demo-requested signals are dated after now "
                + "(\(future.occurredAt.formatted(.iso8601)))")
    }

    @Test(arguments: [Stage.sql, .opportunity, .disqualified])
    func stagesQualificationNeverLeavesHaveNoFindings(stage: Stage) {
        let state = Fixtures.state(stages: [(stage, Fixtures.daysAgo(1))])
        #expect(
            policy.outlook(state: state, card: card(fit: 40, engagement: 90), graph: graph, now: Fixtures.now).isEmpty)
    }

    @Test func decayAheadIsToldWithItsDateFromTheScorer() throws {
        let scorer = RuleScorer(.standard)
        let state = Fixtures.state(signals: [Fixtures.signal(.replied, daysAgo: 10)])
        let findings = policy.outlook(state: state, scoredBy: scorer, graph: graph, now: Fixtures.now)
        let mql = try #require(findings.first { $0.rule == "threshold:mql" })
        let input = ScoringInput(state: state, now: Fixtures.now)
        let card = try #require(scorer.score(input))
        let review = try #require(scorer.nextReview(input, after: card))
        let later = try #require(scorer.score(ScoringInput(state: state, now: review)))
        #expect(later.total < card.total)
        #expect(mql.detail.hasPrefix("total "))
        let tail = try #require(mql.detail.components(separatedBy: "; decay takes the total to ").last)
        let parts = tail.components(separatedBy: " by ")
        #expect(parts.count == 2)
        #expect(abs((Double(parts[0]) ?? -1) - later.total) < 0.005)
        #expect(parts.last == review.formatted(.iso8601))
        #expect(!mql.isMet)
    }

    @Test func aMetThresholdIsNotToldAboutDecay() throws {
        let scorer = RuleScorer(.standard)
        let quote = Fixtures.signal(.quoteRequested, daysAgo: 1)
        let state = Fixtures.state(signals: [quote, Fixtures.signal(.meetingBooked, daysAgo: 1)])
        let findings = policy.outlook(state: state, scoredBy: scorer, graph: graph, now: Fixtures.now)
        let trigger = try #require(findings.first { $0.rule == "trigger:quote-or-demo" })
        #expect(trigger.isMet)
        for finding in findings where finding.isMet { #expect(!finding.detail.contains("decay takes")) }
    }

    @Test func anMQLIsOnlyAskedAboutTheMoveToSQL() {
        let state = Fixtures.state(stages: [(.mql, Fixtures.daysAgo(3))])
        let found = outlook(state, card(fit: 40, engagement: 20))
        #expect(found.keys.sorted() == ["trigger:quote-or-demo"])
    }
}
