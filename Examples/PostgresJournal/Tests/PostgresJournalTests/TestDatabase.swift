import Foundation
import LeadModel
import PostgresJournal
import PostgresNIO
import Testing

/// The test cluster named by `ACCORD_POSTGRES_URL`, and a fresh schema per store so that tests
/// run in parallel without seeing each other's journals.
struct TestDatabase {
    /// Why the tests cannot run without a cluster, and how to get one.
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            """
            ACCORD_POSTGRES_URL is not set: these tests need a PostgreSQL server. Run them under a \
            throwaway cluster: Examples/PostgresJournal/scripts/with-postgres.sh swift test \
            --package-path Examples/PostgresJournal (from the repository root), or set \
            ACCORD_POSTGRES_URL=postgres://user:password@127.0.0.1:5432/database for a server of your own.
            """
        }
    }

    let client: PostgresClient
    let url: String
    /// A connection of its own on the test cluster, for the stores' live tail listeners and the
    /// leaderships' locks.
    let connection: PostgresConnection.Configuration
    /// The schemas this test created, dropped when it ends.
    private let created = SchemaList()

    /// Runs `body` with a running client on the test cluster, then drops the test's schemas.
    ///
    /// - Throws: ``Missing`` without `ACCORD_POSTGRES_URL` (recorded as a failure, never a skip),
    ///   or whatever `body` throws.
    static func with<Result: Sendable>(
        _ body: @Sendable (TestDatabase) async throws -> Result
    ) async throws -> Result {
        guard let url = ProcessInfo.processInfo.environment["ACCORD_POSTGRES_URL"], !url.isEmpty else {
            Issue.record(Comment(rawValue: Missing().description))
            throw Missing()
        }
        var configuration = try PostgresEventStore.clientConfiguration(url: url)
        configuration.options.maximumConnections = 60
        let client = PostgresClient(configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let database = TestDatabase(
                client: client, url: url, connection: try PostgresEventStore.connectionConfiguration(url: url))
            do {
                let result = try await body(database)
                try await database.dropSchemas()
                return result
            } catch {
                try? await database.dropSchemas()
                throw error
            }
        }
    }

    /// A new, empty store in a schema of its own, whose live tail listens on a connection of its
    /// own (or, with `pooledListener`, on one of the pool's: the store's fallback).
    func makeStore(pooledListener: Bool = false) async throws -> PostgresEventStore {
        try await PostgresEventStore(
            client: client, listenerConnection: pooledListener ? nil : connection, schema: await newSchema())
    }

    /// A new schema name, dropped when the test ends.
    func newSchema() async -> String {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        await created.add(name)
        return name
    }

    /// Runs one statement.
    func execute(_ sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql)).consumeAll()
    }

    /// The `pg_dump` of one schema, as text.
    func dump(schema: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pg_dump", "--no-owner", "--schema", schema, "--dbname", url]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DumpFailed(status: process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct DumpFailed: Error, CustomStringConvertible {
        var status: Int32
        var description: String { "pg_dump exited with \(status); is it on PATH (with-postgres.sh puts it there)?" }
    }

    private func dropSchemas() async throws {
        for schema in await created.names {
            try await execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
        }
    }
}

/// The schema names a test created.
actor SchemaList {
    private(set) var names: [String] = []
    func add(_ name: String) { names.append(name) }
}

extension PostgresRowSequence {
    func consumeAll() async throws {
        for try await _ in self {}
    }
}
