import EventStoreConformance
import LeadModel
import PostgresJournal
import Testing

private typealias Fixtures = ConformanceFixtures

/// The global order under load: concurrent writers (some of whose calls conflict and roll back)
/// while readers tail the journal by position.
struct OrderingTests {
    /// What a writer was told: the events it appended, at their positions.
    private struct Acknowledged: Sendable {
        var events: [LeadEvent] = []
        var conflicts = 0
    }

    @Test(.timeLimit(.minutes(2)))
    func tailingReadersSeeEveryEventOnceInOrderWhileWritersRace() async throws {
        try await TestDatabase.with { database in
            let store = try await database.makeStore()
            let writers = 8
            let callsPerWriter = 120
            // Every seventh call expects a version its stream cannot have, so it rolls back:
            // such calls must leave no gap for the readers.
            let plannedEvents = (0..<callsPerWriter).reduce(0) { $0 + ($1 % 7 == 6 ? 0 : $1 % 3 + 1) }
            let total = writers * plannedEvents

            async let tails = withThrowingTaskGroup(of: [LeadEvent].self) { group in
                for _ in 0..<2 {
                    group.addTask { try await Self.tail(store, until: total) }
                }
                var seen: [[LeadEvent]] = []
                for try await events in group { seen.append(events) }
                return seen
            }
            let acknowledged = try await withThrowingTaskGroup(of: Acknowledged.self) { group in
                for writer in 0..<writers {
                    group.addTask { try await Self.write(store, writer: writer, calls: callsPerWriter) }
                }
                var all = Acknowledged()
                for try await part in group {
                    all.events += part.events
                    all.conflicts += part.conflicts
                }
                return all
            }
            let seenByReaders = try await tails

            #expect(acknowledged.conflicts == writers * (callsPerWriter / 7))
            let byPosition = acknowledged.events.sorted { $0.position!.rawValue < $1.position!.rawValue }
            #expect(byPosition.map { $0.position!.rawValue } == Array(1...UInt64(total)))
            for events in seenByReaders {
                #expect(events.count == total)
                #expect(events == byPosition, "a tailing reader saw exactly the acknowledged events, in order")
            }
        }
    }

    /// Appends `calls` calls of one to three events, round robin over three leads of its own.
    private static func write(_ store: PostgresEventStore, writer: Int, calls: Int) async throws -> Acknowledged {
        var result = Acknowledged()
        var versions: [LeadID: Int] = [:]
        for call in 0..<calls {
            let lead = Fixtures.leadID(writer * 10 + call % 3)
            let events = (0..<(call % 3 + 1)).map {
                Fixtures.signal(lead, sequence: writer * 100_000 + call * 10 + $0)
            }
            if call % 7 == 6 {
                do {
                    try await store.append(events, to: lead, expecting: .exactly(versions[lead, default: 0] + 5))
                    Issue.record("an append expecting a wrong version succeeded")
                } catch let error as EventStoreError where error.code == .versionConflict {
                    result.conflicts += 1
                }
                continue
            }
            let appended = try await store.append(events, to: lead, expecting: .exactly(versions[lead, default: 0]))
            versions[lead] = appended.version
            for (event, position) in zip(events, appended.positions) {
                var stored = event
                stored.position = position
                result.events.append(stored)
            }
        }
        return result
    }

    /// Reads by position from the start until `total` events were seen, failing on a gap.
    private static func tail(_ store: PostgresEventStore, until total: Int) async throws -> [LeadEvent] {
        var seen: [LeadEvent] = []
        var next: UInt64 = 1
        while seen.count < total {
            let page = try await store.read(from: JournalPosition(next), limit: 50)
            if page.isEmpty {
                try await Task.sleep(for: .milliseconds(1))
                continue
            }
            for event in page {
                guard event.position?.rawValue == next else {
                    Issue.record("reading from \(next), the reader got position \(String(describing: event.position))")
                    return seen
                }
                seen.append(event)
                next += 1
            }
        }
        return seen
    }
}
