import EventStoreConformance
import Foundation
import LeadModel
import PostgresNIO
import Testing

@testable import PostgresJournal

private typealias Fixtures = ConformanceFixtures

/// Every released schema upgrades to the current one with its data intact: a journal laid out
/// and written at each older version opens at the latest, reads back every event, keeps its
/// idempotency keys and snapshot, and appends, commits groups and claims identities as a new one.
struct SchemaUpgradeTests {
    @Test(arguments: 1..<SchemaMigrations.latestVersion)
    func aJournalAtAnOlderVersionUpgradesWithItsDataIntact(from version: Int) async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            try await PostgresEventStore.migrate(
                client: database.client, schema: schema, logger: Logger(label: "test"), timeout: .seconds(30),
                to: version)
            #expect(try await Self.recordedVersions(database, schema: schema) == Array(1...version))

            // Written as that version's store wrote it: through its append_events.
            var written: [LeadEvent] = []
            for lead in 1...3 {
                let id = Fixtures.leadID(lead)
                let events = [
                    Fixtures.captured(id), Fixtures.signal(id, sequence: lead, idempotencyKey: "form-\(lead)"),
                    Fixtures.touch(id, sequence: lead + 10),
                ]
                let call = try AppendCall([AppendRequest(leadID: id, expectedVersion: .noStream, events: events)])
                try await database.client.query(try call.query(schema: schema)).consumeAll()
                written += events
            }
            try await database.execute(
                "INSERT INTO \(schema).snapshots (name, position, bytes) VALUES ('lead-states', 6, '\\x0102'::bytea)")

            let store = try await PostgresEventStore(client: database.client, schema: schema)
            #expect(try await store.recordedSchemaVersion() == PostgresEventStore.schemaVersion)
            #expect(
                try await Self.recordedVersions(database, schema: schema)
                    == Array(1...PostgresEventStore.schemaVersion))

            // Every event reads back as written, at positions 1...9.
            let read = try await store.read(from: .start, limit: 100)
            #expect(read.map(\.position) == (1...9).map { JournalPosition(UInt64($0)) })
            #expect(
                read.map { event in
                    var stored = event
                    stored.position = nil
                    return stored
                } == written)
            #expect(try await store.events(forLead: Fixtures.leadID(2)).count == 3)
            let snapshot = try await store.loadSnapshot(named: "lead-states")
            #expect(snapshot?.position == JournalPosition(6) && snapshot?.bytes == [1, 2])

            // An idempotency key recorded before the upgrade still deduplicates.
            let lead = Fixtures.leadID(2)
            let retry = try await store.append(
                [Fixtures.signal(lead, sequence: 2, idempotencyKey: "form-2")], to: lead)
            #expect(retry.duplicates == [true] && retry.positions == [JournalPosition(5)])

            // Group commit (append_batch) with one conflicting call among concurrent ones.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        let id = Fixtures.leadID(10 + writer)
                        let expected: ExpectedVersion = writer == 0 ? .exactly(5) : .noStream
                        do {
                            _ = try await store.append([Fixtures.captured(id)], to: id, expecting: expected)
                            return true
                        } catch let error as EventStoreError where error.code == .versionConflict {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 7)
            #expect(try await store.read(from: JournalPosition(10), limit: 100).count == 7)

            // Identity claims work on the upgraded journal: the people captured before claims
            // existed are claimed when a store with a resolver opens it, a new lead claims its
            // person, and a second new lead for either is refused.
            let claiming = try await PostgresEventStore(
                client: database.client, schema: schema, identity: StandardIdentityResolver())
            var earlier = Fixtures.captured(LeadID("new-0"))
            earlier.payload = Fixtures.captured(Fixtures.leadID(1)).payload
            await #expect(throws: EventStoreError.self) {
                _ = try await claiming.append([earlier], to: earlier.leadID, expecting: .noStream)
            }
            let person = Lead(id: LeadID("new-1"), email: "bo.berg@elsewhere.example", company: "Elsewhere")
            let first = LeadEvent(
                leadID: person.id, occurredAt: Fixtures.epoch, actor: .system, payload: .captured(person, stage: .lead))
            _ = try await claiming.append([first], to: first.leadID, expecting: .noStream)
            var second = first
            second.leadID = LeadID("new-2")
            await #expect(throws: EventStoreError.self) {
                _ = try await claiming.append([second], to: second.leadID, expecting: .noStream)
            }
        }
    }

    static func recordedVersions(_ database: TestDatabase, schema: String) async throws -> [Int] {
        let rows = try await database.client.query(
            "SELECT version FROM \(unescaped: schema).schema_version ORDER BY version")
        var versions: [Int] = []
        for try await version in rows.decode(Int32.self) { versions.append(Int(version)) }
        return versions
    }
}
