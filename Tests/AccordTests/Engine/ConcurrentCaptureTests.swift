import Accord
import Foundation
import LeadModel
import Testing

/// Captures of different new people that reach the engine while another capture's append is
/// still on its way to the store each get an id of their own: none waits for a conflict and a
/// retry, so they do not fail however many arrive at once.
struct ConcurrentCaptureTests {
    /// A journal whose appends take a while, as a durable store's do, so that commands planned
    /// meanwhile overlap.
    actor SlowStore: EventStore {
        let inner = InMemoryEventStore()
        nonisolated var durability: Durability { .memory }

        func append(_ requests: [AppendRequest]) async throws -> [AppendResult] {
            try await Task.sleep(nanoseconds: 5_000_000)
            return try await inner.append(requests)
        }

        func read(from position: JournalPosition, limit: Int) async throws -> [LeadEvent] {
            await inner.read(from: position, limit: limit)
        }

        func events(forLead id: LeadID) async throws -> [LeadEvent] {
            await inner.events(forLead: id)
        }

        func erase(lead id: LeadID, recording erasure: LeadEvent) async throws -> LeadEvent {
            try await inner.erase(lead: id, recording: erasure)
        }
    }

    static func email(_ person: Int) -> String { "person\(person)@company\(person).com" }

    @Test func overlappingCapturesOfNewPeopleGetIDsOfTheirOwn() async throws {
        let store = SlowStore()
        let configuration = EngineConfiguration(now: { Date(timeIntervalSince1970: 1_800_000_000) }, conflictRetries: 0)
        let engine = try await AlignmentEngine(playbook: .unscored, store: store, configuration: configuration)
        let ids = try await withThrowingTaskGroup(of: (Int, LeadID).self) { group in
            for person in 0..<24 {
                group.addTask {
                    (person, try await engine.capture(Lead(id: "", email: Self.email(person))).leadID)
                }
            }
            return try await group.reduce(into: [Int: LeadID]()) { $0[$1.0] = $1.1 }
        }
        #expect(Set(ids.values).count == 24)
        let reopened = try await AlignmentEngine(playbook: .unscored, store: store, configuration: configuration)
        for (person, id) in ids {
            #expect(await reopened.state(of: id)?.lead.email == Self.email(person))
        }
    }
}

extension ConcurrentCaptureTests {
    /// Overlapping captures of one new person make one lead: the later ones are planned onto the
    /// lead on its way to the journal, conflict, and match the person once it is stored.
    @Test func overlappingCapturesOfOnePersonMakeOneLead() async throws {
        let store = SlowStore()
        let configuration = EngineConfiguration(now: { Date(timeIntervalSince1970: 1_800_000_000) })
        let engine = try await AlignmentEngine(playbook: .unscored, store: store, configuration: configuration)
        let results = try await withThrowingTaskGroup(of: CaptureResult.self) { group in
            for source in ["webinar", "ads", "partner", "referral"] {
                group.addTask {
                    try await engine.capture(Lead(id: "", email: "Ana@Acme.com", source: source))
                }
            }
            return try await group.reduce(into: [CaptureResult]()) { $0.append($1) }
        }
        #expect(Set(results.map(\.leadID)).count == 1)
        #expect(results.filter { if case .created = $0.outcome { true } else { false } }.count == 1)
        let reopened = try await AlignmentEngine(playbook: .unscored, store: store, configuration: configuration)
        #expect(await reopened.lookUp(Lead(id: "", email: "ana@acme.com")) == results.first?.leadID)
        #expect(try await store.read(from: .start, limit: 100).map(\.leadID).allSatisfy { $0 == results[0].leadID })
    }
}

extension ConcurrentCaptureTests {
    /// Overlapping commands on one lead wait for each other instead of conflicting: with no
    /// retries allowed, every signal is recorded.
    @Test func overlappingSignalsOnOneLeadAreAllRecorded() async throws {
        let store = SlowStore()
        let configuration = EngineConfiguration(now: { Date(timeIntervalSince1970: 1_800_000_000) }, conflictRetries: 0)
        let engine = try await AlignmentEngine(playbook: .unscored, store: store, configuration: configuration)
        let id = try await engine.capture(Lead(id: "", email: Self.email(0))).leadID
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<24 {
                group.addTask {
                    let signal = Signal(
                        kind: .emailOpened, occurredAt: Date(timeIntervalSince1970: 1_800_000_000),
                        idempotencyKey: "open-\(index)")
                    _ = try await engine.record(signal, for: id)
                }
            }
            try await group.waitForAll()
        }
        #expect(await engine.state(of: id)?.signals.count == 24)
    }
}
