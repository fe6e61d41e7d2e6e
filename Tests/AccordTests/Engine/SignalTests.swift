import Accord
import Foundation
import LeadModel
import Scoring
import Testing

struct SignalTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func signalFromUnknownPersonCapturesThemAndScores() async throws {
        let engine = try await makeEngine(scorer: CountingScorer())
        let result = try await engine.record(
            Signal(kind: .quoteRequested, occurredAt: t0, idempotencyKey: "form-1"),
            from: Lead(id: "", email: "ana@acme.com"))
        #expect(!result.isDuplicate)
        #expect(result.state.signals.count == 1)
        #expect(result.state.score?.engagement == 10)
        #expect(result.position == JournalPosition(2))
    }

    @Test func duplicateDeliveryIsRecordedOnce() async throws {
        let engine = try await makeEngine(scorer: CountingScorer())
        let person = Lead(id: "", email: "ana@acme.com")
        let signal = Signal(kind: .webinarAttended, occurredAt: t0, idempotencyKey: "zoom-991")
        let first = try await engine.record(signal, from: person)
        let second = try await engine.record(signal, from: person)
        #expect(second.isDuplicate)
        #expect(second.position == first.position)
        #expect(second.state.signals.count == 1)
        #expect(second.state.version == first.state.version)
    }

    @Test func batchResolvesRowsInOrderAndCountsOutcomes() async throws {
        let engine = try await makeEngine(scorer: CountingScorer())
        let items: [IngestItem] = [
            .lead(Lead(id: "", email: "ana@acme.com", source: "webinar")),
            .signal(
                Signal(kind: .emailOpened, occurredAt: t0, idempotencyKey: "e1"),
                person: Lead(id: "", email: "ANA@acme.com")),
            .signal(
                Signal(kind: .emailOpened, occurredAt: t0, idempotencyKey: "e1"),
                person: Lead(id: "", email: "ana@acme.com")),
            .signal(
                Signal(kind: .replied, occurredAt: t0, idempotencyKey: "e2"), person: Lead(id: "", email: "bo@beta.io")),
        ]
        let summary = try await engine.ingest(items)
        #expect(summary.created == 2)
        #expect(summary.matched == 0)
        #expect(summary.signalsRecorded == 2)
        #expect(summary.duplicateSignals == 1)
        #expect(await engine.leadCount == 2)
        let ana = try #require(await engine.lookUp(Lead(id: "", email: "ana@acme.com")))
        #expect(await engine.state(of: ana)?.score?.engagement == 10)
    }

    @Test func emptyBatchDoesNothing() async throws {
        let engine = try await makeEngine()
        let summary = try await engine.ingest([])
        #expect(summary == IngestSummary())
        #expect(await engine.journalPosition == nil)
    }

    @Test func unchangedScoreIsNotRecordedAgain() async throws {
        struct ConstantScorer: LeadScorerDouble {}
        let engine = try await makeEngine(scorer: ConstantScorer())
        let person = Lead(id: "", email: "ana@acme.com")
        _ = try await engine.record(Signal(kind: .emailOpened, occurredAt: t0), from: person)
        let second = try await engine.record(Signal(kind: .emailOpened, occurredAt: t0 + 1), from: person)
        let kinds = try await engine.timeline(of: second.leadID).map(\.payload.kind)
        #expect(kinds == ["captured", "signal-recorded", "scored", "signal-recorded"])
    }
}

protocol LeadScorerDouble: LeadScorer {}
extension LeadScorerDouble {
    func score(_ input: ScoringInput) -> ScoreCard? {
        ScoreCard(scorer: "constant", fit: 5, engagement: 5)
    }
}
