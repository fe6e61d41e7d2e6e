import Foundation
import LeadModel
import PostgresNIO

extension PostgresEventStore {
    /// A postgres-nio client configuration from a connection URL such as
    /// `postgres://accord:secret@db.internal:5432/accord?sslmode=require`.
    ///
    /// The user name and password may be percent-encoded. `sslmode` is `disable`, `prefer` (the
    /// default: TLS when the server offers it) or `require`; for certificate pinning or client
    /// certificates, build the configuration yourself. The pool's options keep postgres-nio's
    /// defaults (up to 20 connections, reconnecting with backoff); adjust
    /// `configuration.options` before creating the client.
    ///
    /// - Parameter url: the connection URL; its scheme is `postgres` or `postgresql`.
    /// - Returns: the configuration for `PostgresClient(configuration:)`.
    /// - Throws: ``LeadModel/EventStoreError`` `invalidRequest` naming what is wrong with the URL
    ///   (never its password).
    public static func clientConfiguration(url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw EventStoreError(
                .invalidRequest,
                "the connection URL is not a postgres:// URL; write it as postgres://user:password@host:port/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw EventStoreError(.invalidRequest, "the connection URL names no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw EventStoreError(.invalidRequest, "the connection URL names no user")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        default:
            throw EventStoreError(
                .invalidRequest, "the connection URL's sslmode \"\(mode)\" is not one of disable, prefer, require")
        }
        return PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: tls)
    }
}
