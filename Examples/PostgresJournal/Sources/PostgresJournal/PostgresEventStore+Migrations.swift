import LeadModel
import PostgresNIO

extension PostgresEventStore {
    /// Creates the schema or upgrades it to ``schemaVersion``, in one transaction under a
    /// transaction-scoped advisory lock named after the schema, so that instances starting at
    /// the same time migrate once and the others wait and find it done.
    ///
    /// - Parameter target: the version to migrate to: the latest but in tests, which lay out
    ///   older schemas to upgrade.
    /// - Throws: ``LeadModel/EventStoreError`` `unsupportedFormat` when the database records a
    ///   newer schema version than this build knows; `io` on database failures.
    static func migrate(
        client: PostgresClient, schema: String, logger: Logger, timeout: Duration,
        to target: Int = SchemaMigrations.latestVersion
    ) async throws {
        let lockName = "accord.postgres-journal.\(schema)"
        try await PostgresFailure.mapping("migrating the schema \(schema)", timeout: timeout) {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lockName)))", logger: logger)
                try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger)
                try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS \(unescaped: schema).schema_version (
                        version integer PRIMARY KEY,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """, logger: logger)
                var recorded = 0
                let rows = try await connection.query(
                    "SELECT coalesce(max(version), 0) FROM \(unescaped: schema).schema_version", logger: logger)
                for try await version in rows.decode(Int32.self) { recorded = Int(version) }
                let latest = SchemaMigrations.latestVersion
                guard recorded <= latest else {
                    throw EventStoreError(
                        .unsupportedFormat,
                        "the schema \(schema) is at version \(recorded), newer than this store knows "
                            + "(up to \(latest)); upgrade Accord's PostgresJournal before opening it")
                }
                for version in (recorded + 1)..<(max(recorded, target) + 1) {
                    for statement in SchemaMigrations.migrations[version - 1] {
                        let sql = statement.replacingOccurrences(of: "{schema}", with: schema)
                        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                    }
                    let number = Int32(version)
                    try await connection.query(
                        "INSERT INTO \(unescaped: schema).schema_version (version) VALUES (\(number))",
                        logger: logger)
                }
            }
        }
    }
}
