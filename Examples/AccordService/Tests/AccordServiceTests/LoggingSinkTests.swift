import Accord
import AccordService
import InMemoryLogging
import Logging
import Testing

/// Every decision the engine publishes reaches the log with structured metadata.
struct LoggingSinkTests {
    @Test func handoffIsLoggedStageOwnerAndClock() async throws {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        let harness = try await Harness(sinks: [LoggingSink(logger: logger)])
        let lead = try await harness.test { client in
            try Harness.decode(
                SignalOutput.self, try await Harness.post(client, "/v1/signals", Harness.quoteRequest())
            ).lead
        }
        let entries = handler.entries
        let kinds = entries.compactMap { $0.metadata["kind"]?.description }
        #expect(kinds.contains("lead-captured"))
        #expect(kinds.contains("stage-changed"))
        #expect(kinds.contains("assigned"))
        #expect(kinds.contains("sla-started"))
        #expect(entries.allSatisfy { $0.metadata["lead"]?.description == lead.id })
        let stage = entries.first { $0.metadata["kind"]?.description == "stage-changed" }
        #expect(stage?.metadata["to"]?.description == "sql")
        // No personal data in the log lines.
        #expect(!entries.contains { "\($0.message) \($0.metadata)".contains("acme.com") })
    }
}
