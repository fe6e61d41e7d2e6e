import Accord
import Foundation
import LeadModel
import Scoring
import Synchronization
import Testing

/// Decayed scores are rescored by a sweep that needs no new signal and costs what is due.
struct RescoringTests {
    static let person = Lead(
        id: "", email: "ana@acme.com", title: "Payroll Specialist", company: "Acme", source: "webinar",
        attributes: ["industry": "retail", "employees": 30, "country": "FR"])

    /// An engine on the standard playbook (30-day half-life) with one lead engaged 40 points.
    static func engagedLead(store: any EventStore = InMemoryEventStore(), clock: ManualClock) async throws
        -> (AlignmentEngine, LeadID)
    {
        let engine = try await makeEngine(store: store, clock: clock, playbook: .standard)
        _ = try await engine.record(Signal(kind: .replied, occurredAt: clock.now, idempotencyKey: "r"), from: person)
        let result = try await engine.record(
            Signal(kind: .webinarAttended, occurredAt: clock.now, idempotencyKey: "w"), from: person)
        return (engine, result.leadID)
    }

    @Test func aDecayedScoreIsRecordedWithoutANewSignal() async throws {
        let clock = ManualClock()
        let (engine, id) = try await Self.engagedLead(clock: clock)
        let before = try #require(await engine.state(of: id)?.score)
        #expect(before.engagement == 40)
        let due = try #require(await engine.nextRescoreDue())
        #expect(due > clock.now)

        clock.set(due - 60)
        #expect(try await engine.rescoreDue() == .init(reviewed: 0, eventsAppended: 0), "not due yet")

        clock.set(due)
        let sweep = try await engine.rescoreDue()
        #expect(sweep.reviewed == 1)
        #expect(sweep.eventsAppended == 1)
        let after = try #require(await engine.state(of: id)?.score)
        #expect(after.engagement <= 30, "40 points lose 10 by the first review")
        #expect(after.engagement < before.engagement)
        let kinds = try await engine.timeline(of: id).map(\.payload.kind)
        #expect(kinds.filter { $0 == "scored" }.count == 3)
        #expect(kinds.last == "scored")

        #expect(try await engine.rescoreDue().reviewed == 0, "nothing more is due at the same instant")
        #expect(try #require(await engine.nextRescoreDue()) > due)
    }

    @Test func aGradeChangeFollowsTheDecay() async throws {
        let clock = ManualClock()
        let (engine, id) = try await Self.engagedLead(clock: clock)
        let start = try #require(await engine.state(of: id)?.score?.grade)
        var sweeps = 0
        while let due = await engine.nextRescoreDue(), sweeps < 50 {
            clock.set(due)
            try await engine.rescoreDue()
            sweeps += 1
        }
        let end = try #require(await engine.state(of: id)?.score)
        #expect(end.grade != start)
        #expect(end.engagement < 10, "reviews continue until no boundary is left to cross")
        #expect(sweeps < 10, "reviews come at boundaries and 10-point losses, not every hour")
    }

    @Test func theFirstSweepAfterOpeningReviewsEveryScoredLeadOnce() async throws {
        let clock = ManualClock()
        let store = InMemoryEventStore()
        let (first, _) = try await Self.engagedLead(store: store, clock: clock)
        _ = try await first.capture(Lead(id: "", email: "unscored@initech.com"))
        let reopened = try await makeEngine(store: store, clock: clock, playbook: .standard)
        #expect(await reopened.nextRescoreDue() == nil)
        let sweep = try await reopened.rescoreDue()
        #expect(sweep.reviewed == 1, "the scored lead; the lead without a score has nothing to decay")
        #expect(sweep.eventsAppended == 0, "no time passed: the cards are unchanged")
        #expect(try await reopened.rescoreDue().reviewed == 0)
        #expect(await reopened.nextRescoreDue() != nil)
    }

    /// Engines sharing a journal (several service instances) each fold the others' cards; the
    /// one that sweeps reviews them too, though it never computed their review times.
    @Test func aCardScoredByAnotherEngineIsReviewedBySweepsOfThisOne() async throws {
        let clock = ManualClock()
        let store = InMemoryEventStore()
        let sweeper = try await makeEngine(store: store, clock: clock, playbook: .standard)
        #expect(try await sweeper.rescoreDue().reviewed == 0, "an empty journal: nothing to review")
        let (scorer, id) = try await Self.engagedLead(store: store, clock: clock)
        let due = try #require(await scorer.nextRescoreDue())

        try await sweeper.catchUp()
        #expect(await sweeper.nextRescoreDue() != nil, "the folded card is scheduled for review")
        #expect(try await sweeper.rescoreDue() == .init(reviewed: 1, eventsAppended: 0), "reviewed once, unchanged")
        #expect(await sweeper.nextRescoreDue() == due, "its review time, as the scoring engine computed it")

        clock.set(due)
        #expect(try await sweeper.rescoreDue() == .init(reviewed: 1, eventsAppended: 1))
        let decayed = try #require(await sweeper.state(of: id)?.score)
        #expect(decayed.engagement < 40)
        try await scorer.catchUp()
        #expect(await scorer.state(of: id)?.score == decayed)
    }

    @Test func anAccountScoreRollsUpItsContacts() async throws {
        let clock = ManualClock()
        let (engine, _) = try await Self.engagedLead(clock: clock)
        var colleague = Self.person
        colleague.email = "bo@acme.com"
        colleague.attributes["industry"] = "healthcare"
        _ = try await engine.record(
            Signal(kind: .replied, occurredAt: clock.now, idempotencyKey: "r2"), from: colleague)
        let score = try #require(await engine.accountScore("acme.com"))
        #expect(score.contacts.count == 2)
        #expect(score.engagement == 65)
        #expect(score.fit == score.contacts.map(\.fit).max())
        #expect(await engine.accountScore("unknown.com") == nil)
    }
}

extension RescoringTests {
    /// A host's scorer that wraps the rule scorer and notes, for each scoring the engine asks
    /// of it, whether it was handed a memo.
    struct MemoWatchingScorer: LeadScorer {
        final class Log: Sendable {
            let handed = Mutex<[Bool]>([])
        }

        let rules = RuleScorer(.standard)
        let log = Log()

        func score(_ input: ScoringInput) -> ScoreCard? { rules.score(input) }

        func scoreWithReview(_ input: ScoringInput, memo: inout (any ScoringMemo)?) -> (card: ScoreCard, review: Date?)?
        {
            log.handed.withLock { $0.append(memo != nil) }
            return rules.scoreWithReview(input, memo: &memo)
        }
    }

    /// An engine scoring with a ``MemoWatchingScorer``, and a lead that replied at `clock.now`.
    static func repliedLead(clock: ManualClock) async throws -> (AlignmentEngine, MemoWatchingScorer, LeadID) {
        let scorer = MemoWatchingScorer()
        let engine = try await makeEngine(clock: clock, playbook: .standard, scorer: scorer)
        let result = try await engine.record(
            Signal(kind: .replied, occurredAt: clock.now, idempotencyKey: "r"), from: Self.person)
        return (engine, scorer, result.leadID)
    }

    /// The engine keeps the memo its scoring left beside the lead (not on the card), and hands
    /// it back at the lead's review, so that the sweep rescores without reading the lead's
    /// fields and signals again.
    @Test func theEngineHandsTheScorerItsMemoAtTheReview() async throws {
        let clock = ManualClock()
        let (engine, scorer, id) = try await Self.repliedLead(clock: clock)
        #expect(scorer.log.handed.withLock { $0 } == [false], "a first scoring has no memo")
        clock.set(try #require(await engine.nextRescoreDue()))
        #expect(try await engine.rescoreDue().reviewed == 1)
        #expect(scorer.log.handed.withLock { $0 } == [false, true])
        #expect(try #require(await engine.state(of: id)?.score).engagement < 25)
    }

    /// An erased lead's memo, which holds its fields, is dropped with its review.
    @Test func anErasedLeadIsNotReviewedAgain() async throws {
        let clock = ManualClock()
        let (engine, scorer, id) = try await Self.repliedLead(clock: clock)
        let due = try #require(await engine.nextRescoreDue())
        try await engine.erase(id, requestedBy: "privacy@example.com")
        #expect(await engine.nextRescoreDue() == nil)
        clock.set(due)
        #expect(try await engine.rescoreDue().reviewed == 0)
        #expect(scorer.log.handed.withLock { $0 } == [false])
    }
}
