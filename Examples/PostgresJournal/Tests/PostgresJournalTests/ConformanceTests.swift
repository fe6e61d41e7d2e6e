import EventStoreConformance
import LeadModel
import PostgresJournal
import Testing

/// The whole storage contract, check by check, each on a fresh schema.
struct PostgresConformanceTests {
    @Test(arguments: EventStoreConformance.checks)
    func conforms(_ check: ConformanceCheck) async throws {
        try await TestDatabase.with { database in
            let outcome = try await check.run(using: { try await database.makeStore() })
            #expect(outcome == .passed, "\(check.name)")
        }
    }
}
