import Accord
import Foundation
import LeadModel
import Testing

struct EngineSnapshotTests {
    func record(_ quarter: SyntheticQuarter, into engine: AlignmentEngine, clock: ManualClock, range: Range<Int>)
        async throws
    {
        let records = quarter.records()
        for record in records[range.clamped(to: 0..<records.count)] {
            clock.set(record.at)
            try await engine.ingest([record.item])
        }
    }

    @Test func snapshotPlusTailFoldsTheSameStateAsTheWholeJournal() async throws {
        let store = InMemoryEventStore()
        let quarter = SyntheticQuarter(seed: 5, leads: 150)
        let clock = ManualClock(quarter.start)
        let writer = try await AlignmentEngine(
            playbook: .standard, store: store, configuration: EngineConfiguration(now: { clock.now }))
        try await record(quarter, into: writer, clock: clock, range: 0..<500)
        #expect(try await writer.saveSnapshot())
        try await record(quarter, into: writer, clock: clock, range: 500..<10_000)

        let fromSnapshot = try await AlignmentEngine(
            playbook: .standard, store: store, configuration: EngineConfiguration())
        guard case .loaded(let position, let count) = await fromSnapshot.snapshotStatus else {
            Issue.record("the snapshot was not loaded: \(await fromSnapshot.snapshotStatus)")
            return
        }
        #expect(position.rawValue > 400 && count > 0)
        #expect(await fromSnapshot.activeLeads() == (await writer.activeLeads()))
        #expect(await fromSnapshot.journalPosition == (await writer.journalPosition))
        for state in await writer.activeLeads().prefix(40) {
            #expect(await fromSnapshot.lookUp(state.lead) == state.id)
            if let account = state.lead.accountID {
                #expect(
                    await fromSnapshot.contacts(of: account).map(\.id) == (await writer.contacts(of: account)).map(\.id)
                )
            }
        }
    }

    @Test func damagedSnapshotIsIgnoredAndTheJournalFolded() async throws {
        let store = InMemoryEventStore()
        let engine = try await makeEngine(store: store)
        let lead = try await engine.capture(Lead(id: "", email: "ana@acme.com"))
        await store.saveSnapshot(named: "accord.engine.lead-states", at: JournalPosition(1), bytes: [1, 2, 3])
        let reopened = try await makeEngine(store: store)
        guard case .ignored = await reopened.snapshotStatus else {
            Issue.record("expected the damaged snapshot to be ignored")
            return
        }
        #expect(await reopened.state(of: lead.leadID) == lead.state)
    }

    @Test func storesWithoutSnapshotsAreFine() async throws {
        struct Plain: EventStore {
            let inner = InMemoryEventStore()
            var durability: Durability { .memory }
            func append(_ requests: [AppendRequest]) async throws -> [AppendResult] { try await inner.append(requests) }
            func read(from position: JournalPosition, limit: Int) async throws -> [LeadEvent] {
                await inner.read(from: position, limit: limit)
            }
            func events(forLead id: LeadID) async throws -> [LeadEvent] { await inner.events(forLead: id) }
            func erase(lead id: LeadID, recording erasure: LeadEvent) async throws -> LeadEvent {
                try await inner.erase(lead: id, recording: erasure)
            }
        }
        let engine = try await makeEngine(store: Plain())
        _ = try await engine.capture(Lead(id: "", email: "ana@acme.com"))
        #expect(try await engine.saveSnapshot() == false)
        #expect(await engine.snapshotStatus == .none)
    }

    @Test func erasureDropsTheSnapshotWithItsPersonalData() async throws {
        let store = InMemoryEventStore()
        let engine = try await makeEngine(store: store)
        let lead = try await engine.capture(Lead(id: "", email: "ana@acme.com"))
        try await engine.saveSnapshot()
        #expect(await store.loadSnapshot(named: "accord.engine.routing-ledger") != nil)
        try await engine.erase(lead.leadID, requestedBy: "dpo")
        #expect(await store.loadSnapshot(named: "accord.engine.lead-states") == nil)
        #expect(await store.loadSnapshot(named: "accord.engine.routing-ledger") == nil)
        #expect(await store.loadSnapshot(named: "accord.engine.sla-monitor") == nil)
    }
}
