import EventStoreConformance
import Foundation
import LeadModel
import PostgresJournal
import Testing

private typealias Fixtures = ConformanceFixtures

/// Erasure leaves no byte of the person anywhere in the journal's schema.
struct ErasureTests {
    @Test func noByteOfTheErasedPersonIsLeftInAnyTable() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            let store = try await PostgresEventStore(client: database.client, schema: schema)
            let ana = Fixtures.leadID(1)
            let other = Fixtures.leadID(2)
            let formKey = "webform-ana.lima@acme.example"
            _ = try await store.append(
                [
                    Fixtures.captured(ana, idempotencyKey: formKey), Fixtures.signal(ana, sequence: 1),
                    Fixtures.touch(ana, sequence: 2),
                ], to: ana, expecting: .noStream)
            _ = try await store.append([Fixtures.captured(other)], to: other, expecting: .noStream)
            try await store.saveSnapshot(
                named: "lead-states", at: JournalPosition(4), bytes: Array("ana.lima+\(ana.rawValue)@acme.example".utf8)
            )

            let needles = [
                "ana.lima+\(ana.rawValue)@acme.example", "ana.lima@acme.example", "Ana asked us to call her mobile",
                formKey,
            ]
            let before = try database.dump(schema: schema)
            for needle in needles {
                #expect(Self.contains(before, needle), "before erasure the dump holds \"\(needle)\"")
            }

            _ = try await store.erase(lead: ana, recording: Fixtures.erasure(ana))

            let after = try database.dump(schema: schema)
            for needle in needles {
                #expect(!Self.contains(after, needle), "after erasure no table holds \"\(needle)\"")
            }
            #expect(
                Self.contains(after, "ana.lima+\(other.rawValue)@acme.example"),
                "the other lead's data is kept, so the search does find what is there")
            #expect(try await store.loadSnapshot(named: "lead-states") == nil)
            #expect(try await store.read(from: .start, limit: 10).count == 5, "no event row was deleted")

            // The erased key is forgotten, as in the reference stores: the same key appends anew.
            let replay = try await store.append([Fixtures.signal(ana, sequence: 9, idempotencyKey: formKey)], to: ana)
            #expect(replay.duplicates == [false])
        }
    }

    @Test func snapshotsOnlyMoveForwardAndNeverFromBeforeAnErasure() async throws {
        try await TestDatabase.with { database in
            let store = try await database.makeStore()
            let ana = Fixtures.leadID(1)
            _ = try await store.append((1...4).map { Fixtures.signal(ana, sequence: $0) }, to: ana)
            try await store.saveSnapshot(named: "projection", at: JournalPosition(4), bytes: [4])
            try await store.saveSnapshot(named: "projection", at: JournalPosition(2), bytes: [2])
            #expect(try await store.loadSnapshot(named: "projection")?.bytes == [4], "an older snapshot is ignored")

            let erasure = try await store.erase(lead: ana, recording: Fixtures.erasure(ana))
            #expect(erasure.position == JournalPosition(5))
            try await store.saveSnapshot(named: "projection", at: JournalPosition(4), bytes: [4])
            #expect(
                try await store.loadSnapshot(named: "projection") == nil,
                "a snapshot from before the erasure is refused")
            try await store.saveSnapshot(named: "projection", at: JournalPosition(5), bytes: [5])
            #expect(try await store.loadSnapshot(named: "projection")?.bytes == [5])
        }
    }

    /// Whether the `pg_dump` text holds `needle`, as text or as the hex of a `bytea` column.
    private static func contains(_ dump: String, _ needle: String) -> Bool {
        let hex = needle.utf8.map { String(format: "%02x", $0) }.joined()
        return dump.contains(needle) || dump.contains(hex)
    }
}
