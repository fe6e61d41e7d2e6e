import Foundation
import LeadModel
import Scoring
import Testing

/// The engine's scoring (`scoreWithReview(_:memo:)`) leaves a memo of what the rules found in
/// the lead's facts, which the engine keeps beside the lead; rescoring the same facts later
/// reuses it. A rescoring from the memo gives exactly what scoring from scratch gives, and a
/// memo is never used for other facts.
struct RescoringMemoTests {
    /// Fit rules on fields and attributes, a profile, a target-account list, and engagement
    /// rules with windows, conditions, caps, counts, step-free half-life decay and no decay.
    static let rules: ScoringRules = {
        var rules = ScoringRules.standard
        rules.fit.append(FitRule("angle", field: .messageAngle, ValueCondition(contains: ["roi"]), points: 3))
        rules.fit.append(FitRule("known-country", field: "country", .present, points: 2, axis: .engagement))
        rules.targetAccounts = [TargetAccountList("q4", accounts: ["company3.com"], points: 7)]
        rules.engagement += [
            EngagementRule(
                "opens", kinds: [.emailOpened], withinDays: 60, points: 1.5, per: .occurrence, cap: 6),
            EngagementRule(
                "blog", kinds: [.linkClicked], where: [PropertyCondition(property: "url", .contains("/blog/"))],
                points: 2, per: .occurrence),
            EngagementRule("busy-week", kinds: [.emailOpened, .linkClicked], atLeast: 3, withinDays: 7, points: 8),
        ]
        return rules
    }()

    static let kinds: [SignalKind] = [
        .emailOpened, .emailOpened, .linkClicked, .pricingPageVisited, .replied, .webinarAttended,
        .contentDownloaded, .demoRequested, .unsubscribed, "custom-kind",
    ]

    /// Lead `index` of a deterministic, varied set: fields, attributes, and 0–14 signals over
    /// the 90 days before ``Fixtures/now``, some dated after it.
    static func events(_ index: Int) -> [LeadEvent] {
        var seed = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let id = LeadID("memo-\(index)")
        let lead = Lead(
            id: id, email: "p\(index)@company\(index % 5).com",
            title: ["VP Finance", "Student", "Payroll Specialist", "CFO"][next(4)],
            messageAngle: next(2) == 0 ? "ROI calculator" : nil,
            attributes: [
                "industry": .string(["fintech", "retail", "software"][next(3)]),
                "employees": .number(Double(next(3_000))), "country": .string(["US", "DE"][next(2)]),
            ])
        let captured = Fixtures.daysAgo(90)
        var events = [
            LeadEvent(leadID: id, occurredAt: captured, actor: .system, payload: .captured(lead, stage: .lead))
        ]
        for _ in 0..<next(15) {
            let kind = kinds[next(kinds.count)]
            let at = captured + Double(next(95 * 86_400))
            let url: AttributeValue = ["/blog/a", "/pricing", "/docs"][next(3)]
            let signal = Signal(kind: kind, occurredAt: at, properties: kind == .linkClicked ? ["url": url] : [:])
            events.append(LeadEvent(leadID: id, occurredAt: at, actor: .system, payload: .signalRecorded(signal)))
        }
        return events
    }

    /// The state with the card `scorer` gave it at `time` applied, as the engine keeps it, and
    /// the memo that scoring left.
    static func scored(_ state: LeadState, by scorer: RuleScorer, at time: Date) -> (LeadState, (any ScoringMemo)?) {
        var state = state
        var memo: (any ScoringMemo)?
        let card = scorer.scoreWithReview(ScoringInput(state: state, now: time), memo: &memo)!.card
        state.apply(LeadEvent(leadID: state.id, occurredAt: time, actor: .system, payload: .scored(card)))
        return (state, memo)
    }

    @Test(arguments: [0.0, 0.5, 3, 12.25, 45, 200])
    func rescoringFromTheMemoGivesWhatScoringFromScratchGives(daysLater: Double) throws {
        let scorer = RuleScorer(Self.rules)
        let later = Fixtures.now + daysLater * Fixtures.day
        var reused = 0
        for index in 0..<200 {
            let fresh = try #require(LeadState.fold(Self.events(index)))
            let (kept, left) = Self.scored(fresh, by: scorer, at: Fixtures.now)
            var memo = left
            if memo != nil { reused += 1 }
            // A state with the same facts and no memo: scored from scratch.
            let scratch = try #require(scorer.scoreWithReview(ScoringInput(state: fresh, now: later)))
            let rescored = try #require(scorer.scoreWithReview(ScoringInput(state: kept, now: later), memo: &memo))
            #expect(rescored.card == scratch.card, "lead \(index)")
            #expect(rescored.card.contributions.map(\.evidence) == scratch.card.contributions.map(\.evidence))
            #expect(rescored.review == scratch.review, "lead \(index)")
            #expect((memo != nil) == (scratch.review != nil), "lead \(index)")
        }
        #expect(reused > 100)
    }

    @Test func aNewSignalOrChangedFieldIsReadAgain() throws {
        let scorer = RuleScorer(Self.rules)
        let (state, memo) = Self.scored(try #require(LeadState.fold(Self.events(7))), by: scorer, at: Fixtures.now)
        #expect(memo != nil)
        var withSignal = state
        withSignal.apply(
            LeadEvent(
                leadID: state.id, occurredAt: Fixtures.now, actor: .system,
                payload: .signalRecorded(Signal(kind: .quoteRequested, occurredAt: Fixtures.now))))
        var withField = state
        withField.apply(
            LeadEvent(
                leadID: state.id, occurredAt: Fixtures.now, actor: .system,
                payload: .fieldsChanged(FieldChanges([LeadField("industry"): "healthcare", .title: "Head of People"]))))
        for changed in [withSignal, withField] {
            var given = memo
            let input = ScoringInput(state: changed, now: Fixtures.now)
            let card = try #require(scorer.scoreWithReview(input, memo: &given)).card
            #expect(card != state.score)
            #expect(given !== memo)
            let unscored = try #require(LeadState.fold(Self.events(7) + [changedEvent(changed)]))
            #expect(card == scorer.score(ScoringInput(state: unscored, now: Fixtures.now)))
        }
        let signalCard = try #require(scorer.score(ScoringInput(state: withSignal, now: Fixtures.now)))
        #expect(signalCard.contributions.contains { $0.rule == "requested-quote" })
        let fieldCard = try #require(scorer.score(ScoringInput(state: withField, now: Fixtures.now)))
        #expect(
            fieldCard.contributions.contains {
                $0.evidence == "industry healthcare one of healthcare, fintech, software"
            })
    }

    /// The event `state` got after its card: its last signal or its fields.
    private func changedEvent(_ state: LeadState) -> LeadEvent {
        if state.signals.last?.kind == .quoteRequested {
            return LeadEvent(
                leadID: state.id, occurredAt: Fixtures.now, actor: .system,
                payload: .signalRecorded(Signal(kind: .quoteRequested, occurredAt: Fixtures.now)))
        }
        return LeadEvent(
            leadID: state.id, occurredAt: Fixtures.now, actor: .system,
            payload: .fieldsChanged(FieldChanges([LeadField("industry"): "healthcare", .title: "Head of People"])))
    }

    /// A card that shows the same points and evidence a day later is the same card, so the
    /// engine records no new one, though what the rules saw (the signal's age) moved on.
    @Test func aCardThatTimeDidNotChangeIsEqual() throws {
        let scorer = RuleScorer(Self.rules)
        let state = Fixtures.state(signals: [Fixtures.signal(.unsubscribed, daysAgo: 3)])
        let (kept, left) = Self.scored(state, by: scorer, at: Fixtures.now)
        var memo = left
        let input = ScoringInput(state: kept, now: Fixtures.now + Fixtures.day)
        let later = try #require(scorer.scoreWithReview(input, memo: &memo))
        #expect(later.card == kept.score)
        #expect(later.card.contributions.map(\.evidence) == ["1 unsubscribe"])
    }

    /// Memos cost memory, so only cards that time will change leave one, and a memo given back
    /// for a card that time no longer changes is dropped.
    @Test func onlyACardTimeWillChangeLeavesAMemo() throws {
        let scorer = RuleScorer(Self.rules)
        let decaying = Fixtures.state(signals: [Fixtures.signal(.replied, daysAgo: 3)])
        let lasting = Fixtures.state(signals: [Fixtures.signal(.unsubscribed, daysAgo: 3)])
        var memo: (any ScoringMemo)?
        let engine = try #require(scorer.scoreWithReview(ScoringInput(state: decaying, now: Fixtures.now), memo: &memo))
        #expect(engine.review != nil)
        #expect(memo != nil)
        let unchanging = try #require(
            scorer.scoreWithReview(ScoringInput(state: lasting, now: Fixtures.now), memo: &memo))
        #expect(unchanging.review == nil)
        #expect(memo == nil)
    }

    /// A memo is shared by every task that holds it: rescoring with it at once gives each task
    /// the same card.
    @Test func tasksRescoringOneLeadAtOnceAgree() async throws {
        let scorer = RuleScorer(Self.rules)
        let (kept, memo) = Self.scored(try #require(LeadState.fold(Self.events(5))), by: scorer, at: Fixtures.now)
        let later = Fixtures.now + 3 * Fixtures.day
        let expected = scorer.scoreWithReview(ScoringInput(state: kept, now: later))?.card
        let cards = await withTaskGroup(of: ScoreCard?.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var mine = memo
                    return scorer.scoreWithReview(ScoringInput(state: kept, now: later), memo: &mine)?.card
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(memo != nil)
        #expect(cards.count == 8)
        #expect(cards.allSatisfy { $0 == expected })
    }

    @Test func anotherScorersMemoIsNotUsed() throws {
        let first = RuleScorer(Self.rules)
        var other = Self.rules
        other.engagement.removeAll { $0.name == "opens" }
        other.fit.removeAll { $0.name == "icp-country" }
        let second = RuleScorer(other)
        for index in 0..<50 {
            let fresh = try #require(LeadState.fold(Self.events(index)))
            let (kept, left) = Self.scored(fresh, by: first, at: Fixtures.now)
            var memo = left
            #expect(
                second.scoreWithReview(ScoringInput(state: kept, now: Fixtures.now), memo: &memo)?.card
                    == second.scoreWithReview(ScoringInput(state: fresh, now: Fixtures.now))?.card)
        }
    }

    /// A scorer that does not reuse memos gets the protocol's default: a memo it is given is
    /// dropped, whoever left it, and its own card comes back.
    @Test func aScorerWithoutMemosDropsTheOneItIsGiven() throws {
        struct TitleScorer: LeadScorer {
            func score(_ input: ScoringInput) -> ScoreCard? {
                ScoreCard(scorer: "title", fit: input.state.lead.title == nil ? 0 : 5, engagement: 0)
            }
        }
        let (kept, rulesMemo) = Self.scored(
            Fixtures.state(signals: [Fixtures.signal(.replied, daysAgo: 3)]), by: RuleScorer(Self.rules),
            at: Fixtures.now)
        var memo = rulesMemo
        #expect(memo != nil)
        let result = try #require(
            TitleScorer().scoreWithReview(ScoringInput(state: kept, now: Fixtures.now), memo: &memo))
        #expect(result.card.scorer == "title")
        #expect(result.review == nil)
        #expect(memo == nil)
    }

    @Test func anErasedLeadIsReadAgain() throws {
        let scorer = RuleScorer(Self.rules)
        let erasure = LeadEvent(
            leadID: "memo-11", occurredAt: Fixtures.now, actor: .system,
            payload: .erased(Erasure(requestedBy: "privacy@example.com")))
        let (kept, left) = Self.scored(try #require(LeadState.fold(Self.events(11))), by: scorer, at: Fixtures.now)
        var state = kept
        var memo = left
        state.apply(erasure)
        let fresh = try #require(LeadState.fold(Self.events(11) + [erasure]))
        #expect(
            scorer.scoreWithReview(ScoringInput(state: state, now: Fixtures.now), memo: &memo)?.card
                == scorer.scoreWithReview(ScoringInput(state: fresh, now: Fixtures.now))?.card)
    }
}
