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
    /// How long a request may take before it is answered 503 `timedOut`
    /// (`ACCORD_REQUEST_TIMEOUT`, seconds, default 10).
    public var requestTimeout: Duration
    /// How long `/readyz` answers 503 `draining` after SIGTERM before the server stops accepting
    /// (`ACCORD_DRAIN_DELAY`, seconds, default 2): time for a load balancer to notice.
    public var drainDelay: Duration
    /// Where handoffs, SLA warnings, breaches and escalations are posted
    /// (`ACCORD_OUTBOX_ENDPOINTS`, `name=url` pairs separated by commas; none by default).
    public var outboxEndpoints: [OutboxEndpoint] = []
    /// The secret outbound notifications are signed with (`ACCORD_OUTBOX_SECRET`, default the
    /// webhook secret).
    public var outboxSecret: String?
    /// Attempts per notification before it is a dead letter (`ACCORD_OUTBOX_MAX_ATTEMPTS`, 8).
    public var outboxMaxAttempts = 8
    /// How long the answer to a keyed write is kept for retries (`ACCORD_IDEMPOTENCY_RETENTION`:
    /// seconds, or a number with `s`, `m`, `h` or `d`; default 24 hours). A retry later than
    /// that runs again.
    public var idempotencyRetention: Duration = .seconds(86_400)
    /// The shared PostgreSQL journal (`ACCORD_POSTGRES_URL`, e.g.
    /// `postgres://accord:secret@db:5432/accord?sslmode=require`), or `nil` for the file store
    /// in ``dataDirectory``. Several instances on one URL and schema share one journal and one
    /// idempotency table; one of them leads (runs the timer loop and the outbox).
    public var postgresURL: String?
    /// The PostgreSQL schema of the journal and the service's tables (`ACCORD_POSTGRES_SCHEMA`,
    /// default `accord`).
    public var postgresSchema = "accord"
    /// How often an instance that does not lead folds what the others appended, and tries to
    /// take the lead (1 second).
    public var followerInterval: Duration = .seconds(1)

    /// Makes a configuration.
    /// - Parameters:
    ///   - host: the address to bind.
    ///   - port: the port to listen on.
    ///   - dataDirectory: the data directory.
    ///   - webhookSecret: the secret that signs inbound writes; not empty.
    ///   - apiToken: the bearer token for reads; not empty.
    ///   - replayWindow: the accepted clock difference of a signed request, in seconds.
    ///   - maxBodySize: the largest request body, in bytes.
    ///   - requestTimeout: how long a request may take before it is answered 503.
    ///   - drainDelay: how long `/readyz` answers 503 after SIGTERM before the server stops accepting.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, dataDirectory: URL, webhookSecret: String, apiToken: String,
        replayWindow: TimeInterval = 300, maxBodySize: Int = 1 << 20, requestTimeout: Duration = .seconds(10),
        drainDelay: Duration = .seconds(2)
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.webhookSecret = webhookSecret
        self.apiToken = apiToken
        self.replayWindow = replayWindow
        self.maxBodySize = maxBodySize
        self.requestTimeout = requestTimeout
        self.drainDelay = drainDelay
    }

    /// Reads the configuration from environment variables: `HOST`, `PORT`, `ACCORD_DATA`,
    /// `ACCORD_WEBHOOK_SECRET`, `ACCORD_API_TOKEN`, `ACCORD_REQUEST_TIMEOUT`,
    /// `ACCORD_DRAIN_DELAY`, `ACCORD_OUTBOX_ENDPOINTS`, `ACCORD_OUTBOX_SECRET`,
    /// `ACCORD_OUTBOX_MAX_ATTEMPTS`, `ACCORD_IDEMPOTENCY_RETENTION`, `ACCORD_POSTGRES_URL` and
    /// `ACCORD_POSTGRES_SCHEMA`.
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
        func seconds(_ name: String, default value: Double, allowsZero: Bool) -> Duration {
            guard let text = environment[name], !text.isEmpty else { return .seconds(value) }
            guard let number = Double(text), number.isFinite, allowsZero ? number >= 0 : number > 0 else {
                problems.append(
                    "\(name) must be a number of seconds\(allowsZero ? "" : " above 0"), e.g. \(value), got '\(text)'")
                return .seconds(value)
            }
            return .milliseconds(Int((number * 1000).rounded()))
        }
        let timeout = seconds("ACCORD_REQUEST_TIMEOUT", default: 10, allowsZero: false)
        let drainDelay = seconds("ACCORD_DRAIN_DELAY", default: 2, allowsZero: true)
        var endpoints: [OutboxEndpoint] = []
        for pair in (environment["ACCORD_OUTBOX_ENDPOINTS"] ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let url = URL(string: parts[1]),
                ["http", "https"].contains(url.scheme ?? ""), url.host != nil
            else {
                problems.append(
                    "ACCORD_OUTBOX_ENDPOINTS expects name=https://host/path pairs separated by commas, got '\(pair)'")
                continue
            }
            endpoints.append(OutboxEndpoint(name: parts[0], url: url))
        }
        let attemptsText = environment["ACCORD_OUTBOX_MAX_ATTEMPTS"] ?? "8"
        let attempts = Int(attemptsText) ?? 0
        if attempts < 1 {
            problems.append("ACCORD_OUTBOX_MAX_ATTEMPTS must be a whole number above 0, got '\(attemptsText)'")
        }
        var retention: Duration = .seconds(86_400)
        if let text = environment["ACCORD_IDEMPOTENCY_RETENTION"], !text.isEmpty {
            if let parsed = Self.duration(text) {
                retention = parsed
            } else {
                problems.append(
                    "ACCORD_IDEMPOTENCY_RETENTION must be a duration above 0: seconds, or a number with s, m, h or d "
                        + "(24h), got '\(text)'")
            }
        }
        let postgresURL = environment["ACCORD_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let postgresURL, !(postgresURL.hasPrefix("postgres://") || postgresURL.hasPrefix("postgresql://")) {
            problems.append("ACCORD_POSTGRES_URL must be a postgres:// URL (postgres://user:password@host:5432/db)")
        }
        let schema = environment["ACCORD_POSTGRES_SCHEMA"].flatMap { $0.isEmpty ? nil : $0 } ?? "accord"
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        let data = environment["ACCORD_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "accord-data"
        self.init(
            host: host, port: port ?? 8080, dataDirectory: URL(fileURLWithPath: data), webhookSecret: secret,
            apiToken: token, requestTimeout: timeout, drainDelay: drainDelay)
        self.outboxEndpoints = endpoints
        self.outboxSecret = environment["ACCORD_OUTBOX_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        self.outboxMaxAttempts = attempts
        self.idempotencyRetention = retention
        self.postgresURL = postgresURL
        self.postgresSchema = schema
    }

    /// A duration from `90`, `90s`, `15m`, `24h` or `7d`; `nil` unless above 0.
    static func duration(_ text: String) -> Duration? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var number = Substring(text.trimmingCharacters(in: .whitespaces))
        var scale = 1.0
        if let last = number.last, let unit = units[last] {
            scale = unit
            number = number.dropLast()
        }
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        return .milliseconds(Int((value * scale * 1000).rounded()))
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
