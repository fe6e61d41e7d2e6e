import Accord
import Foundation
import Hummingbird
import Journal
import LeadModel
import Logging
import PostgresJournal
import PostgresNIO
import ServiceLifecycle
import UnixSignals

/// Opens the data directory and builds the runnable service: the HTTP application with the
/// engine's timer loop beside it, every decision the engine publishes logged (``LoggingSink``)
/// and counted (``MetricsSink``), and the metrics at `GET /metrics`.
///
/// ```swift
/// let configuration = try ServiceConfiguration(environment: ProcessInfo.processInfo.environment)
/// let group = try await AccordServer.serviceGroup(configuration: configuration, logger: logger)
/// try await group.run()  // until SIGTERM or SIGINT
/// ```
public enum AccordServer {
    /// The whole service under one `ServiceGroup` that stops gracefully on SIGTERM and SIGINT:
    /// the application of ``application(configuration:logger:state:)`` and, after it, a
    /// ``ReadinessGate``, which the group stops first: `/readyz` answers 503 `draining` for
    /// `configuration.drainDelay`, then the server stops accepting and drains, then the engine
    /// stops and the store closes.
    ///
    /// - Parameters:
    ///   - configuration: where to listen, the data directory, the secrets and the timeouts.
    ///   - logger: the service's logger.
    /// - Returns: the group; `run()` runs it until SIGTERM or SIGINT.
    /// - Throws: what ``application(configuration:logger:state:)`` throws; `EventStoreError`
    ///   `invalidRequest` for a `configuration.postgresURL` that is not a connection URL, `io`
    ///   when its `sslmode` needs TLS that cannot be set up.
    ///
    /// With `configuration.postgresURL` set, the group also runs the connection pool (first, so
    /// it stops last), and the application opens on the shared journal once the pool runs (see
    /// ``application(configuration:logger:state:postgres:leaderConnection:)``).
    public static func serviceGroup(configuration: ServiceConfiguration, logger: Logger) async throws -> ServiceGroup {
        let state = ServiceState()
        let gate = ReadinessGate(state: state, drainDelay: configuration.drainDelay, logger: logger)
        if let url = configuration.postgresURL {
            let client = PostgresClient(
                configuration: try PostgresEventStore.clientConfiguration(url: url), backgroundLogger: logger)
            let host = PostgresApplicationService(
                configuration: configuration, logger: logger, state: state, client: client,
                leaderConnection: try PostgresEventStore.connectionConfiguration(url: url))
            return ServiceGroup(
                configuration: .init(
                    services: [client, host, gate], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        }
        let app = try await application(configuration: configuration, logger: logger, state: state)
        return ServiceGroup(
            configuration: .init(
                services: [app, gate], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    }

    /// Opens the file store in `configuration.dataDirectory` (the journal in `journal/`, the
    /// playbook from `playbook.json` when present, else Accord's standard playbook) and builds the
    /// application on it, with the answers to keyed writes in `idempotency.jsonl` beside the
    /// journal.
    ///
    /// - Parameters:
    ///   - configuration: where to listen, the data directory and the secrets.
    ///   - logger: the service's logger.
    ///   - state: the readiness that `/readyz` reports.
    /// - Returns: the application; `runService()` runs it until SIGTERM or SIGINT, then drains
    ///   and closes the store.
    /// - Throws: `PlaybookError` for a playbook that does not validate; `EventStoreError`
    ///   `directoryLocked` when another process owns the directory, or another storage error;
    ///   ``IdempotencyLedgerError`` when the ledger cannot be read.
    public static func application(
        configuration: ServiceConfiguration, logger: Logger, state: ServiceState = ServiceState()
    ) async throws -> some ApplicationProtocol {
        let directory = configuration.dataDirectory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try await FileEventStore(directory: directory.appendingPathComponent("journal"))
        if let notice = store.recovery {
            logger.warning("journal recovered after a crash", metadata: ["recovery": "\(notice)"])
        }
        let metrics = ServiceMetrics()
        let engine: AlignmentEngine
        let idempotency: IdempotencyLedger
        do {
            // Opened after the store, whose lock makes this process the directory's only writer.
            idempotency = try IdempotencyLedger(
                file: directory.appendingPathComponent("idempotency.jsonl"),
                retention: configuration.idempotencyRetention)
            engine = try await AlignmentEngine(
                playbook: try loadPlaybook(in: directory), store: store,
                configuration: EngineConfiguration(
                    now: { Date() }, sinks: [LoggingSink(logger: logger), MetricsSink(metrics: metrics)]))
        } catch {
            try? await store.close()
            throw error
        }
        var services: [any Service] = [
            EngineService(engine: engine, closeStore: { try await store.close() }, state: state, logger: logger)
        ]
        var outbox: Outbox?
        if !configuration.outboxEndpoints.isEmpty {
            do {
                let opened = try makeOutbox(configuration, store: store)
                outbox = opened
                // After the engine: stopped before it, so before the store closes.
                services.append(OutboxService(outbox: opened))
            } catch {
                try? await store.close()
                throw error
            }
        }
        let api = AccordAPI(
            engine: engine, configuration: configuration, state: state, metrics: metrics, idempotency: idempotency,
            outbox: outbox)
        return Application(
            router: api.router(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "accord"),
            services: services,
            logger: logger)
    }

    /// The playbook in `directory` (`playbook.json`), or the standard playbook when there is none.
    private static func loadPlaybook(in directory: URL) throws -> Playbook {
        let file = directory.appendingPathComponent("playbook.json")
        return FileManager.default.fileExists(atPath: file.path) ? try Playbook.load(contentsOf: file) : .standard
    }

    /// The outbox for the configured endpoints, its cursors in the data directory's `outbox/`.
    private static func makeOutbox(_ configuration: ServiceConfiguration, store: any EventStore) throws -> Outbox {
        try Outbox(
            directory: configuration.dataDirectory.appendingPathComponent("outbox"),
            configuration: OutboxConfiguration(
                endpoints: configuration.outboxEndpoints,
                secret: configuration.outboxSecret ?? configuration.webhookSecret,
                maxAttempts: configuration.outboxMaxAttempts),
            store: store)
    }

    /// Opens the shared journal in PostgreSQL (``PostgresJournal/PostgresEventStore`` in
    /// `configuration.postgresSchema`) and builds the application on it: the answers to keyed
    /// writes in the ``PostgresIdempotencyLedger`` beside it, and the engine's timer loop and the
    /// outbox run by whichever instance holds the advisory lock `accord-service-leader:<schema>`
    /// (``SharedEngineService``, with ``PostgresJournal/AdvisoryLockLeadership``), on a
    /// connection of its own opened with `leaderConnection`.
    ///
    /// `configuration.dataDirectory` still holds the playbook (`playbook.json`) and the outbox's
    /// cursors (`outbox/`), which are this instance's own: give each instance its own directory.
    ///
    /// - Parameters:
    ///   - configuration: where to listen, the schema, the data directory and the secrets.
    ///   - logger: the service's logger.
    ///   - state: the readiness and role that `/readyz` reports.
    ///   - postgres: a connection pool that is running (its `run()` in a task of the caller's).
    ///   - leaderConnection: how to open the leader lock's connection, outside the pool (make it
    ///     with ``PostgresJournal/PostgresEventStore/connectionConfiguration(url:)`` from the
    ///     pool's URL); closing it when the instance stops releases the lock.
    /// - Returns: the application; `runService()` runs it until SIGTERM or SIGINT, then drains.
    /// - Throws: `PlaybookError` for a playbook that does not validate; `EventStoreError` when
    ///   the journal cannot be opened; ``IdempotencyLedgerError`` when the ledger's table cannot be
    ///   created; ``OutboxError``.
    public static func application(
        configuration: ServiceConfiguration, logger: Logger, state: ServiceState = ServiceState(),
        postgres client: PostgresClient, leaderConnection: PostgresConnection.Configuration
    ) async throws -> some ApplicationProtocol {
        let directory = configuration.dataDirectory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let playbook = try loadPlaybook(in: directory)
        // Each capture claims its person's identity keys, by the playbook's identity rules (the
        // engine's), so one person posted to two instances at once becomes one lead.
        let store = try await PostgresEventStore(
            client: client, schema: configuration.postgresSchema,
            identity: StandardIdentityResolver(configuration: playbook.identity))
        let idempotency = try await PostgresIdempotencyLedger(
            client: client, schema: configuration.postgresSchema, retention: configuration.idempotencyRetention)
        let metrics = ServiceMetrics()
        var engineConfiguration = EngineConfiguration(
            now: { Date() }, sinks: [LoggingSink(logger: logger), MetricsSink(metrics: metrics)])
        // The leader's loop looks for clocks the other instances started at the followers' pace.
        engineConfiguration.runCheckInterval = PostgresIdempotencyLedger.seconds(configuration.followerInterval)
        let engine = try await AlignmentEngine(playbook: playbook, store: store, configuration: engineConfiguration)
        var outbox: Outbox?
        if !configuration.outboxEndpoints.isEmpty {
            outbox = try makeOutbox(configuration, store: store)
        }
        // Tried every followerInterval by a follower; held on a connection of its own.
        let leadership = AdvisoryLockLeadership(
            connection: leaderConnection, name: "accord-service-leader:\(configuration.postgresSchema)",
            retryInterval: configuration.followerInterval, logger: logger)
        let api = AccordAPI(
            engine: engine, configuration: configuration, state: state, metrics: metrics, idempotency: idempotency,
            outbox: outbox, catchesUpOnMiss: true)
        return Application(
            router: api.router(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "accord"),
            services: [
                SharedEngineService(
                    engine: engine, leadership: leadership, outbox: outbox,
                    followerInterval: configuration.followerInterval,
                    state: state, logger: logger)
            ],
            logger: logger)
    }
}

/// Opens the application on the shared journal once the connection pool beside it runs, then
/// runs it: the pool must run before the store can open, so the application is built inside
/// this service rather than before the group starts.
struct PostgresApplicationService: Service {
    let configuration: ServiceConfiguration
    let logger: Logger
    let state: ServiceState
    let client: PostgresClient
    let leaderConnection: PostgresConnection.Configuration

    func run() async throws {
        let app = try await AccordServer.application(
            configuration: configuration, logger: logger, state: state, postgres: client,
            leaderConnection: leaderConnection)
        try await app.run()
    }
}
