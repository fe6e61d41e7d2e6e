import LeadModel
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

    /// Runs `work`, a statement on `connection`, waiting no longer than `timeout` and no longer
    /// than the connection lives.
    ///
    /// postgres-nio 1.33 never answers a statement sent on a connection that already closed (the
    /// server ended it while it was idle, say); such a statement is left waiting in its task, and
    /// the caller gets an error at once.
    ///
    /// - Parameters:
    ///   - connection: the connection `work` runs on.
    ///   - timeout: how long the statement may take.
    ///   - what: what the statement does, for the error's message.
    ///   - work: the statement.
    /// - Returns: what `work` returns.
    /// - Throws: ``LeadModel/EventStoreError`` `io` when the connection closed or `timeout`
    ///   passed first; what `work` throws; `CancellationError`.
    static func answer<Value: Sendable>(
        on connection: PostgresConnection, within timeout: Duration, _ what: String,
        _ work: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        do {
            guard !connection.isClosed else { throw Deadline.Closed() }
            return try await Deadline.run(within: timeout, orUntil: connection.closeFuture, work)
        } catch is Deadline.Closed {
            throw EventStoreError(.io, "the connection to PostgreSQL closed while \(what)")
        } catch is Deadline.Expired {
            throw EventStoreError(
                .io, "PostgreSQL did not answer within \(timeout) while \(what); the connection is closed")
        }
    }
}
