import Accord
import Feedback
import Foundation
import LeadModel
import Testing

/// Recycled leads come back to sales when their re-qualify trigger fires.
struct RecyclingTests {
    static let day: TimeInterval = 86_400

    @discardableResult
    static func recycle(
        _ engine: AlignmentEngine, _ id: LeadID, trigger: RequalifyTrigger? = nil
    ) async throws -> LeadState {
        try await engine.recordDisposition(
            Disposition(outcome: .recycled, reasonCode: "poor-timing", requalify: trigger), on: id,
            by: .person("rep-1"))
    }

    @Test func aRecycleMovesToNurtureWithTheDefaultTrigger() async throws {
        let clock = TestClock()
        let engine = try await makeEngine(clock: clock, router: FixedRouter())
        let id = try await FeedbackEngineTests.handedOff(engine)
        let state = try await Self.recycle(engine, id)
        #expect(state.stage == .recycled)
        #expect(state.feedback.recycles == 1)
        #expect(
            state.disposition?.requalify
                == RequalifyTrigger(
                    signalKinds: [.demoRequested, .quoteRequested, .meetingBooked], on: clock.now + 90 * Self.day))
        let events = try await engine.timeline(of: id).suffix(2)
        #expect(events.map(\.payload.kind) == ["disposition-recorded", "stage-changed"])
        #expect(
            events.first?.reasons.contains { $0.rule == "requalify" && $0.detail.contains("recycle 1 of at most 3") }
                == true)
    }

    @Test func aNewHighIntentSignalHandsTheLeadOffAgainWithItsHistory() async throws {
        let clock = TestClock()
        let engine = try await makeEngine(clock: clock, router: FixedRouter(), sla: FiveMinuteSLA())
        let id = try await FeedbackEngineTests.handedOff(engine)
        try await engine.recordTouch(Touch(channel: .call, by: "rep-1", connected: true), on: id)
        try await Self.recycle(engine, id, trigger: RequalifyTrigger(signalKinds: [.pricingPageVisited]))
        clock.advance(3_600)
        // Another kind does not fire; the listed kind does.
        try await engine.record(Signal(kind: .emailOpened, occurredAt: clock.now), for: id)
        #expect(await engine.state(of: id)?.stage == .recycled)
        let result = try await engine.record(Signal(kind: .pricingPageVisited, occurredAt: clock.now), for: id)
        #expect(result.state.stage == .sql)
        #expect(result.state.feedback.requalifications == 1)
        #expect(result.state.owner == .rep("rep-1"))
        #expect(result.state.openClocks.count == 1)
        let events = try await engine.timeline(of: id)
        let requalified = try #require(events.first { $0.payload.kind == "requalified" })
        #expect(requalified.reasons.first?.rule == "requalify:signal")
        let move = try #require(events.last { $0.payload.kind == "stage-changed" })
        #expect(
            move.reasons.contains {
                $0.rule == "history" && $0.detail.hasPrefix("recycled 1 time, last for 'poor-timing'")
            })
    }

    @Test func aSignalFromBeforeTheRecycleDoesNotFire() async throws {
        let clock = TestClock()
        let engine = try await makeEngine(clock: clock)
        let id = try await FeedbackEngineTests.handedOff(engine)
        try await engine.record(Signal(kind: .demoRequested, occurredAt: clock.now - 60), for: id)
        try await Self.recycle(engine, id, trigger: RequalifyTrigger(signalKinds: [.demoRequested]))
        clock.advance(60)
        try await engine.record(Signal(kind: .demoRequested, occurredAt: clock.now - 3_600), for: id)
        #expect(try await engine.requalifyRecycled() == 0)
        #expect(await engine.state(of: id)?.stage == .recycled)
    }

    @Test func aFreshScoreAtTheThresholdFires() async throws {
        let clock = TestClock()
        let engine = try await makeEngine(clock: clock, scorer: CountingScorer())
        let id = try await FeedbackEngineTests.handedOff(engine)
        try await engine.record(Signal(kind: .emailOpened, occurredAt: clock.now), for: id)
        try await engine.record(Signal(kind: .emailOpened, occurredAt: clock.now), for: id)
        // Score 20 already; the trigger needs 40 from a card recorded after the recycle.
        try await Self.recycle(engine, id, trigger: RequalifyTrigger(scoreAtLeast: 40))
        clock.advance(10)
        try await engine.record(Signal(kind: .emailOpened, occurredAt: clock.now), for: id)
        #expect(await engine.state(of: id)?.stage == .recycled)
        let result = try await engine.record(Signal(kind: .emailOpened, occurredAt: clock.now), for: id)
        #expect(result.state.stage == .sql)
        let requalified = try await engine.timeline(of: id).first { $0.payload.kind == "requalified" }
        #expect(
            requalified?.payload
                == .requalified(Requalification(trigger: "score", detail: "score 40 ≥ 40", recycles: 1)))
    }

    @Test func theDateFiresOnTickEvenAfterARestart() async throws {
        let clock = TestClock()
        let store = InMemoryEventStore()
        let engine = try await makeEngine(store: store, clock: clock, router: FixedRouter())
        let id = try await FeedbackEngineTests.handedOff(engine)
        try await Self.recycle(engine, id, trigger: RequalifyTrigger(on: clock.now + 7 * Self.day))
        clock.advance(7 * Self.day - 1)
        #expect(try await engine.tick() == 0)
        clock.advance(1)
        let restarted = try await makeEngine(store: store, clock: clock, router: FixedRouter())
        #expect(try await restarted.tick() == 4)  // requalified, stage-changed, assigned, the rep's turn claim
        let state = try #require(await restarted.state(of: id))
        #expect(state.stage == .sql)
        #expect(try await restarted.tick() == 0)
    }

    @Test func theRecycleCapIsEnforced() async throws {
        var playbook = Playbook.unscored
        playbook.feedback.maxRecycles = 1
        let clock = TestClock()
        let engine = try await makeEngine(clock: clock, playbook: playbook)
        let id = try await FeedbackEngineTests.handedOff(engine)
        try await Self.recycle(engine, id, trigger: RequalifyTrigger(on: clock.now + 1))
        clock.advance(2)
        try await engine.tick()
        #expect(await engine.state(of: id)?.stage == .sql)
        let error = await FeedbackEngineTests.feedbackError(.recycleLimitReached) {
            _ = try await Self.recycle(engine, id)
        }
        #expect(error?.message.contains("feedback.maxRecycles") == true)
    }

    @Test func aRecycleTheGraphForbidsIsRefused() async throws {
        let engine = try await makeEngine()
        let id = try await FeedbackEngineTests.handedOff(engine)
        try await engine.changeStage(of: id, to: .opportunity, by: .system)
        await #expect(throws: LeadModelError.self) { _ = try await Self.recycle(engine, id) }
    }

    @Test func qualificationTriggersReArmAfterARecycle() async throws {
        // The standard qualification sends a quote request straight to SQL once per funnel
        // cycle; after a recycle, a new quote request fires again.
        let clock = TestClock()
        var playbook = Playbook.standard
        playbook.feedback.requalify = nil
        let engine = try await makeEngine(clock: clock, playbook: playbook, router: FixedRouter())
        let first = try await engine.record(
            Signal(kind: .quoteRequested, occurredAt: clock.now), from: FeedbackEngineTests.person)
        #expect(first.state.stage == .sql)
        let recycled = try await Self.recycle(engine, first.leadID)
        #expect(recycled.disposition?.requalify == nil)
        #expect(recycled.stage == .recycled)
        clock.advance(60)
        let again = try await engine.record(Signal(kind: .quoteRequested, occurredAt: clock.now), for: first.leadID)
        #expect(again.state.stage == .sql)
        #expect(again.state.owner == .rep("rep-1"))
    }
}

struct RecyclingSnapshotTests {
    @Test func aWaitingRecycleSurvivesASnapshotAndFiresAfterReopening() async throws {
        let store = InMemoryEventStore()
        let clock = TestClock()
        let engine = try await makeEngine(store: store, clock: clock, router: FixedRouter())
        let id = try await FeedbackEngineTests.handedOff(engine)
        try await RecyclingTests.recycle(engine, id, trigger: RequalifyTrigger(on: clock.now + 86_400))
        #expect(try await engine.saveSnapshot())
        clock.advance(86_400)
        let reopened = try await makeEngine(store: store, clock: clock, router: FixedRouter())
        guard case .loaded = await reopened.snapshotStatus else {
            Issue.record("the snapshot was not loaded")
            return
        }
        #expect(await reopened.state(of: id)?.feedback.recycles == 1)
        #expect(try await reopened.tick() == 4)  // requalified, stage-changed, assigned, the rep's turn claim
        #expect(await reopened.state(of: id)?.stage == .sql)
    }
}

struct FeedbackSendableTests {
    @Test func feedbackValuesCrossTasks() async throws {
        let facts = FeedbackFacts()
        let policy = FeedbackPolicy.standard
        let trigger = RequalifyTrigger(signalKinds: [.demoRequested])
        let backlog = ImprovementBacklog()
        let error = FeedbackError(.ruleRequired, leadID: "L", allowedCodes: ["role"], message: "m")
        let result = await Task.detached {
            (facts.all.count, policy.maxRecycles, trigger.isEmpty, backlog.items.count, error.allowedCodes)
        }.value
        #expect(result.0 == 0 && result.1 == 3 && !result.2 && result.3 == 0 && result.4 == ["role"])
    }
}
