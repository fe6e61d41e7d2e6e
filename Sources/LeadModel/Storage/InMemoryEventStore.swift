/// An ``EventStore`` that keeps the journal in memory: for tests, simulations and hosts that
/// persist elsewhere. Its durability is ``Durability/memory``.
///
/// ```swift
/// let store = InMemoryEventStore()
/// try await store.append([event], to: "lead-1", expecting: .noStream)
/// ```
public actor InMemoryEventStore: EventStore, SnapshotStore {
    private var journal: [LeadEvent] = []
    private var streams: [LeadID: [Int]] = [:]
    private var keys: [String: JournalPosition] = [:]
    private var snapshots: [String: (JournalPosition, [UInt8])] = [:]

    /// Creates an empty store.
    public init() {}

    public nonisolated var durability: Durability { .memory }

    public func append(_ requests: [AppendRequest]) throws -> [AppendResult] {
        let plan = try AppendPlan(
            requests, nextPosition: JournalPosition(UInt64(journal.count) + 1),
            version: { streams[$0]?.count ?? 0 }, recordedPosition: { keys[$0] })
        for (request, entry) in zip(requests, plan.entries) {
            for (slot, event) in request.events.enumerated() where entry.fresh[slot] {
                var stored = event
                stored.position = entry.positions[slot]
                streams[event.leadID, default: []].append(journal.count)
                journal.append(stored)
                if let key = event.idempotencyKey { keys[key] = entry.positions[slot] }
            }
        }
        return plan.results(for: requests)
    }

    public func read(from position: JournalPosition, limit: Int) -> [LeadEvent] {
        let start = Int(clamping: max(position.rawValue, 1) - 1)
        guard start < journal.count, limit > 0 else { return [] }
        return Array(journal[start..<min(journal.count, start + limit)])
    }

    public func events(forLead id: LeadID) -> [LeadEvent] {
        (streams[id] ?? []).map { journal[$0] }
    }

    public func erase(lead id: LeadID, recording erasure: LeadEvent) throws -> LeadEvent {
        guard let indices = streams[id], !indices.isEmpty else {
            throw EventStoreError(.unknownLead, "no events to erase", leadID: id)
        }
        for index in indices {
            if let key = journal[index].idempotencyKey { keys[key] = nil }
            journal[index] = journal[index].redactingPersonalData()
        }
        snapshots.removeAll()
        var event = erasure
        event.leadID = id
        event.idempotencyKey = nil
        let result = try append([AppendRequest(leadID: id, events: [event])])
        event.position = result[0].positions[0]
        return event
    }

    public func saveSnapshot(named name: String, at position: JournalPosition, bytes: [UInt8]) {
        snapshots[name] = (position, bytes)
    }

    public func loadSnapshot(named name: String) -> (position: JournalPosition, bytes: [UInt8])? {
        snapshots[name].map { (position: $0.0, bytes: $0.1) }
    }
}
