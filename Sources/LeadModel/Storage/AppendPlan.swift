/// How one append call lands, decided before anything is written: which events are new, the
/// position of every event, and each stream's version afterwards.
///
/// This is the ``EventStore`` contract's append semantics in one place — lead checks, idempotency
/// keys (across calls and within the call), optimistic concurrency and gapless positions — so
/// that every store, the reference ones and third-party ones, behaves alike. A store asks for a
/// plan, writes the new events, then returns ``results(for:)``.
///
/// ```swift
/// let plan = try AppendPlan(requests, nextPosition: head + 1,
///                           version: { streams[$0]?.count ?? 0 },
///                           recordedPosition: { keys[$0] })
/// // write the events where plan.entries[i].fresh[j] is true, at plan.entries[i].positions[j]
/// return plan.results(for: requests)
/// ```
public struct AppendPlan: Hashable, Sendable {
    /// The plan for one request.
    public struct Entry: Hashable, Sendable {
        /// One per event: whether it is new (its key, if any, was not recorded before).
        public var fresh: [Bool]
        /// One per event: its position, or the original position for a duplicate.
        public var positions: [JournalPosition]
        /// The stream's version after this request.
        public var version: Int
    }

    /// One entry per request, in order.
    public var entries: [Entry]
    /// The position of the first new event; with ``newCount`` zero, the position the next call gets.
    public var firstNew: JournalPosition
    /// How many events are new.
    public var newCount: Int

    /// The position of the last new event, or `nil` when every event is a duplicate.
    public var lastNew: JournalPosition? {
        newCount == 0 ? nil : JournalPosition(firstNew.rawValue + UInt64(newCount) - 1)
    }

    /// Plans an append call.
    ///
    /// - Parameters:
    ///   - requests: the call's requests.
    ///   - nextPosition: the position the next new event gets.
    ///   - version: the number of events a lead's stream holds now.
    ///   - recordedPosition: the position of the event already recorded with an idempotency key,
    ///     or `nil`.
    /// - Throws: ``EventStoreError`` — `invalidRequest` for an event of another lead,
    ///   `versionConflict` for a failed expectation; errors of `recordedPosition` pass through.
    public init(
        _ requests: [AppendRequest], nextPosition: JournalPosition, version: (LeadID) throws -> Int,
        recordedPosition: (String) throws -> JournalPosition?
    ) throws {
        var pendingKeys: [String: JournalPosition] = [:]
        var pendingVersions: [LeadID: Int] = [:]
        var next = nextPosition.rawValue
        entries = []
        entries.reserveCapacity(requests.count)
        for request in requests {
            var fresh: [Bool] = []
            var positions: [JournalPosition] = []
            fresh.reserveCapacity(request.events.count)
            positions.reserveCapacity(request.events.count)
            for event in request.events {
                guard event.leadID == request.leadID else {
                    throw EventStoreError(
                        .invalidRequest,
                        "an event for lead \(event.leadID) is in the request for lead \(request.leadID)",
                        leadID: request.leadID)
                }
                if let key = event.idempotencyKey {
                    if let original = try pendingKeys[key] ?? recordedPosition(key) {
                        fresh.append(false)
                        positions.append(original)
                        continue
                    }
                    pendingKeys[key] = JournalPosition(next)
                }
                fresh.append(true)
                positions.append(JournalPosition(next))
                next += 1
            }
            let current = try pendingVersions[request.leadID] ?? version(request.leadID)
            let added = fresh.count { $0 }
            if added > 0, !request.expectedVersion.isSatisfied(by: current) {
                throw EventStoreError(
                    .versionConflict,
                    "expected \(request.expectedVersion) but the stream has \(current) events; reload the lead and retry",
                    leadID: request.leadID)
            }
            pendingVersions[request.leadID] = current + added
            entries.append(Entry(fresh: fresh, positions: positions, version: current + added))
        }
        firstNew = nextPosition
        newCount = Int(next - nextPosition.rawValue)
    }

    /// The results to return to the appender, one per request.
    public func results(for requests: [AppendRequest]) -> [AppendResult] {
        zip(requests, entries).map { request, entry in
            AppendResult(
                leadID: request.leadID, positions: entry.positions, duplicates: entry.fresh.map { !$0 },
                version: entry.version)
        }
    }
}
