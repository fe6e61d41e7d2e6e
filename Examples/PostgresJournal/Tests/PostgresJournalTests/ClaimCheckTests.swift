import EventStoreConformance
import Foundation
import LeadModel
import PostgresNIO
import Testing

@testable import PostgresJournal

private typealias Fixtures = ConformanceFixtures

/// Captures recorded without identity claims — before schema version 6, or by a store opened
/// without a resolver — are claimed when a store with a resolver opens the journal, so that a
/// person known before claims existed cannot become a second lead.
struct ClaimCheckTests {
    @Test func capturesRecordedWithoutClaimsAreClaimedWhenAStoreWithAResolverOpens() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            let plain = try await PostgresEventStore(client: database.client, schema: schema)
            let ana = Self.captured("web-1", email: "ana.lima@acme.example", phone: "+1 415 555 0100")
            let bo = Self.captured("web-2", email: "bo@acme.example")
            // A second lead for Ana, made before claims existed: her keys stay with the first.
            let anaAgain = Self.captured("crm-1", email: "Ana.Lima@acme.example")
            let cy = Self.captured("web-3", email: "cy@acme.example")
            for event in [ana, bo, anaAgain, cy] {
                _ = try await plain.append([event], to: event.leadID, expecting: .noStream)
            }
            _ = try await plain.erase(lead: cy.leadID, recording: Fixtures.erasure(cy.leadID))
            #expect(try await IdentityClaimTests.claimCount(database, schema: schema) == 0)

            let claiming = try await PostgresEventStore(
                client: database.client, schema: schema, identity: StandardIdentityResolver())
            // Ana's email and phone, Bo's email; nothing of the erased Cy.
            #expect(
                try await Self.claims(database, schema: schema) == ["crm-1": 0, "web-1": 2, "web-2": 1, "web-3": 0])
            #expect(try await Self.checkedThrough(database, schema: schema) == 5)

            // A new lead for a person known before is refused; the engine then finds the person.
            let anaFromChat = Self.captured("chat-1", email: "ana.lima@acme.example")
            await #expect {
                _ = try await claiming.append([anaFromChat], to: anaFromChat.leadID, expecting: .noStream)
            } throws: { error in
                (error as? EventStoreError)?.code == .versionConflict
            }
            // The erased person may come back as a new lead.
            let cyBack = Self.captured("crm-3", email: "cy@acme.example")
            _ = try await claiming.append([cyBack], to: cyBack.leadID, expecting: .noStream)
        }
    }

    @Test func theCheckPagesThroughTheJournalOnceAndThenReadsOnlyWhatIsNew() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            let plain = try await PostgresEventStore(client: database.client, schema: schema)
            for person in 1...7 {
                let event = Self.captured("web-\(person)", email: "buyer\(person)@acme.example")
                _ = try await plain.append(
                    [event, Fixtures.signal(event.leadID, sequence: person)], to: event.leadID, expecting: .noStream)
            }
            let identity = StandardIdentityResolver()
            let first = try await Self.check(database, schema: schema, identity: identity, pageSize: 3)
            #expect(first == PostgresEventStore.ClaimCheck(captures: 7, claimed: 7, through: 14))
            let again = try await Self.check(database, schema: schema, identity: identity, pageSize: 3)
            #expect(again == PostgresEventStore.ClaimCheck(captures: 0, claimed: 0, through: 14))

            let late = Self.captured("web-8", email: "buyer8@acme.example")
            _ = try await plain.append([late], to: late.leadID, expecting: .noStream)
            let next = try await Self.check(database, schema: schema, identity: identity, pageSize: 3)
            #expect(next == PostgresEventStore.ClaimCheck(captures: 1, claimed: 1, through: 15))
            #expect(try await IdentityClaimTests.claimCount(database, schema: schema) == 8)
        }
    }

    @Test func storesOpeningTogetherCheckEachCaptureOnce() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            let plain = try await PostgresEventStore(client: database.client, schema: schema)
            for person in 1...40 {
                let event = Self.captured("web-\(person)", email: "buyer\(person)@acme.example")
                _ = try await plain.append([event], to: event.leadID, expecting: .noStream)
            }
            let identity = StandardIdentityResolver()
            let checks = try await withThrowingTaskGroup(of: PostgresEventStore.ClaimCheck.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await Self.check(database, schema: schema, identity: identity, pageSize: 5) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(checks.reduce(0) { $0 + $1.captures } == 40)
            #expect(checks.reduce(0) { $0 + $1.claimed } == 40)
            #expect(checks.allSatisfy { $0.through == 40 })
        }
    }

    // MARK: Helpers

    static func captured(_ id: String, email: String, phone: String? = nil) -> LeadEvent {
        let lead = LeadID(id)
        return LeadEvent(
            leadID: lead, occurredAt: Fixtures.epoch, actor: .system,
            payload: .captured(Lead(id: lead, email: email, phone: phone, company: "Acme"), stage: .lead))
    }

    static func check(
        _ database: TestDatabase, schema: String, identity: any IdentityResolver, pageSize: Int
    ) async throws -> PostgresEventStore.ClaimCheck {
        try await PostgresEventStore.claimRecordedCaptures(
            client: database.client, schema: schema, identity: identity, logger: Logger(label: "test"),
            timeout: .seconds(30), pageSize: pageSize)
    }

    /// The number of claims each lead that captured someone holds.
    static func claims(_ database: TestDatabase, schema: String) async throws -> [String: Int] {
        let rows = try await database.client.query(
            """
            SELECT s.lead_id, count(c.key) FROM \(unescaped: schema).streams AS s
            LEFT JOIN \(unescaped: schema).identity_claims AS c ON c.lead_id = s.lead_id
            GROUP BY s.lead_id
            """)
        var found: [String: Int] = [:]
        for try await (lead, count) in rows.decode((String, Int64).self) { found[lead] = Int(count) }
        return found
    }

    static func checkedThrough(_ database: TestDatabase, schema: String) async throws -> Int64 {
        let rows = try await database.client.query("SELECT through FROM \(unescaped: schema).claims_checked")
        for try await through in rows.decode(Int64.self) { return through }
        return -1
    }
}
