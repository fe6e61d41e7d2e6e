import Accord
import Foundation
import LeadModel
import SLA
import Scoring
import Testing

/// The default playbook's scoring and qualification, run by the engine.
struct QualificationTests {
    let fit = Lead(
        id: "", email: "ana@acme.com", title: "VP Finance", company: "Acme", source: "webinar",
        attributes: ["industry": "healthcare", "employees": 450, "country": "US"])

    @Test func quoteRequestGoesStraightToSQLWithTheTierRoutedAndClocked() async throws {
        let clock = ManualClock()
        let engine = try await makeEngine(
            clock: clock, playbook: .standard, router: FixedRouter(), sla: FiveMinuteSLA())
        let result = try await engine.record(
            Signal(kind: .quoteRequested, occurredAt: clock.now, idempotencyKey: "q-1"), from: fit)
        #expect(result.state.stage == .sql)
        #expect(result.state.lead.attributes[AlignmentEngine.tierAttribute] == "hot")
        #expect(result.state.owner == .rep("rep-1"))
        #expect(result.state.openClocks.count == 1)
        let events = try await engine.timeline(of: result.leadID)
        #expect(
            events.map(\.payload.kind) == [
                "captured", "signal-recorded", "scored", "fields-changed", "stage-changed", "assigned", "sla-started",
            ])
        let move = try #require(events.first { $0.payload.kind == "stage-changed" })
        #expect(move.reasons.contains { $0.rule.hasPrefix("trigger") })
        #expect(move.reasons.contains { $0.rule == "rules" && $0.detail.hasPrefix("score ") })
        #expect(move.reasons.contains { $0.rule == "gate:sql" })
        #expect(move.playbookVersion == "1")
    }

    @Test func enoughEngagementMakesAnMQLAndNotMore() async throws {
        let clock = ManualClock()
        let engine = try await makeEngine(clock: clock, playbook: .standard)
        var last: SignalResult?
        for (index, kind) in [SignalKind.webinarAttended, .replied, .emailOpened].enumerated() {
            last = try await engine.record(
                Signal(kind: kind, occurredAt: clock.now, idempotencyKey: "s-\(index)"), from: fit)
        }
        let state = try #require(last?.state)
        #expect((state.score?.total ?? 0) >= 50)
        #expect(state.stage == .mql)
        #expect(state.stageHistory.map(\.stage) == [.lead, .mql])
        let again = try await engine.record(Signal(kind: .emailOpened, occurredAt: clock.now), from: fit)
        #expect(again.state.stageHistory.count == 2)
    }

    @Test func aGateStopsTheMoveAndSaysWhichFieldsAreMissing() async throws {
        let collector = NotificationSinkTests.Collector()
        let engine = try await AlignmentEngine(
            playbook: .standard, store: InMemoryEventStore(), configuration: EngineConfiguration(sinks: [collector]))
        var incomplete = fit
        incomplete.company = nil
        let result = try await engine.record(Signal(kind: .demoRequested, occurredAt: .now), from: incomplete)
        #expect(result.state.stage == .lead)
        #expect(await collector.received.last == .qualificationBlocked(result.leadID, to: .sql, missing: [.company]))
    }

    @Test func aPluggedInScorerReplacesThePlaybookRules() async throws {
        let engine = try await makeEngine(playbook: .standard, scorer: CountingScorer())
        let result = try await engine.record(Signal(kind: .emailOpened, occurredAt: .now), from: fit)
        #expect(result.state.score?.scorer == "counting")
    }

    @Test func invalidScoringRulesAreReportedByJSONPath() {
        var playbook = Playbook.standard
        playbook.qualification?.thresholds = [QualificationPolicy.Threshold(stage: "nowhere", minTotal: 50)]
        #expect(playbook.validate().contains { $0.path.hasPrefix("$.qualification.thresholds[0]") })
    }
}

struct PlaybookSLATests {
    @Test func theDefaultTiersStartAFifteenMinuteClockForAHotHandoff() async throws {
        let clock = ManualClock()
        let engine = try await makeEngine(clock: clock, playbook: .standard, router: FixedRouter())
        let person = Lead(
            id: "", email: "ana@acme.com", company: "Acme", source: "website",
            attributes: ["industry": "healthcare", "employees": 450, "country": "US"])
        let result = try await engine.record(Signal(kind: .demoRequested, occurredAt: clock.now), from: person)
        let started = try #require(result.state.openClocks.values.first { !$0.id.isDisposition })
        #expect(started.tier == "hot")
        #expect(started.deadline == clock.now + 15 * 60)
        let disposition = try #require(result.state.openClocks[started.id.dispositionClockID])
        #expect(disposition.warnAt == nil)
        #expect(disposition.deadline > started.deadline, "16 business hours to accept, reject or recycle")
        #expect(started.owner == .rep("rep-1"))
        let event = try #require(
            try await engine.timeline(of: result.leadID).first { $0.payload.kind == "sla-started" })
        #expect(event.reasons.contains { $0.rule.hasPrefix("sla-tier") })
    }

    @Test func invalidTiersAreReportedByJSONPath() {
        var playbook = Playbook.standard
        playbook.sla?.defaultCalendar = "mars"
        #expect(playbook.validate().contains { $0.path.hasPrefix("$.sla.") })
    }
}
