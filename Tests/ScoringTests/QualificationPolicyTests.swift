import Foundation
import LeadModel
import Scoring
import Testing

struct QualificationPolicyTests {
    let policy = QualificationPolicy.standard
    let graph = StageGraph.standard

    private func card(fit: Double, engagement: Double) -> ScoreCard {
        ScoreCard(
            scorer: "rules", fit: fit, engagement: engagement,
            grade: GradeScale.standard.grade(fit: fit, engagement: engagement))
    }

    private func decide(_ state: LeadState, _ card: ScoreCard, policy: QualificationPolicy? = nil)
        -> QualificationDecision?
    {
        (policy ?? self.policy).decide(state: state, card: card, graph: graph, now: Fixtures.now)
    }

    @Test(arguments: [(49.99, false), (50, true), (80, true)])
    func mqlAtTheFloorOfFifty(total: Double, moves: Bool) {
        let decision = decide(Fixtures.state(), card(fit: 20, engagement: total - 20))
        #expect((decision?.to == .mql) == moves)
    }

    @Test func anotherTeamUsesEighty() {
        let strict = QualificationPolicy(thresholds: [.init(stage: .mql, minTotal: 80)])
        #expect(decide(Fixtures.state(), card(fit: 20, engagement: 40), policy: strict) == nil)
        #expect(decide(Fixtures.state(), card(fit: 40, engagement: 40), policy: strict)?.to == .mql)
    }

    @Test func thresholdReasonStatesTotalAgainstThreshold() throws {
        let decision = try #require(decide(Fixtures.state(), card(fit: 30, engagement: 25)))
        #expect(decision.from == .lead)
        #expect(
            decision.reasons.first
                == Reason(rule: "threshold:mql", detail: "total 55 ≥ 50 (fit 30, engagement 25, grade A2) [rules]"))
        #expect(decision.tier == "hot")
        #expect(decision.reasons.last == Reason(rule: "tier:hot", detail: "fit A in A/B, engagement 2 in 1/2"))
    }

    @Test func quoteRequestGoesStraightToSQLWhateverTheScore() throws {
        let quote = Fixtures.signal(.quoteRequested, daysAgo: 1)
        let decision = try #require(decide(Fixtures.state(signals: [quote]), card(fit: 0, engagement: 0)))
        #expect(decision.to == .sql)
        #expect(decision.tier == "hot")
        #expect(decision.trigger == "quote-or-demo")
        #expect(decision.triggerSignal == quote)
        #expect(decision.reasons.map(\.rule) == ["trigger:quote-or-demo", "tier:hot"])
    }

    @Test func triggerFromAnMQLMovesOnToSQL() {
        let state = Fixtures.state(
            signals: [Fixtures.signal(.demoRequested, daysAgo: 1)], stages: [(.mql, Fixtures.daysAgo(5))])
        #expect(decide(state, card(fit: 30, engagement: 60))?.to == .sql)
    }

    @Test func leadsAtSQLOrLaterAreNotRequalified() {
        let quote = Fixtures.signal(.quoteRequested, daysAgo: 1)
        for stages in [
            [(Stage.sql, Fixtures.daysAgo(3))],
            [(.sql, Fixtures.daysAgo(3)), (.opportunity, Fixtures.daysAgo(2))],
            [(.sql, Fixtures.daysAgo(3)), (.opportunity, Fixtures.daysAgo(2)), (.won, Fixtures.daysAgo(1))],
            [(.disqualified, Fixtures.daysAgo(2))],
        ] {
            #expect(decide(Fixtures.state(signals: [quote], stages: stages), card(fit: 40, engagement: 90)) == nil)
        }
    }

    @Test func mqlIsNotMovedToMQLAgain() {
        let state = Fixtures.state(stages: [(.mql, Fixtures.daysAgo(3))])
        #expect(decide(state, card(fit: 40, engagement: 90)) == nil)
    }

    @Test func triggerBeforeRecycleDoesNotFireAgainButANewOneDoes() throws {
        let old = Fixtures.signal(.quoteRequested, daysAgo: 20)
        let stages: [(Stage, Date)] = [(.sql, Fixtures.daysAgo(19)), (.recycled, Fixtures.daysAgo(10))]
        let recycled = Fixtures.state(signals: [old], stages: stages)
        #expect(decide(recycled, card(fit: 0, engagement: 0)) == nil)

        let fresh = Fixtures.signal(.demoRequested, daysAgo: 2)
        let again = Fixtures.state(signals: [old, fresh], stages: stages)
        let decision = try #require(decide(again, card(fit: 0, engagement: 0)))
        #expect(decision.from == .recycled)
        #expect(decision.to == .sql)
        #expect(decision.triggerSignal == fresh)
        #expect(decision.reasons.first?.detail.contains("after the lead re-entered the funnel") == true)
    }

    @Test func recycledLeadNeedsANewSignalBeforeItsScoreRequalifiesIt() {
        let stages: [(Stage, Date)] = [(.mql, Fixtures.daysAgo(30)), (.recycled, Fixtures.daysAgo(10))]
        let stale = Fixtures.state(signals: [Fixtures.signal(.replied, daysAgo: 31)], stages: stages)
        #expect(decide(stale, card(fit: 30, engagement: 30)) == nil)
        let active = Fixtures.state(
            signals: [Fixtures.signal(.replied, daysAgo: 31), Fixtures.signal(.replied, daysAgo: 1)], stages: stages)
        #expect(decide(active, card(fit: 30, engagement: 30))?.to == .mql)
    }

    @Test func onlyAllowedTransitionsAreUsed() {
        var graph = StageGraph.standard
        graph.transitions[.lead] = [.mql, .disqualified]
        let quote = Fixtures.signal(.quoteRequested, daysAgo: 1)
        let decision = policy.decide(
            state: Fixtures.state(signals: [quote]), card: card(fit: 30, engagement: 40), graph: graph,
            now: Fixtures.now)
        #expect(decision?.to == .mql)
        #expect(decision?.trigger == nil)
    }

    @Test func neverMovesBackwards() {
        var graph = StageGraph.standard
        graph.transitions[.sql, default: []].append(.mql)
        let policy = QualificationPolicy(
            thresholds: [.init(stage: .mql, minTotal: 50)], eligibleStages: [.lead, .mql, .sql])
        let state = Fixtures.state(stages: [(.sql, Fixtures.daysAgo(1))])
        #expect(
            policy.decide(state: state, card: card(fit: 30, engagement: 40), graph: graph, now: Fixtures.now) == nil)
    }

    @Test func signalsAfterNowDoNotTrigger() {
        let state = Fixtures.state(signals: [Fixtures.signal(.quoteRequested, daysAgo: -1)])
        #expect(decide(state, card(fit: 0, engagement: 0)) == nil)
    }

    @Test(arguments: [(30.0, 30.0, "hot"), (30, 20, "warm"), (10, 45, "warm"), (0, 50, "nurture")])
    func tierFollowsTheGrade(fit: Double, engagement: Double, tier: String) {
        #expect(decide(Fixtures.state(), card(fit: fit, engagement: engagement))?.tier == tier)
    }

    @Test func policyProblemsCarryTheirPaths() {
        let policy = QualificationPolicy(
            thresholds: [
                .init(stage: .mql, minTotal: 50), .init(stage: .sql, minTotal: 20), .init(stage: "hot", minTotal: 1),
            ],
            triggers: [.init(name: "", kinds: [], stage: .sql, withinDays: 0)],
            tiers: [.init(tier: "hot", fitGrades: ["E"], engagementGrades: [5])],
            eligibleStages: [.lead, .won])
        #expect(
            policy.problems(in: .standard).map(\.path) == [
                "thresholds[2].stage", "thresholds[1].minTotal", "triggers[0].name", "triggers[0].kinds",
                "triggers[0].withinDays", "tiers[0].fitGrades[0]", "tiers[0].engagementGrades[0]",
                "eligibleStages[1]",
            ])
        #expect(QualificationPolicy.standard.problems(in: .standard).isEmpty)
        #expect(QualificationPolicy.standard.problems().isEmpty)
    }

    @Test func policySurvivesAJSONRoundTrip() throws {
        let data = try JSONEncoder().encode(QualificationPolicy.standard)
        #expect(try JSONDecoder().decode(QualificationPolicy.self, from: data) == .standard)
        let minimal = try JSONDecoder().decode(
            QualificationPolicy.self, from: Data(#"{"thresholds": [{"stage": "mql", "minTotal": 80}]}"#.utf8))
        #expect(minimal.eligibleStages == [.lead, .mql, .recycled])
        #expect(minimal.rearmOn == [.recycled])
        #expect(minimal.defaultTier == "nurture")
    }
}
