import Accord
import AccordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadModel
import NIOCore
import NIOFoundationCompat
import Testing

/// The durable outbox against a receiver on loopback that fails, times out and recovers.
struct OutboxTests {
    /// What the receiver does with the next request.
    enum Behaviour: Sendable { case fail, hang, accept }

    /// A receiver's script and what it got.
    actor Receiver {
        private var script: [Behaviour]
        private let otherwise: Behaviour
        private(set) var accepted: [OutboxMessage] = []
        private(set) var requests = 0
        private(set) var badSignatures = 0

        init(script: [Behaviour], otherwise: Behaviour) {
            self.script = script
            self.otherwise = otherwise
        }

        func next(signatureValid: Bool) -> Behaviour {
            requests += 1
            if !signatureValid { badSignatures += 1 }
            return script.isEmpty ? otherwise : script.removeFirst()
        }

        func accept(_ message: OutboxMessage) { accepted.append(message) }
    }

    /// Runs a receiver on a free loopback port while `body` runs.
    static func withReceiver(
        _ receiver: Receiver, _ body: @Sendable (URL) async throws -> Void
    ) async throws {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let valid =
                (try? WebhookSignature(secret: Harness.secret).verify(
                    body: bytes.readableBytesView, timestamp: request.headers[.accordTimestamp],
                    signature: request.headers[.accordSignature], now: Date())) != nil
            switch await receiver.next(signatureValid: valid) {
            case .fail:
                return Response(status: .serviceUnavailable)
            case .hang:
                try await Task.sleep(for: .seconds(2))
                return Response(status: .ok)
            case .accept:
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                await receiver.accept(try decoder.decode(OutboxMessage.self, from: Data(buffer: bytes)))
                return Response(status: .noContent)
            }
        }
        let (ports, port) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.yield(channel.localAddress?.port ?? 0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            let bound = await iterator.next() ?? 0
            try await body(URL(string: "http://127.0.0.1:\(bound)/hook")!)
            group.cancelAll()
        }
    }

    /// An engine on an in-memory journal, an outbox in a temporary directory, and the API.
    static func service(
        store: InMemoryEventStore, directory: URL, url: URL, maxAttempts: Int
    ) async throws -> (AccordAPI, Outbox) {
        let engine = try await AlignmentEngine(
            playbook: try Harness.playbook(), store: store, configuration: EngineConfiguration())
        let outbox = try Outbox(
            directory: directory,
            configuration: OutboxConfiguration(
                endpoints: [OutboxEndpoint(name: "crm", url: url)], secret: Harness.secret, maxAttempts: maxAttempts,
                initialBackoff: .milliseconds(50), maxBackoff: .milliseconds(200), deliveryTimeout: .milliseconds(300),
                pollInterval: .milliseconds(20)),
            store: store)
        let state = ServiceState()
        await state.markReady()
        let api = AccordAPI(
            engine: engine,
            configuration: ServiceConfiguration(
                dataDirectory: directory, webhookSecret: Harness.secret, apiToken: Harness.token),
            state: state, outbox: outbox)
        return (api, outbox)
    }

    /// The positions of the events the outbox sends.
    static func notifications(in store: InMemoryEventStore) async throws -> [UInt64] {
        await store.read(from: .start, limit: 10_000).filter { OutboxConfiguration.kinds.contains($0.payload.kind) }
            .compactMap { $0.position?.rawValue }
    }

    /// Waits until `condition` holds, for at most `limit`.
    static func eventually(
        _ limit: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func endpointsComeFromTheEnvironment() throws {
        let base = ["ACCORD_WEBHOOK_SECRET": "s", "ACCORD_API_TOKEN": "t"]
        let configuration = try ServiceConfiguration(
            environment: base.merging([
                "ACCORD_OUTBOX_ENDPOINTS": "crm=https://crm.example.com/hooks/accord, slack=http://10.0.0.5:8080/x",
                "ACCORD_OUTBOX_MAX_ATTEMPTS": "3",
            ]) { $1 })
        #expect(configuration.outboxEndpoints.map(\.name) == ["crm", "slack"])
        #expect(configuration.outboxEndpoints.first?.url.absoluteString == "https://crm.example.com/hooks/accord")
        #expect(configuration.outboxMaxAttempts == 3)
        #expect(try ServiceConfiguration(environment: base).outboxEndpoints.isEmpty)
        #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(environment: base.merging(["ACCORD_OUTBOX_ENDPOINTS": "crm=ftp://x"]) { $1 })
        }
        #expect(throws: OutboxError.self) {
            try Outbox(
                directory: FileManager.default.temporaryDirectory.appendingPathComponent("accord-outbox-\(UUID())"),
                configuration: OutboxConfiguration(
                    endpoints: [OutboxEndpoint(name: "../etc", url: URL(string: "http://127.0.0.1/")!)], secret: "s"),
                store: InMemoryEventStore())
        }
    }

    @Test func deliversInOrderThroughFailuresAndATimeout() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-outbox-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let receiver = Receiver(script: [.fail, .hang, .fail], otherwise: .accept)
        try await Self.withReceiver(receiver) { url in
            let store = InMemoryEventStore()
            let (api, outbox) = try await Self.service(store: store, directory: directory, url: url, maxAttempts: 6)
            try await Application(router: api.router()).test(.router) { client in
                for person in ["ana@acme.com", "bo@initech.com", "cy@globex.com"] {
                    let response = try await Harness.post(
                        client, "/v1/signals", Harness.quoteRequest(email: person))
                    #expect(response.status == .created)
                }
                let expected = try await Self.notifications(in: store)
                #expect(expected.count >= 6)  // a stage change and an assignment per person
                let delivery = Task { try await outbox.run() }
                // Until the outbox has recorded its last delivery too: the receiver counts an
                // event as accepted before the outbox hears the answer, and a delivery cancelled
                // in between leaves the cursor one behind (to be sent again, at least once).
                let done = try await Self.eventually {
                    let accepted = Set(await receiver.accepted.map(\.position))
                    let endpoint = await outbox.status().endpoints.first
                    let head = await api.engine.journalPosition
                    return accepted.isSuperset(of: expected) && endpoint?.pending == 0
                        && endpoint?.deliveredThrough == head?.rawValue
                }
                delivery.cancel()
                #expect(done)
                let accepted = await receiver.accepted
                // In journal order (a redelivery may repeat one), hence in order per lead.
                #expect(accepted.map(\.position) == accepted.map(\.position).sorted())
                #expect(
                    accepted.allSatisfy { $0.id == "crm:\($0.position)" && $0.event.position?.rawValue == $0.position })
                #expect(await receiver.requests >= expected.count + 3)
                #expect(await receiver.badSignatures == 0)
                let status = try Harness.decode(OutboxStatus.self, try await Harness.get(client, "/v1/outbox"))
                #expect(status.endpoints.first?.deadLetters == [])
                #expect(status.endpoints.first?.pending == 0)
                #expect(expected.last ?? 0 <= status.endpoints.first?.deliveredThrough ?? 0)
                #expect(status.endpoints.first?.deliveredThrough == (await api.engine.journalPosition)?.rawValue)
            }
        }
    }

    @Test func deadLettersAfterTheLastAttemptAndARestartGoesOn() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-outbox-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = InMemoryEventStore()
        let failing = Receiver(script: [], otherwise: .fail)
        try await Self.withReceiver(failing) { url in
            let (api, outbox) = try await Self.service(store: store, directory: directory, url: url, maxAttempts: 2)
            try await Application(router: api.router()).test(.router) { client in
                _ = try await Harness.post(client, "/v1/signals", Harness.quoteRequest(email: "di@hooli.com"))
                let positions = try await Self.notifications(in: store)
                let delivery = Task { try await outbox.run() }
                let dead = try await Self.eventually {
                    await outbox.status().endpoints.first?.deadLetters.count == positions.count
                }
                delivery.cancel()
                #expect(dead)
                let status = try Harness.decode(OutboxStatus.self, try await Harness.get(client, "/v1/outbox"))
                let letters = status.endpoints.first?.deadLetters ?? []
                #expect(letters.map(\.position) == positions)
                #expect(letters.allSatisfy { $0.attempts == 2 && $0.lastError == "HTTP 503" })
                #expect(status.endpoints.first?.deliveredThrough ?? 0 >= positions.last ?? .max)
            }
        }
        let first = try await Self.notifications(in: store)
        #expect(await failing.requests == first.count * 2)

        // A new outbox on the same directory: the cursor and the dead letters were kept, so only
        // what is new goes out.
        let recovered = Receiver(script: [], otherwise: .accept)
        try await Self.withReceiver(recovered) { url in
            let (api, outbox) = try await Self.service(store: store, directory: directory, url: url, maxAttempts: 2)
            #expect(await outbox.status().endpoints.first?.deadLetters.count == first.count)
            try await Application(router: api.router()).test(.router) { client in
                _ = try await Harness.post(client, "/v1/signals", Harness.quoteRequest(email: "ed@hooli.com"))
            }
            let all = try await Self.notifications(in: store)
            let new = all.filter { $0 > (first.last ?? 0) }
            #expect(!new.isEmpty)
            let delivery = Task { try await outbox.run() }
            let done = try await Self.eventually { Set(await recovered.accepted.map(\.position)) == Set(new) }
            delivery.cancel()
            #expect(done)
        }
    }
}
