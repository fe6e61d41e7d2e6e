import Foundation

/// How the service runs: where it listens, where the journal lives, and its two secrets.
///
/// A value type with typed fields; ``init(environment:)`` reads it from the process
/// environment, as the executable does. Tests build one directly.
public struct ServiceConfiguration: Sendable {
    /// The address to bind (`HOST`, default `127.0.0.1`: loopback only).
    public var host: String
    /// The port to listen on (`PORT`, default 8080; 0 picks a free port).
    public var port: Int
    /// The data directory (`ACCORD_DATA`, default `accord-data` in the working directory): the
    /// journal in `journal/` and, when present, the playbook in `playbook.json`, as `accord` lays
    /// them out.
    public var dataDirectory: URL
    /// The shared secret that signs inbound writes (`ACCORD_WEBHOOK_SECRET`).
    public var webhookSecret: String
    /// The token that read requests present as `Authorization: Bearer …` (`ACCORD_API_TOKEN`).
    public var apiToken: String
    /// How far a signed request's timestamp may be from now, either way (5 minutes).
    public var replayWindow: TimeInterval
    /// The largest request body accepted; larger ones get 413 (1 MiB).
    public var maxBodySize: Int

    /// Makes a configuration.
    /// - Parameters:
    ///   - host: the address to bind.
    ///   - port: the port to listen on.
    ///   - dataDirectory: the data directory.
    ///   - webhookSecret: the secret that signs inbound writes; not empty.
    ///   - apiToken: the bearer token for reads; not empty.
    ///   - replayWindow: the accepted clock difference of a signed request, in seconds.
    ///   - maxBodySize: the largest request body, in bytes.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, dataDirectory: URL, webhookSecret: String, apiToken: String,
        replayWindow: TimeInterval = 300, maxBodySize: Int = 1 << 20
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.webhookSecret = webhookSecret
        self.apiToken = apiToken
        self.replayWindow = replayWindow
        self.maxBodySize = maxBodySize
    }

    /// Reads the configuration from environment variables: `HOST`, `PORT`, `ACCORD_DATA`,
    /// `ACCORD_WEBHOOK_SECRET` and `ACCORD_API_TOKEN`.
    ///
    /// The two secrets have no default: a service that would accept unsigned writes or
    /// unauthenticated reads does not start.
    ///
    /// - Parameter environment: the variables, usually `ProcessInfo.processInfo.environment`.
    /// - Throws: ``ConfigurationError`` naming every variable that is missing or malformed.
    public init(environment: [String: String]) throws(ConfigurationError) {
        var problems: [String] = []
        let port = environment["PORT"].map { Int($0) } ?? 8080
        if port == nil || !(0...65_535).contains(port ?? 0) {
            problems.append("PORT must be a port number (0-65535), got '\(environment["PORT"] ?? "")'")
        }
        let host = environment["HOST"] ?? "127.0.0.1"
        if host.isEmpty { problems.append("HOST is empty; leave it unset for 127.0.0.1") }
        let secret = environment["ACCORD_WEBHOOK_SECRET"] ?? ""
        if secret.isEmpty {
            problems.append(
                "ACCORD_WEBHOOK_SECRET is not set: inbound writes are signed with it (openssl rand -hex 32)")
        }
        let token = environment["ACCORD_API_TOKEN"] ?? ""
        if token.isEmpty {
            problems.append("ACCORD_API_TOKEN is not set: reads need it as a bearer token (openssl rand -hex 32)")
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        let data = environment["ACCORD_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "accord-data"
        self.init(
            host: host, port: port ?? 8080, dataDirectory: URL(fileURLWithPath: data), webhookSecret: secret,
            apiToken: token)
    }
}

/// The environment does not describe a service that can start.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every problem found, one sentence each, naming the variable.
    public var problems: [String]

    /// A message listing every problem.
    public var description: String {
        "cannot start: " + problems.joined(separator: "; ")
    }
}
