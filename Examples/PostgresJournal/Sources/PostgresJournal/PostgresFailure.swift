import LeadModel
import PostgresNIO

/// Turns postgres-nio's errors into ``LeadModel/EventStoreError``s that say what failed and what
/// to do next, without statement arguments (which hold personal data).
enum PostgresFailure {
    /// The SQLSTATE `append_events` raises for a failed expected version.
    static let versionConflictState = "AC409"

    /// Runs `body` within `timeout`, mapping its errors.
    ///
    /// postgres-nio's pool waits for a connection for as long as it takes (reconnecting with
    /// backoff), so without a deadline a call to a server that is down would never return. At the
    /// deadline the call throws even if the work does not stop when cancelled (see ``Deadline``).
    ///
    /// - Parameters:
    ///   - what: what the store was doing, for the message ("appending 3 events").
    ///   - timeout: how long the call may take, connecting included.
    ///   - requests: the append call's requests, to name the lead of a version conflict.
    ///   - leadID: the lead concerned, if any.
    static func mapping<Result: Sendable>(
        _ what: String, timeout: Duration, requests: [AppendRequest] = [], leadID: LeadID? = nil,
        _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        do {
            return try await Deadline.run(within: timeout, body)
        } catch is Deadline.Expired {
            throw EventStoreError(
                .io,
                "PostgreSQL did not answer within \(timeout) while \(what): the server may be down, "
                    + "unreachable or overloaded (the pool keeps reconnecting); check that it runs "
                    + "and that the host, port and credentials are right. An append that timed out "
                    + "may have been recorded: retry it with the same idempotency keys",
                leadID: leadID)
        } catch let error as EventStoreError {
            throw error
        } catch let error as PSQLError {
            throw map(error, what: what, requests: requests, leadID: leadID)
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError as? EventStoreError { throw inner }
            let cause = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError
            if let cause = cause as? PSQLError {
                throw map(cause, what: what, requests: requests, leadID: leadID)
            }
            throw EventStoreError(
                .io, "PostgreSQL failed while \(what): \(cause.map { "\($0)" } ?? "\(error)")", leadID: leadID)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw EventStoreError(.io, "PostgreSQL failed while \(what): \(error)", leadID: leadID)
        }
    }

    static func map(_ error: PSQLError, what: String, requests: [AppendRequest], leadID: LeadID?)
        -> EventStoreError
    {
        if let info = error.serverInfo {
            let state = info[.sqlState] ?? "?"
            if state == versionConflictState, let detail = info[.detail] {
                return versionConflict(detail: detail, requests: requests)
            }
            // The server's message names the object and the problem; its detail may quote
            // values (personal data), so it is left out.
            let message = info[.message] ?? "an error"
            var advice = "check the server's log"
            switch state {
            case "40P01", "40001":
                advice = "the transaction was rolled back and nothing was written; retry the call"
            case "42P01", "42883":
                advice = "the journal's tables or function are missing; open the store to migrate the schema"
            case "53300", "57P03":
                advice = "the server refuses connections for now; retry later"
            default: break
            }
            return EventStoreError(
                .io, "PostgreSQL refused \(what): \(message) (SQLSTATE \(state)); \(advice)", leadID: leadID)
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown,
            .sslUnsupported, .failedToAddSSLHandler:
            let cause = error.underlying.map { ": \($0)" } ?? ""
            return EventStoreError(
                .io,
                "cannot reach PostgreSQL while \(what)\(cause); check that the server runs, that the "
                    + "host, port and credentials are right (ACCORD_POSTGRES_URL), then retry — the pool "
                    + "reconnects on the next call",
                leadID: leadID)
        case .poolClosed:
            return EventStoreError(.closed, "the PostgreSQL client was shut down while \(what)", leadID: leadID)
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            return EventStoreError(
                .io, "PostgreSQL refused the login while \(what): \(error.code); check the user and password",
                leadID: leadID)
        default:
            return EventStoreError(.io, "PostgreSQL failed while \(what): \(error.code)", leadID: leadID)
        }
    }

    /// The error for `append_events`'s version conflict; `detail` is "request:version", or
    /// "claim:request" when another lead holds an identity key a new lead's capture claims.
    static func versionConflict(detail: String, requests: [AppendRequest]) -> EventStoreError {
        if detail.hasPrefix("claim:") {
            let number = Int(detail.dropFirst("claim:".count)) ?? 0
            let lead = number >= 1 && number <= requests.count ? requests[number - 1].leadID : nil
            return EventStoreError(
                .versionConflict,
                "another lead already claimed this person's identity (a concurrent capture of the same "
                    + "person); reload the journal and capture the person again to find that lead",
                leadID: lead)
        }
        let parts = detail.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 1, parts[0] <= requests.count else {
            return EventStoreError(.versionConflict, "a stream did not have the expected version; reload and retry")
        }
        let request = requests[parts[0] - 1]
        return EventStoreError(
            .versionConflict,
            "expected \(request.expectedVersion) but the stream has \(parts[1]) events; reload the lead and retry",
            leadID: request.leadID)
    }
}
