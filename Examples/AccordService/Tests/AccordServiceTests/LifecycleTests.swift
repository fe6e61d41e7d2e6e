import Accord
import AccordService
import Foundation
import Journal
import LeadModel
import Logging
import ServiceLifecycle
import Testing

/// The engine's timer loop under a `ServiceGroup`: graceful shutdown closes the store.
struct LifecycleTests {
    @Test func gracefulShutdownStopsTheLoopAndReleasesTheDataDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-service-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await FileEventStore(directory: directory)
        let engine = try await AlignmentEngine(
            playbook: Playbook.standard, store: store, configuration: EngineConfiguration())
        _ = try await engine.capture(Lead(id: "", email: "ana@acme.com"))
        let state = ServiceState()
        let logger = Logger(label: "test")
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    EngineService(
                        engine: engine, closeStore: { try await store.close() }, state: state, logger: logger)
                ], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            while !(await state.isReady) { try await Task.sleep(for: .milliseconds(10)) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(await state.isReady == false)
        // The lock is released and the journal kept the capture: a new store opens on it.
        let reopened = try await FileEventStore(directory: directory)
        let again = try await AlignmentEngine(
            playbook: Playbook.standard, store: reopened, configuration: EngineConfiguration())
        #expect(await again.leadCount == 1)
        try await reopened.close()
    }
}
