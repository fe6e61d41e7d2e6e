import Foundation
import LeadModel
import Testing

/// `store.events(from:pageSize:)` reads pages ahead while the caller works through the current
/// one; every event still comes once, in journal order, whatever the page size, and a caller
/// that stops early or starts in the middle sees what it asked for.
struct JournalEventsTests {
    static func store(events count: Int) async throws -> InMemoryEventStore {
        let store = InMemoryEventStore()
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for index in 0..<count {
            let lead = LeadID("L\(index % 7)")
            _ = try await store.append([
                AppendRequest(
                    leadID: lead, expectedVersion: .any,
                    events: [
                        LeadEvent(
                            leadID: lead, occurredAt: start.addingTimeInterval(Double(index)), actor: .system,
                            payload: .signalRecorded(Signal(kind: .emailOpened, occurredAt: start)))
                    ])
            ])
        }
        return store
    }

    @Test(arguments: [1, 2, 3, 7, 50, 51, 100, 4096])
    func everyEventComesOnceInOrder(pageSize: Int) async throws {
        let store = try await Self.store(events: 50)
        var positions: [UInt64] = []
        for try await event in store.events(from: .start, pageSize: pageSize) {
            positions.append(try #require(event.position).rawValue)
        }
        #expect(positions == Array(1...50))
    }

    @Test func aCallerMayStartInTheMiddleOrStopEarly() async throws {
        let store = try await Self.store(events: 30)
        var positions: [UInt64] = []
        for try await event in store.events(from: JournalPosition(12), pageSize: 4) {
            positions.append(try #require(event.position).rawValue)
            if positions.count == 9 { break }
        }
        #expect(positions == Array(12...20))
        var all = 0
        for try await _ in store.events(from: JournalPosition(31), pageSize: 4) { all += 1 }
        #expect(all == 0)
    }

    @Test(arguments: [1, 2, 3, 5, 64])
    func pagesReadAheadAtTheWrongPlaceAreReadAgain(pageSize: Int) async throws {
        // Pages ahead are asked for where full pages would end; a store whose positions skip
        // (against the contract, but the iterator must not lose or repeat events) makes them miss.
        let positions: [UInt64] = [1, 2, 3, 10, 11, 12, 13, 40, 41, 90, 91, 92, 93, 94, 200]
        let store = SkippingStore(positions: positions)
        var seen: [UInt64] = []
        for try await event in store.events(from: .start, pageSize: pageSize) {
            seen.append(try #require(event.position).rawValue)
        }
        #expect(seen == positions)
    }
}

/// A read-only store whose events sit at the given positions, gaps included.
private struct SkippingStore: EventStore {
    let events: [LeadEvent]

    init(positions: [UInt64]) {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        events = positions.map { position in
            LeadEvent(
                position: JournalPosition(position), leadID: LeadID("L\(position % 3)"),
                occurredAt: start.addingTimeInterval(Double(position)), actor: .system,
                payload: .signalRecorded(Signal(kind: .emailOpened, occurredAt: start)))
        }
    }

    var durability: Durability { .memory }

    func append(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        throw EventStoreError(.invalidRequest, "read-only")
    }

    func read(from position: JournalPosition, limit: Int) async throws -> [LeadEvent] {
        Array(events.lazy.filter { $0.position! >= position }.prefix(limit))
    }

    func events(forLead id: LeadID) async throws -> [LeadEvent] {
        events.filter { $0.leadID == id }
    }

    func erase(lead id: LeadID, recording erasure: LeadEvent) async throws -> LeadEvent {
        throw EventStoreError(.invalidRequest, "read-only")
    }
}
