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
    /// For the connections a store and an ``AdvisoryLockLeadership`` open outside the pool, make
    /// the matching ``connectionConfiguration(url:)`` from the same URL.
    ///
    /// - Parameter url: the connection URL; its scheme is `postgres` or `postgresql`.
    /// - Returns: the configuration for `PostgresClient(configuration:)`.
    /// - Throws: ``LeadModel/EventStoreError`` `invalidRequest` naming what is wrong with the URL
    ///   (never its password).
    public static func clientConfiguration(url: String) throws -> PostgresClient.Configuration {
        let parts = try ConnectionURL(url)
        let tls: PostgresClient.Configuration.TLS
        switch parts.sslMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(
            host: parts.host, port: parts.port, username: parts.user, password: parts.password,
            database: parts.database, tls: tls)
    }

    /// A postgres-nio configuration for a single connection, outside any pool, from the same kind
    /// of connection URL as ``clientConfiguration(url:)``, with the same meaning of each part.
    ///
    /// Pass it as the `listenerConnection` of
    /// ``init(client:listenerConnection:schema:timeout:groupCommit:identity:logger:)``, so that
    /// the live tail listens on a connection of its own, and to
    /// ``AdvisoryLockLeadership/init(connection:name:retryInterval:logger:)``, so that the lock's
    /// session is a connection of its own. Its options keep postgres-nio's defaults (a 10-second
    /// connect timeout); set `configuration.options.additionalStartupParameters` to match the
    /// client's if you set any there (for example an `application_name`).
    ///
    /// ```swift
    /// let client = PostgresClient(configuration: try PostgresEventStore.clientConfiguration(url: url))
    /// let listener = try PostgresEventStore.connectionConfiguration(url: url)
    /// let store = try await PostgresEventStore(client: client, listenerConnection: listener)
    /// ```
    ///
    /// - Parameter url: the connection URL; its scheme is `postgres` or `postgresql`.
    /// - Returns: the configuration for `PostgresConnection.connect(configuration:id:logger:)`.
    /// - Throws: ``LeadModel/EventStoreError`` `invalidRequest` naming what is wrong with the URL
    ///   (never its password); `io` when TLS (`sslmode` `prefer` or `require`) cannot be set up
    ///   on this machine.
    public static func connectionConfiguration(url: String) throws -> PostgresConnection.Configuration {
        let parts = try ConnectionURL(url)
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch parts.sslMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw EventStoreError(.io, "TLS for the connection URL's sslmode could not be set up: \(error)")
        }
        return PostgresConnection.Configuration(
            host: parts.host, port: parts.port, username: parts.user, password: parts.password,
            database: parts.database, tls: tls)
    }
}

/// The parts of a `postgres://` connection URL that the configurations are made of.
private struct ConnectionURL {
    enum SSLMode { case disable, prefer, require }

    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String?
    var sslMode: SSLMode

    /// - Throws: ``LeadModel/EventStoreError`` `invalidRequest` naming what is wrong (never the
    ///   password).
    init(_ url: String) throws {
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
        switch mode {
        case "disable": sslMode = .disable
        case "prefer", "allow": sslMode = .prefer
        case "require": sslMode = .require
        default:
            throw EventStoreError(
                .invalidRequest, "the connection URL's sslmode \"\(mode)\" is not one of disable, prefer, require")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.password = components.password
        self.database = database.isEmpty ? nil : database
    }
}
