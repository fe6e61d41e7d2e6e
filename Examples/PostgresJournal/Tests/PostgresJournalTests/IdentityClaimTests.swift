import Accord
import EventStoreConformance
import Foundation
import PostgresJournal
import ScaleOutDrill
import Testing

private typealias Fixtures = ConformanceFixtures

/// Identity claims: one person captured on several engine instances at the same moment becomes
/// one lead, because a new lead's capture claims the person's identity keys in the transaction of
/// its append.
struct IdentityClaimTests {
    /// People captured, each on three instances at once.
    static let people = 12

    @Test(.timeLimit(.minutes(2)))
    func onePersonCapturedOnThreeInstancesAtOnceIsOneLead() async throws {
        try await TestDatabase.with { database in
            let playbook = try DrillPlaybook.make()
            let identity = StandardIdentityResolver(configuration: playbook.identity)
            let schema = await database.newSchema()
            let leads = try await Self.captureEachPersonOnThreeInstances(database, schema: schema, identity: identity)
            #expect(leads == Self.people, "one lead per person, not \(leads) for \(Self.people) people")

            // Every instance's capture is on the one lead: the losers found the person and
            // recorded their source as a second capture.
            let store = try await PostgresEventStore(client: database.client, schema: schema)
            let checker = try await AlignmentEngine(
                playbook: playbook, store: store, configuration: EngineConfiguration())
            for person in 0..<Self.people {
                let found = await checker.activeLeads().filter { $0.lead.email == Self.email(person) }
                #expect(found.count == 1)
                let captures = try await store.events(forLead: try #require(found.first).id).filter {
                    $0.payload.kind == "captured"
                }
                #expect(captures.count == 3, "each instance's capture of person \(person) is on the one lead")
            }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func withoutIdentityClaimsOnePersonCanBecomeTwoLeads() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            let leads = try await Self.captureEachPersonOnThreeInstances(database, schema: schema, identity: nil)
            withKnownIssue(
                """
                Without identity claims, instances that capture one person at the same moment under \
                different lead ids each create a lead: neither sees the other's capture before it appends.
                """,
                isIntermittent: true
            ) {
                #expect(leads == Self.people, "\(leads) leads for \(Self.people) people")
            }
        }
    }

    @Test func aClaimedIdentityFailsANewLeadAsAConflictAndUsesNoPosition() async throws {
        try await TestDatabase.with { database in
            let identity = StandardIdentityResolver()
            let store = try await PostgresEventStore(
                client: database.client, schema: await database.newSchema(), identity: identity)
            let first = Self.captured(LeadID("web-1"), email: "Ana.Lima@Acme.example")
            _ = try await store.append([first], to: first.leadID, expecting: .noStream)
            let second = Self.captured(LeadID("crm-1"), email: "ana.lima@acme.example")
            await #expect {
                _ = try await store.append([second], to: second.leadID, expecting: .noStream)
            } throws: { error in
                guard let error = error as? EventStoreError else { return false }
                return error.code == .versionConflict && error.leadID == second.leadID
                    && !error.message.contains("acme")
            }
            // A later capture on the lead that holds the claim is fine, and the next position
            // follows the first event's: the conflict used none.
            let again = Self.captured(LeadID("web-1"), email: "ana.lima@acme.example")
            let result = try await store.append([again], to: again.leadID, expecting: .exactly(1))
            #expect(result.positions == [JournalPosition(2)])
            // Another person is not held up.
            let other = Self.captured(LeadID("crm-2"), email: "bo@acme.example")
            _ = try await store.append([other], to: other.leadID, expecting: .noStream)
        }
    }

    @Test func erasureReleasesTheClaimsAndLeavesNoDigestBehind() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            let store = try await PostgresEventStore(
                client: database.client, schema: schema, identity: StandardIdentityResolver())
            let ana = Self.captured(LeadID("web-1"), email: "ana.lima@acme.example")
            _ = try await store.append([ana], to: ana.leadID, expecting: .noStream)
            #expect(try await Self.claimCount(database, schema: schema) == 1)
            _ = try await store.erase(lead: ana.leadID, recording: Fixtures.erasure(ana.leadID))
            #expect(try await Self.claimCount(database, schema: schema) == 0)
            // The person may come back as a new lead.
            let back = Self.captured(LeadID("crm-9"), email: "ana.lima@acme.example")
            _ = try await store.append([back], to: back.leadID, expecting: .noStream)
        }
    }

    // MARK: Helpers

    static func email(_ person: Int) -> String { "buyer\(person)@firm\(person).example" }

    static func captured(_ id: LeadID, email: String) -> LeadEvent {
        LeadEvent(
            leadID: id, occurredAt: Fixtures.epoch, actor: .system,
            payload: .captured(Lead(id: id, email: email, company: "Acme"), stage: .lead))
    }

    static func claimCount(_ database: TestDatabase, schema: String) async throws -> Int {
        let rows = try await database.client.query("SELECT count(*) FROM \(unescaped: schema).identity_claims")
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    /// Opens three engines on one journal, each on a store of its own, then captures each person
    /// on all three at once, each instance under its own lead id (as three source systems would
    /// send it: a web form, the CRM, a chat); returns the number of leads in the journal.
    static func captureEachPersonOnThreeInstances(
        _ database: TestDatabase, schema: String, identity: (any IdentityResolver)?
    ) async throws -> Int {
        let playbook = try DrillPlaybook.make()
        var engines: [AlignmentEngine] = []
        for _ in 0..<3 {
            let store = try await PostgresEventStore(client: database.client, schema: schema, identity: identity)
            engines.append(
                try await AlignmentEngine(
                    playbook: playbook, store: store, configuration: EngineConfiguration(conflictRetries: 50)))
        }
        let sources = ["web", "crm", "chat"]
        for person in 0..<people {
            // Caught up alike, so that all three plan the person as new.
            for engine in engines { try await engine.catchUp() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, engine) in engines.enumerated() {
                    let lead = Lead(
                        id: LeadID("\(sources[index])-\(person)"), email: email(person), company: "Firm \(person)",
                        source: sources[index])
                    group.addTask { _ = try await engine.capture(lead) }
                }
                try await group.waitForAll()
            }
        }
        let store = try await PostgresEventStore(client: database.client, schema: schema)
        var leads = Set<LeadID>()
        for try await event in store.events(from: .start) where event.payload.kind == "captured" {
            leads.insert(event.leadID)
        }
        return leads.count
    }
}
