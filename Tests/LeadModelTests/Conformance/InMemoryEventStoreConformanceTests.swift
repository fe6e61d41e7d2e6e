import EventStoreConformance
import LeadModel
import Testing

/// ``InMemoryEventStore`` against every check of the storage conformance suite, and the suite
/// against stores that break the contract on purpose, to show that it can fail.
struct InMemoryEventStoreConformanceTests {
    @Test(arguments: EventStoreConformance.checks)
    func inMemoryStoreConforms(_ check: ConformanceCheck) async throws {
        let outcome = try await check.run(InMemoryEventStore())
        #expect(outcome == .passed)
    }

    @Test func wholeSuitePassesForInMemoryStore() async throws {
        let report = try await EventStoreConformance(makeStore: { InMemoryEventStore() }).run()
        #expect(report.passed, "\(report)")
        #expect(report.results.count == EventStoreConformance.checks.count)
    }

    @Test func checkNamesAreUnique() {
        let names = EventStoreConformance.checks.map(\.name)
        #expect(Set(names).count == names.count)
    }

    @Test func storeIgnoringIdempotencyFailsIdempotencyChecks() async throws {
        let suite = EventStoreConformance(makeStore: { IgnoresIdempotencyKeys() })
        let error = await #expect(throws: ConformanceFailure.self) { try await suite.runAll() }
        let failed = Set(error?.failedChecks ?? [])
        #expect(failed.contains("idempotency-across-calls"))
        #expect(failed.contains("idempotency-within-one-call"))
        #expect(failed.contains("all-duplicate-requests-ignore-expected-version"))
        #expect(!failed.contains("positions-start-at-one-and-are-gapless"))
        let violation = error?.violations.first { $0.check == "idempotency-across-calls" }
        #expect(violation?.expected == "[true]")
        #expect(violation?.observed == "[false]")
    }

    @Test func storeIgnoringExpectedVersionFailsVersionChecks() async throws {
        let report = try await EventStoreConformance(makeStore: { IgnoresExpectedVersion() }).run()
        let failed = Set(report.failedChecks)
        #expect(!report.passed)
        #expect(failed.contains("expected-version-no-stream"))
        #expect(failed.contains("expected-version-exactly"))
        #expect(failed.contains("conflicting-batch-appends-nothing"))
        #expect(failed.contains("optimistic-concurrency-under-contention"))
        #expect(!failed.contains("read-pages-from-any-position"))
    }

    @Test func storeWithoutSnapshotsSkipsSnapshotChecks() async throws {
        let check = try #require(EventStoreConformance.check(named: "snapshots-save-and-load"))
        let outcome = try await check.run(IgnoresExpectedVersion())
        #expect(outcome == .notApplicable("the store is not a SnapshotStore"))
    }
}

/// A broken store: forgets every idempotency key, so replays are appended again.
private struct IgnoresIdempotencyKeys: EventStore {
    let base = InMemoryEventStore()
    var durability: Durability { base.durability }

    func append(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        let stripped = requests.map { request in
            var copy = request
            copy.events = request.events.map { event in
                var unkeyed = event
                unkeyed.idempotencyKey = nil
                return unkeyed
            }
            return copy
        }
        return try await base.append(stripped)
    }

    func read(from position: JournalPosition, limit: Int) async throws -> [LeadEvent] {
        await base.read(from: position, limit: limit)
    }

    func events(forLead id: LeadID) async throws -> [LeadEvent] {
        await base.events(forLead: id)
    }

    func erase(lead id: LeadID, recording erasure: LeadEvent) async throws -> LeadEvent {
        try await base.erase(lead: id, recording: erasure)
    }
}

/// A broken store: appends whatever version the appender expects.
private struct IgnoresExpectedVersion: EventStore {
    let base = InMemoryEventStore()
    var durability: Durability { base.durability }

    func append(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        try await base.append(requests.map { AppendRequest(leadID: $0.leadID, events: $0.events) })
    }

    func read(from position: JournalPosition, limit: Int) async throws -> [LeadEvent] {
        await base.read(from: position, limit: limit)
    }

    func events(forLead id: LeadID) async throws -> [LeadEvent] {
        await base.events(forLead: id)
    }

    func erase(lead id: LeadID, recording erasure: LeadEvent) async throws -> LeadEvent {
        try await base.erase(lead: id, recording: erasure)
    }
}
