import Accord
import Foundation
import Hummingbird
import Journal
import LeadModel
import Logging
import ServiceLifecycle

/// Opens the data directory and builds the runnable service: the HTTP application with the
/// engine's timer loop beside it, every decision the engine publishes logged (``LoggingSink``)
/// and counted (``MetricsSink``), and the metrics at `GET /metrics`.
///
/// ```swift
/// let configuration = try ServiceConfiguration(environment: ProcessInfo.processInfo.environment)
/// let app = try await AccordServer.application(configuration: configuration, logger: logger)
/// try await app.runService()  // until SIGTERM or SIGINT
/// ```
public enum AccordServer {
    /// Opens the file store in `configuration.dataDirectory` (the journal in `journal/`, the
    /// playbook from `playbook.json` when present, else Accord's standard playbook) and builds the
    /// application on it.
    ///
    /// - Parameters:
    ///   - configuration: where to listen, the data directory and the secrets.
    ///   - logger: the service's logger.
    /// - Returns: the application; `runService()` runs it until SIGTERM or SIGINT, then drains
    ///   and closes the store.
    /// - Throws: `PlaybookError` for a playbook that does not validate; `EventStoreError`
    ///   `directoryLocked` when another process owns the directory, or another storage error.
    public static func application(
        configuration: ServiceConfiguration, logger: Logger
    ) async throws -> some ApplicationProtocol {
        let directory = configuration.dataDirectory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try await FileEventStore(directory: directory.appendingPathComponent("journal"))
        if let notice = store.recovery {
            logger.warning("journal recovered after a crash", metadata: ["recovery": "\(notice)"])
        }
        let metrics = ServiceMetrics()
        let engine: AlignmentEngine
        do {
            let playbookFile = directory.appendingPathComponent("playbook.json")
            let playbook =
                FileManager.default.fileExists(atPath: playbookFile.path)
                ? try Playbook.load(contentsOf: playbookFile) : Playbook.standard
            engine = try await AlignmentEngine(
                playbook: playbook, store: store,
                configuration: EngineConfiguration(
                    now: { Date() }, sinks: [LoggingSink(logger: logger), MetricsSink(metrics: metrics)]))
        } catch {
            try? await store.close()
            throw error
        }
        let state = ServiceState()
        let api = AccordAPI(engine: engine, configuration: configuration, state: state, metrics: metrics)
        return Application(
            router: api.router(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "accord"),
            services: [
                EngineService(engine: engine, closeStore: { try await store.close() }, state: state, logger: logger)
            ],
            logger: logger)
    }
}
