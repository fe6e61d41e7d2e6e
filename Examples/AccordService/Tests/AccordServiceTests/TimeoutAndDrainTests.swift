import Accord
import AccordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadModel
import Logging
import NIOCore
import ServiceLifecycle
import Testing

/// Request timeouts, and `/readyz` turning to `draining` as soon as shutdown begins.
struct TimeoutAndDrainTests {
    /// A sink that holds the engine up on every capture, as a slow disk or a stuck sink would.
    struct SlowSink: NotificationSink {
        let delay: Duration
        func deliver(_ notification: EngineNotification) async {
            if case .leadCaptured = notification { try? await Task.sleep(for: delay) }
        }
    }

    @Test func aSlowCommandAnswers503AndItsKeyGetsTheResultLater() async throws {
        // The sink holds the command for 3 s, far beyond the 200 ms timeout, so that a loaded
        // machine still answers the first request and its retry while the command runs.
        let harness = try await Harness(
            requestTimeout: .milliseconds(200), sinks: [SlowSink(delay: .seconds(3))])
        try await harness.test { client in
            let body = #"{"email": "gil@acme.com"}"#
            let key: HTTPFields = [.idempotencyKey: "crm:slow"]
            let started = ContinuousClock.now
            let slow = try await Harness.post(client, "/v1/leads", body, extra: key)
            #expect(ContinuousClock.now - started < .milliseconds(2_500))
            #expect(slow.status == .serviceUnavailable)
            #expect(slow.headers[.contentType] == "application/problem+json")
            #expect(try Harness.decode(Problem.self, slow).code == "timedOut")
            // The command still runs: the retry is told to wait, then gets the answer.
            let early = try await Harness.post(client, "/v1/leads", body, extra: key)
            #expect(ContinuousClock.now - started < .seconds(3))
            #expect(try Harness.decode(Problem.self, early).code == "idempotencyKeyInUse")
            var late = try await Harness.post(client, "/v1/leads", body, extra: key)
            while late.status != .created, ContinuousClock.now - started < .seconds(30) {
                try await Task.sleep(for: .milliseconds(200))
                late = try await Harness.post(client, "/v1/leads", body, extra: key)
            }
            #expect(late.status == .created)
            #expect(late.headers[.idempotentReplayed] == "true")
            // Reads are bounded too, and a fast request is not affected.
            let read = try await Harness.get(
                client, "/v1/leads/\(try Harness.decode(CaptureOutput.self, late).lead.id)")
            #expect(read.status == .ok)
        }
        #expect(await harness.engine.leadCount == 1)
    }

    @Test func readinessTurnsToDrainingBeforeTheServerStops() async throws {
        let harness = try await Harness()
        let logger = Logger(label: "test")
        let gate = ReadinessGate(state: harness.state, drainDelay: .milliseconds(400), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [gate], logger: logger))
        try await harness.test { client in
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
                await group.triggerGracefulShutdown()
                var phase = await harness.state.phase
                while phase != .draining {
                    try await Task.sleep(for: .milliseconds(5))
                    phase = await harness.state.phase
                }
                // During the delay the server still answers, and /readyz says why it is 503.
                let draining = try await client.execute(uri: "/readyz", method: .get)
                #expect(draining.status == .serviceUnavailable)
                #expect(try Harness.decode(Problem.self, draining).code == "draining")
                let lead = try await Harness.post(client, "/v1/leads", #"{"email": "hal@acme.com"}"#)
                #expect(lead.status == .created)
                try await tasks.waitForAll()
            }
        }
    }

    @Test func timeoutsAndDrainDelayComeFromTheEnvironment() throws {
        let base = ["ACCORD_WEBHOOK_SECRET": "s", "ACCORD_API_TOKEN": "t"]
        let defaults = try ServiceConfiguration(environment: base)
        #expect(defaults.requestTimeout == .seconds(10))
        #expect(defaults.drainDelay == .seconds(2))
        let set = try ServiceConfiguration(
            environment: base.merging(["ACCORD_REQUEST_TIMEOUT": "2.5", "ACCORD_DRAIN_DELAY": "0"]) { $1 })
        #expect(set.requestTimeout == .milliseconds(2500))
        #expect(set.drainDelay == .zero)
        #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(environment: base.merging(["ACCORD_REQUEST_TIMEOUT": "0"]) { $1 })
        }
        do {
            _ = try ServiceConfiguration(environment: base.merging(["ACCORD_DRAIN_DELAY": "soon"]) { $1 })
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.hasPrefix("ACCORD_DRAIN_DELAY") == true)
        }
    }
}
