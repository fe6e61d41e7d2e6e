import EventStoreConformance
import Foundation
import LeadModel
import PostgresJournal
import Testing

private typealias Fixtures = ConformanceFixtures

/// The versioned schema: created and recorded once, reopened as is, refused when newer.
struct SchemaTests {
    @Test func aNewSchemaIsCreatedAtTheLatestVersionAndReopensWithItsEvents() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            let store = try await PostgresEventStore(client: database.client, schema: schema)
            #expect(try await store.recordedSchemaVersion() == PostgresEventStore.schemaVersion)
            #expect(store.durability == .fsyncEveryCommit)
            _ = try await store.append([Fixtures.captured(Fixtures.leadID(1))], to: Fixtures.leadID(1))

            let reopened = try await PostgresEventStore(client: database.client, schema: schema)
            #expect(try await reopened.read(from: .start, limit: 10).count == 1)
            #expect(try await reopened.recordedSchemaVersion() == PostgresEventStore.schemaVersion)
        }
    }

    @Test func instancesOpeningAtOnceMigrateOnce() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask { _ = try await PostgresEventStore(client: database.client, schema: schema) }
                }
                try await group.waitForAll()
            }
            let rows = try await database.client.query(
                "SELECT count(*) FROM \(unescaped: schema).schema_version")
            for try await count in rows.decode(Int64.self) {
                #expect(Int(count) == PostgresEventStore.schemaVersion)
            }
        }
    }

    @Test func aSchemaFromANewerVersionIsRefused() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            _ = try await PostgresEventStore(client: database.client, schema: schema)
            try await database.execute("INSERT INTO \(schema).schema_version (version) VALUES (99)")
            await #expect {
                _ = try await PostgresEventStore(client: database.client, schema: schema)
            } throws: { error in
                guard let error = error as? EventStoreError else { return false }
                return error.code == .unsupportedFormat && error.message.contains("version 99")
            }
        }
    }

    @Test func everyFieldOfAnEventSurvivesTheRoundTrip() async throws {
        try await TestDatabase.with { database in
            let store = try await database.makeStore()
            let lead = LeadID("lead-zoë-東京")
            let person = Lead(
                id: lead, email: "zoë.ångström@例え.jp", phone: "+81 3-1234-5678", firstName: "Zoë",
                lastName: "Ångström", title: "CISO 🛡️", company: "例え株式会社", accountID: "example.jp",
                source: "event", campaign: "tokyo-2026", messageAngle: "zero trust",
                externalIDs: [ExternalID(system: "crm", value: "00Q5e00000ABC")],
                attributes: ["employees": .number(1_234.5), "industry": .string("finance"), "public": .bool(true)])
            let events = [
                LeadEvent(
                    leadID: lead, occurredAt: Date(timeIntervalSince1970: 1_795_424_400.123_456),
                    actor: .integration("badge-scanner"), payload: .captured(person, stage: .lead),
                    reasons: [Reason(rule: "icp.region", detail: "APAC → tier 1")], idempotencyKey: "scan-42",
                    playbookVersion: "2026.12.1"),
                Fixtures.signal(lead, sequence: 7, kind: .demoRequested, idempotencyKey: "demo-7"),
                Fixtures.touch(lead, sequence: 8),
                LeadEvent(
                    leadID: lead, occurredAt: Fixtures.epoch, actor: .system, payload: .mergedInto("lead-survivor")),
            ]
            let result = try await store.append(events, to: lead, expecting: .noStream)
            let expected = zip(events, result.positions).map { event, position in
                var stored = event
                stored.position = position
                return stored
            }
            #expect(try await store.read(from: .start, limit: 10) == expected)
            #expect(try await store.events(forLead: lead) == expected)
        }
    }
}
