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
        var pendingKeys: [String: JournalPosition] = [:]
        var pendingVersions: [LeadID: Int] = [:]
        var plans: [(request: AppendRequest, fresh: [Bool], positions: [JournalPosition])] = []
        var next = UInt64(journal.count) + 1

        for request in requests {
            var fresh: [Bool] = []
            var positions: [JournalPosition] = []
            for event in request.events {
                guard event.leadID == request.leadID else {
                    throw EventStoreError(
                        .invalidRequest,
                        "an event for lead \(event.leadID) is in the request for lead \(request.leadID)",
                        leadID: request.leadID)
                }
                if let key = event.idempotencyKey,
                    let original = keys[key] ?? pendingKeys[key]
                {
                    fresh.append(false)
                    positions.append(original)
                    continue
                }
                let position = JournalPosition(next)
                next += 1
                if let key = event.idempotencyKey { pendingKeys[key] = position }
                fresh.append(true)
                positions.append(position)
            }
            let current = pendingVersions[request.leadID] ?? streams[request.leadID]?.count ?? 0
            let added = fresh.count { $0 }
            if added > 0, !request.expectedVersion.isSatisfied(by: current) {
                throw EventStoreError(
                    .versionConflict,
                    "expected \(request.expectedVersion) but the stream has \(current) events; reload the lead and retry",
                    leadID: request.leadID)
            }
            pendingVersions[request.leadID] = current + added
            plans.append((request, fresh, positions))
        }

        var results: [AppendResult] = []
        for plan in plans {
            for (index, event) in plan.request.events.enumerated() where plan.fresh[index] {
                var stored = event
                stored.position = plan.positions[index]
                streams[event.leadID, default: []].append(journal.count)
                journal.append(stored)
                if let key = event.idempotencyKey { keys[key] = plan.positions[index] }
            }
            results.append(
                AppendResult(
                    leadID: plan.request.leadID, positions: plan.positions,
                    duplicates: plan.fresh.map { !$0 },
                    version: streams[plan.request.leadID]?.count ?? 0))
        }
        return results
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
