import Logging
import PostgresNIO

/// Makes one of the service instances sharing a PostgreSQL journal its leader, with a
/// session-level advisory lock (`pg_try_advisory_lock`).
///
/// The leader runs what must run once across the instances: the engine's timer loop (SLA
/// warnings, breaches, escalations, rescoring) and the outbox's deliveries. The others follow:
/// they fold what the leader and the other instances append, and try to take the lock again
/// every `retryInterval`. Every instance serves the API either way.
///
/// The lock belongs to one connection of the pool, which is held while the instance leads and
/// checked every `retryInterval` (`SELECT 1`). When that connection breaks (the leader's process
/// dies, or the network between it and the database), PostgreSQL drops the lock with the
/// session, so another instance takes it within about `retryInterval` of the server noticing;
/// the old leader stops its work as soon as its check fails. Between the server dropping the
/// session and the old leader noticing, both may run the timer loop for a moment: harmless,
/// because the journal's expected versions and idempotency keys keep a step from being
/// recorded twice.
///
/// A value with reference semantics (it holds the shared client); safe to use from any task.
public struct PostgresLeaderLock: Sendable {
    /// The name the lock is taken under (its 32-bit `hashtext` is the advisory lock's key).
    public let name: String
    let client: PostgresClient
    let logger: Logger

    /// Makes a lock.
    /// - Parameters:
    ///   - client: a running connection pool.
    ///   - name: what the instances agree on, usually `accord-service-leader:<schema>`, so that
    ///     services on different schemas of one database each have a leader.
    ///   - logger: where gaining and losing the lead are logged.
    public init(client: PostgresClient, name: String, logger: Logger) {
        self.client = client
        self.name = name
        self.logger = logger
    }

    /// Leads or follows until the task is cancelled.
    ///
    /// - Parameters:
    ///   - retryInterval: how often a follower calls `follow` and tries the lock, and how often
    ///     the leader checks its connection.
    ///   - changed: called with `true` when this instance becomes the leader and `false` when it
    ///     follows (at the start, and after losing the lead).
    ///   - follow: what a follower does every `retryInterval` (fold the journal); its errors are
    ///     logged, not thrown.
    ///   - lead: what the leader runs until it is cancelled (because the lead was lost or the
    ///     task was); it should return or throw `CancellationError` when cancelled.
    /// - Throws: what `lead` throws other than on cancellation, so that the service stops
    ///   rather than lead half-way.
    public func run(
        retryInterval: Duration, changed: @escaping @Sendable (Bool) async -> Void,
        follow: @escaping @Sendable () async throws -> Void, lead: @escaping @Sendable () async throws -> Void
    ) async throws {
        await changed(false)
        while !Task.isCancelled {
            do {
                if try await leadWhileLocked(checkEvery: retryInterval, changed: changed, lead: lead) {
                    // Follow for a round before trying again, so another instance can take over.
                    await changed(false)
                    logger.warning("lost the lead: following", metadata: ["lock": "\(name)"])
                }
            } catch is CancellationError {
                return
            } catch let error as LeaderWorkError {
                throw error.underlying
            } catch {
                logger.warning(
                    "could not try the leader lock; following", metadata: ["lock": "\(name)", "error": "\(error)"])
            }
            do {
                try await follow()
            } catch is CancellationError {
                return
            } catch {
                logger.warning("following failed; trying again", metadata: ["error": "\(error)"])
            }
            do {
                try await Task.sleep(for: retryInterval)
            } catch {
                return
            }
        }
    }

    /// Tries the lock on a connection of its own; when it is taken, runs `lead` beside a
    /// check of the connection until either ends, then unlocks.
    /// - Returns: whether this instance led (and lost or left the lead).
    private func leadWhileLocked(
        checkEvery interval: Duration, changed: @escaping @Sendable (Bool) async -> Void,
        lead: @escaping @Sendable () async throws -> Void
    ) async throws -> Bool {
        try await client.withConnection { connection in
            let rows = try await connection.query(
                "SELECT pg_try_advisory_lock(hashtext(\(name)))", logger: logger)
            var locked = false
            for try await value in rows.decode(Bool.self) { locked = value }
            guard locked else { return false }
            logger.info("took the lead", metadata: ["lock": "\(name)"])
            await changed(true)
            let outcome: Result<Void, any Error> = await withTaskGroup(of: Result<Void, any Error>?.self) { group in
                group.addTask {
                    do {
                        try await lead()
                        return .success(())
                    } catch {
                        return .failure(error)
                    }
                }
                group.addTask {
                    // The lock lives as long as this session: stop leading once it is gone.
                    while !Task.isCancelled {
                        do {
                            try await Task.sleep(for: interval)
                            _ = try await connection.query("SELECT 1", logger: logger).collect()
                        } catch {
                            return Task.isCancelled ? nil : .success(())
                        }
                    }
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first ?? .failure(CancellationError())
            }
            // Unlock for the next leader (a broken session has already dropped the lock).
            _ = try? await connection.query("SELECT pg_advisory_unlock(hashtext(\(name)))", logger: logger).collect()
            if case .failure(let error) = outcome, !(error is CancellationError) {
                throw LeaderWorkError(underlying: error)
            }
            if Task.isCancelled { throw CancellationError() }
            return true
        }
    }
}

/// The leader's own work failed (not the lock): the service stops instead of trying again.
private struct LeaderWorkError: Error {
    var underlying: any Error
}
