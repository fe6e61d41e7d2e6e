import PostgresNIO

/// A connection outside any pool, for work that must not share a pool's fate: the live tail's
/// `LISTEN` and the advisory lock's session. It is closed when the work ends or its task is
/// cancelled, so a connection the server or the network killed is simply replaced by the next
/// one, and closing it ends whatever the session held.
enum OwnConnection {
    /// Opens a connection, runs `body` on it, then closes it; cancelling the task closes it at
    /// once, which ends a query or a `LISTEN` that would otherwise wait.
    ///
    /// - Parameters:
    ///   - configuration: how to open the connection.
    ///   - id: the connection's number in postgres-nio's log metadata.
    ///   - logger: postgres-nio's logger for the connection.
    ///   - body: the work.
    /// - Returns: what `body` returns.
    /// - Throws: postgres-nio's error when the connection cannot be opened, or what `body`
    ///   throws.
    static func with<Result>(
        _ configuration: PostgresConnection.Configuration, id: Int, logger: Logger,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(
                try await withTaskCancellationHandler {
                    try await body(connection)
                } onCancel: {
                    _ = connection.close() as EventLoopFuture<Void>
                })
        } catch {
            outcome = .failure(error)
        }
        // Waits until the channel is closed: postgres-nio requires a connection to be closed
        // before it is released.
        try? await connection.close()
        return try outcome.get()
    }
}
