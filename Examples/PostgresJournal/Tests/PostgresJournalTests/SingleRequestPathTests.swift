import EventStoreConformance
import Foundation
import LeadModel
import PostgresNIO
import Testing

@testable import PostgresJournal

private typealias Fixtures = ConformanceFixtures

/// Version 8's single-request path of `append_events` answers every call as the general path
/// does, and keeps its guarantees when writers race on a stream that does not exist yet.
struct SingleRequestPathTests {
    /// One call's outcome as the database gives it: positions, duplicates and versions, or the
    /// conflict's detail.
    private enum Outcome: Equatable {
        case appended([Int64], [Bool], [Int32])
        case conflict(String)
    }

    /// Calls that take either path: new leads and existing ones, keys new, recorded, repeated
    /// within a call and reused on another lead, expected versions met and missed, several
    /// requests in one call, a call of duplicates only.
    private static func calls() throws -> [AppendCall] {
        let a = Fixtures.leadID(1)
        let b = Fixtures.leadID(2)
        let c = Fixtures.leadID(3)
        func call(_ lead: LeadID, _ expected: ExpectedVersion, _ events: [LeadEvent]) throws -> AppendCall {
            try AppendCall([AppendRequest(leadID: lead, expectedVersion: expected, events: events)])
        }
        return [
            try call(a, .noStream, [Fixtures.captured(a)]),
            try call(a, .exactly(1), [Fixtures.signal(a, sequence: 1, idempotencyKey: "k1")]),
            try call(a, .any, [Fixtures.signal(a, sequence: 2, idempotencyKey: "k1")]),
            try call(
                a, .any,
                [
                    Fixtures.signal(a, sequence: 3, idempotencyKey: "k2"),
                    Fixtures.signal(a, sequence: 4, idempotencyKey: "k2"),
                ]),
            try call(
                a, .any,
                [
                    Fixtures.signal(a, sequence: 5, idempotencyKey: "k1"),
                    Fixtures.signal(a, sequence: 6, idempotencyKey: "k3"),
                ]),
            try call(a, .exactly(1), [Fixtures.touch(a, sequence: 7)]),
            try call(a, .noStream, [Fixtures.touch(a, sequence: 8)]),
            try call(b, .exactly(2), [Fixtures.captured(b)]),
            try call(b, .any, [Fixtures.captured(b), Fixtures.touch(b, sequence: 9), Fixtures.touch(b, sequence: 10)]),
            try call(c, .noStream, [Fixtures.signal(c, sequence: 11, idempotencyKey: "k3")]),
            try call(c, .noStream, [Fixtures.signal(c, sequence: 12, idempotencyKey: "k4")]),
            try call(c, .exactly(1), [Fixtures.signal(c, sequence: 13, idempotencyKey: "k5")]),
            try AppendCall([
                AppendRequest(
                    leadID: a, expectedVersion: .any, events: [Fixtures.signal(a, sequence: 14, idempotencyKey: "k6")]),
                AppendRequest(leadID: b, expectedVersion: .exactly(3), events: [Fixtures.touch(b, sequence: 15)]),
            ]),
            try call(b, .exactly(4), [Fixtures.signal(b, sequence: 16, idempotencyKey: "k6")]),
            try call(c, .exactly(2), [Fixtures.signal(c, sequence: 17, idempotencyKey: "k5")]),
            try call(c, .exactly(5), [Fixtures.signal(c, sequence: 18, idempotencyKey: "k7")]),
            try call(c, .exactly(2), [Fixtures.signal(c, sequence: 19, idempotencyKey: "k7")]),
        ]
    }

    @Test func answersEveryCallAsTheGeneralPathDoes() async throws {
        try await TestDatabase.with { database in
            let general = await database.newSchema()
            try await PostgresEventStore.migrate(
                client: database.client, schema: general, logger: Logger(label: "test"), timeout: .seconds(30), to: 7)
            let current = await database.newSchema()
            _ = try await PostgresEventStore(client: database.client, schema: current)

            let calls = try Self.calls()
            var generalOutcomes: [Outcome] = []
            var currentOutcomes: [Outcome] = []
            for call in calls {
                generalOutcomes.append(try await Self.run(call, in: general, database))
                currentOutcomes.append(try await Self.run(call, in: current, database))
            }
            #expect(currentOutcomes == generalOutcomes)
            #expect(currentOutcomes.filter { if case .conflict = $0 { true } else { false } }.count == 4)
            for table in ["events", "streams", "idempotency_keys", "head"] {
                #expect(
                    try await Self.rows(of: table, in: current, database)
                        == Self.rows(of: table, in: general, database), "\(table) differs")
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func writersRacingOnANewStreamEachGetAVersionOfTheirOwn() async throws {
        try await TestDatabase.with { database in
            let store = try await PostgresEventStore(
                client: database.client, schema: await database.newSchema(), groupCommit: false)
            let lead = Fixtures.leadID(7)
            let writers = 12
            let results = try await withThrowingTaskGroup(of: AppendResult.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        try await store.append(
                            [Fixtures.signal(lead, sequence: writer, idempotencyKey: "race-\(writer)")], to: lead)
                    }
                }
                return try await group.reduce(into: [AppendResult]()) { $0.append($1) }
            }
            #expect(Set(results.map(\.version)) == Set(1...writers))
            #expect(Set(results.flatMap(\.positions).map(\.rawValue)) == Set(1...UInt64(writers)))
            #expect(try await store.events(forLead: lead).count == writers)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func onlyOneOfRacingFirstCapturesWinsAndTheOthersBurnNoPosition() async throws {
        try await TestDatabase.with { database in
            let store = try await PostgresEventStore(
                client: database.client, schema: await database.newSchema(), groupCommit: false)
            let lead = Fixtures.leadID(8)
            let won = try await withThrowingTaskGroup(of: Bool.self) { group in
                for writer in 0..<10 {
                    group.addTask {
                        do {
                            _ = try await store.append(
                                [Fixtures.signal(lead, sequence: writer, idempotencyKey: "first-\(writer)")], to: lead,
                                expecting: .noStream)
                            return true
                        } catch let error as EventStoreError where error.code == .versionConflict {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(won == 1)
            let next = try await store.append([Fixtures.touch(lead, sequence: 99)], to: lead, expecting: .exactly(1))
            #expect(next.positions == [JournalPosition(2)])
            // The losers' keys were rolled back with their calls: a retry appends.
            let keys = try await store.read(from: .start, limit: 10).compactMap(\.idempotencyKey)
            let loser = (0..<10).map { "first-\($0)" }.first { !keys.contains($0) }!
            let retry = try await store.append(
                [Fixtures.signal(lead, sequence: 100, idempotencyKey: loser)], to: lead, expecting: .exactly(2))
            #expect(retry.duplicates == [false] && retry.positions == [JournalPosition(3)])
        }
    }

    private static func run(_ call: AppendCall, in schema: String, _ database: TestDatabase) async throws -> Outcome {
        do {
            let rows = try await database.client.query(try call.query(schema: schema))
            for try await (positions, duplicates, versions) in rows.decode(([Int64], [Bool], [Int32]).self) {
                return .appended(positions, duplicates, versions)
            }
            Issue.record("append_events returned no row")
            return .conflict("no row")
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "AC409" {
            return .conflict(error.serverInfo?[.detail] ?? "")
        }
    }

    /// Every row of a table, as text, in a stable order.
    private static func rows(of table: String, in schema: String, _ database: TestDatabase) async throws -> [String] {
        let rows = try await database.client.query(
            PostgresQuery(unsafeSQL: "SELECT t::text FROM \(schema).\(table) AS t ORDER BY 1"))
        var texts: [String] = []
        for try await text in rows.decode(String.self) { texts.append(text) }
        return texts
    }
}
