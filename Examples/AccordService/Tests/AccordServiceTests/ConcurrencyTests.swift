import Accord
import AccordService
import Foundation
import Hummingbird
import HummingbirdTesting
import Journal
import LeadModel
import Testing

/// Many senders at once, on the file store: no request fails on a conflict of its own making.
struct ConcurrencyTests {
    @Test func newPeopleArrivingAtOnceAreAllCaptured() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-conc-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await FileEventStore(directory: directory)
        let engine = try await AlignmentEngine(
            playbook: try Harness.playbook(), store: store, configuration: EngineConfiguration())
        let state = ServiceState()
        await state.markReady()
        let api = AccordAPI(
            engine: engine,
            configuration: ServiceConfiguration(
                dataDirectory: directory, webhookSecret: Harness.secret, apiToken: Harness.token),
            state: state)
        let statuses = try await Hummingbird.Application(router: api.router()).test(.router) { client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for person in 0..<48 {
                    group.addTask {
                        let body = Harness.quoteRequest(email: "p\(person)@example.com")
                        return Int(try await Harness.post(client, "/v1/signals", body).status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
        }
        try await store.close()
        #expect(statuses.count == 48)
        #expect(statuses.allSatisfy { $0 == 201 }, "\(statuses.filter { $0 != 201 })")
        #expect(await engine.leadCount == 48)
    }
}
