import Foundation
import LeadModel
import Scoring
import Testing

@testable import Accord

struct JournalTrainingDataTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// Appends a lead captured at `start + offset` days with the given later events.
    static func add(
        _ store: InMemoryEventStore, _ id: LeadID, industry: String, offset: Double,
        _ later: [(days: Double, payload: LeadEvent.Payload)]
    ) async throws {
        let captured = start + offset * 86_400
        let lead = Lead(id: id, source: "webinar", attributes: ["industry": .string(industry), "employees": 250])
        var events = [
            LeadEvent(leadID: id, occurredAt: captured, actor: .system, payload: .captured(lead, stage: .lead))
        ]
        for item in later {
            events.append(
                LeadEvent(leadID: id, occurredAt: captured + item.days * 86_400, actor: .system, payload: item.payload))
        }
        _ = try await store.append(events, to: id)
    }

    static func signal(_ kind: SignalKind, _ days: Double) -> (Double, LeadEvent.Payload) {
        (days, .signalRecorded(Signal(kind: kind, occurredAt: start + days * 86_400)))
    }

    @Test func labelsLeadsByTheirOutcomeAndLeavesOpenOnesOut() async throws {
        let store = InMemoryEventStore()
        try await Self.add(
            store, "won", industry: "fintech", offset: 0,
            [Self.signal(.replied, 1), (2, .stageChanged(StageChange(from: .lead, to: .opportunity)))])
        try await Self.add(
            store, "lost", industry: "retail", offset: 1, [(3, .stageChanged(StageChange(from: .lead, to: .lost)))])
        try await Self.add(
            store, "rejected", industry: "retail", offset: 2,
            [(1, .dispositionRecorded(Disposition(outcome: .rejected, reasonCode: "wrong-persona")))])
        try await Self.add(
            store, "recycled", industry: "retail", offset: 3,
            [(1, .dispositionRecorded(Disposition(outcome: .recycled, reasonCode: "poor-timing")))])
        try await Self.add(store, "open", industry: "fintech", offset: 4, [Self.signal(.emailOpened, 1)])
        try await Self.add(
            store, "opportunity-then-lost", industry: "fintech", offset: 5,
            [
                (1, .stageChanged(StageChange(from: .lead, to: .opportunity))),
                (2, .stageChanged(StageChange(from: .opportunity, to: .lost))),
            ])
        let data = try await JournalTrainingData(store: store)
        #expect(data.leads == 6)
        #expect(data.undecided == 2)
        #expect(data.set.rows.map(\.origin) == ["won", "lost", "rejected", "opportunity-then-lost"])
        #expect(data.set.outcomes == [true, false, false, true])
        let names = data.set.columns.map(\.name)
        #expect(names == names.sorted())
        #expect(names.contains("attr.industry"))
        #expect(names.contains("count.replied"))
        let replied = names.firstIndex(of: "count.replied")!
        #expect(data.set.rows.map { $0.values[replied] } == [.number(1), .number(0), .number(0), .number(0)])
        #expect(data.set.columns.first { $0.name == "attr.industry" }?.kind == .categorical)
        #expect(data.set.columns.first { $0.name == "attr.employees" }?.kind == .numeric)
        #expect(data.set.rows[1].observedAt == Self.start + 86_400)
    }

    @Test func signalsAfterTheOutcomeAreNotFeatures() async throws {
        let store = InMemoryEventStore()
        try await Self.add(
            store, "L1", industry: "fintech", offset: 0,
            [
                Self.signal(.emailOpened, 1), (2, .stageChanged(StageChange(from: .lead, to: .won))),
                Self.signal(.emailOpened, 3), Self.signal(.emailOpened, 4),
            ])
        let data = try await JournalTrainingData(store: store)
        let opened = data.set.columns.firstIndex { $0.name == "count.email-opened" }!
        #expect(data.set.rows[0].values[opened] == .number(1))
        let recency = data.set.columns.firstIndex { $0.name == LeadFeatures.daysSinceLastSignal }!
        #expect(data.set.rows[0].values[recency] == .number(1))
    }

    @Test func aJournalWithoutOutcomesIsNoData() async throws {
        let store = InMemoryEventStore()
        try await Self.add(store, "L1", industry: "fintech", offset: 0, [Self.signal(.replied, 1)])
        do {
            _ = try await JournalTrainingData(store: store)
            Issue.record("expected an error")
        } catch let error as LearningError {
            #expect(error.code == .noData)
        }
        await #expect(throws: LearningError.self) { try await JournalTrainingData(store: InMemoryEventStore()) }
    }
}
