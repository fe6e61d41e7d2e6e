import Accord
import AccordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Testing

/// `GET /metrics`: requests by route and status, the engine's notifications and gauges.
struct MetricsTests {
    @Test func requestsNotificationsAndGaugesAreExported() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            _ = try await Harness.post(client, "/v1/signals", Harness.quoteRequest())
            _ = try await client.execute(uri: "/v1/leads", method: .post, body: ByteBuffer(string: "{}"))
            _ = try await Harness.get(client, "/v1/leads/L9999999")
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
            let response = try await Harness.get(client, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let lines = String(buffer: response.body).split(separator: "\n").map(String.init)
            func value(_ name: String, _ labels: [String] = []) -> String? {
                lines.first { line in
                    line.hasPrefix(name + (labels.isEmpty ? " " : "{")) && labels.allSatisfy { line.contains($0) }
                }?.split(separator: " ").last.map(String.init)
            }
            #expect(value("accord_http_requests_total", [#"route="/v1/signals""#, #"status="201""#]) == "1")
            #expect(value("accord_http_requests_total", [#"route="/v1/leads""#, #"status="401""#]) == "1")
            #expect(value("accord_http_requests_total", [#"route="/v1/leads/{id}""#, #"status="404""#]) == "1")
            #expect(value("accord_http_request_duration_seconds_count", [#"route="/v1/signals""#]) == "1")
            #expect(value("accord_engine_notifications_total", [#"kind="stage-changed""#]) == "1")
            // Gauges are written as floating-point numbers.
            #expect(value("accord_leads").flatMap(Double.init) == 1)
            #expect((value("accord_open_clocks").flatMap(Double.init) ?? 0) > 0)
        }
    }
}
