import Foundation
import LeadModel
import PostgresJournal
import PostgresNIO
import Testing

/// Connection URLs and what a store says when the database is out of reach.
struct ConnectionTests {
    @Test func readsEveryPartOfAConnectionURL() throws {
        let configuration = try PostgresEventStore.clientConfiguration(
            url: "postgres://ana%40ops:s%3Acret@db.internal:6543/journal?sslmode=disable")
        #expect(configuration.host == "db.internal")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "ana@ops")
        #expect(configuration.password == "s:cret")
        #expect(configuration.database == "journal")
    }

    @Test func readsEveryPartOfAConnectionURLForAConnectionOfItsOwn() throws {
        let configuration = try PostgresEventStore.connectionConfiguration(
            url: "postgresql://ana%40ops:s%3Acret@db.internal:6543/journal?sslmode=disable")
        #expect(configuration.host == "db.internal")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "ana@ops")
        #expect(configuration.password == "s:cret")
        #expect(configuration.database == "journal")
        #expect(!configuration.tls.isAllowed)
        let defaults = try PostgresEventStore.connectionConfiguration(url: "postgres://ana@db.internal")
        #expect(defaults.port == 5432)
        #expect(defaults.password == nil)
        #expect(defaults.database == nil)
        #expect(defaults.tls.isAllowed && !defaults.tls.isEnforced, "sslmode prefer by default")
        let required = try PostgresEventStore.connectionConfiguration(
            url: "postgres://ana@db.internal/j?sslmode=require")
        #expect(required.tls.isEnforced)
    }

    @Test(arguments: [
        "mysql://u:p@h/db", "postgres:///db", "postgres://h/db", "postgres://u:p@h/db?sslmode=verify-full",
        "not a url",
    ])
    func refusesAMalformedURLWithoutPrintingIt(_ url: String) {
        let refusal: @Sendable (any Error) -> Bool = { error in
            guard let error = error as? EventStoreError else { return false }
            return error.code == .invalidRequest && !error.message.contains(":p@")
        }
        #expect {
            _ = try PostgresEventStore.clientConfiguration(url: url)
        } throws: { refusal($0) }
        #expect {
            _ = try PostgresEventStore.connectionConfiguration(url: url)
        } throws: { refusal($0) }
    }

    @Test func refusesABadSchemaName() async throws {
        try await TestDatabase.with { database in
            for name in ["", "Accord", "1journal", "a-b", "x; DROP TABLE y", String(repeating: "a", count: 64)] {
                await #expect(throws: EventStoreError.self) {
                    _ = try await PostgresEventStore(client: database.client, schema: name)
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func anUnreachableDatabaseIsAnIOErrorThatSaysSo() async throws {
        var configuration = try PostgresEventStore.clientConfiguration(
            url: "postgres://accord:accord@127.0.0.1:9/accord?sslmode=disable")
        configuration.options.connectTimeout = .seconds(2)
        let client = PostgresClient(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let started = ContinuousClock.now
            do {
                _ = try await PostgresEventStore(client: client, schema: "accord", timeout: .seconds(3))
                Issue.record("opening a store on a closed port succeeded")
            } catch let error as EventStoreError {
                #expect(error.code == .io)
                #expect(error.message.contains("did not answer within 3"), "\(error.message)")
            }
            #expect(ContinuousClock.now - started < .seconds(20))
        }
    }
}
