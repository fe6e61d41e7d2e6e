import Accord
import AccordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadModel
import NIOCore
import NIOFoundationCompat

/// An engine on an in-memory journal behind the API, and helpers to sign and read requests.
struct Harness {
    static let secret = "whsec-test"
    static let token = "token-test"

    let engine: AlignmentEngine
    let state: ServiceState
    let api: AccordAPI

    /// The standard playbook with two reps sharing new SQLs, as in the QuickStart example.
    static func playbook() throws -> Playbook {
        var playbook = Playbook.standard
        playbook.routing = try JSONDecoder().decode(
            RoutingRules.self,
            from: Data(
                """
                {"reps": [{"id": "maria"}, {"id": "james"}],
                 "pools": [{"name": "inbound", "members": [{"rep": "maria"}, {"rep": "james"}]}],
                 "rules": [], "default": {"pool": "inbound"}}
                """.utf8))
        return playbook
    }

    init(
        maxBodySize: Int = 1 << 20, requestTimeout: Duration = .seconds(10), sinks: [any NotificationSink] = []
    ) async throws {
        let metrics = ServiceMetrics()
        engine = try await AlignmentEngine(
            playbook: try Self.playbook(), store: InMemoryEventStore(),
            configuration: EngineConfiguration(sinks: sinks + [MetricsSink(metrics: metrics)]))
        state = ServiceState()
        await state.markReady()
        let configuration = ServiceConfiguration(
            dataDirectory: URL(fileURLWithPath: "/nonexistent"), webhookSecret: Self.secret, apiToken: Self.token,
            maxBodySize: maxBodySize, requestTimeout: requestTimeout)
        api = AccordAPI(engine: engine, configuration: configuration, state: state, metrics: metrics)
    }

    /// Runs a test against the router, without a network.
    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Application(router: api.router()).test(.router) { client in try await body(client) }
    }

    /// The signature headers for a body, signed at a time with a secret.
    static func signed(
        _ body: String, at time: Date = Date(), secret: String = Harness.secret, extra: HTTPFields = [:]
    ) -> HTTPFields {
        let timestamp = String(Int(time.timeIntervalSince1970))
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[.accordTimestamp] = timestamp
        headers[.accordSignature] = WebhookSignature(secret: secret).signature(
            for: Data(body.utf8), timestamp: timestamp)
        headers.append(contentsOf: extra)
        return headers
    }

    /// The bearer header for reads.
    static let bearer: HTTPFields = [.authorization: "Bearer \(Harness.token)"]

    /// A signed POST.
    static func post(
        _ client: any TestClientProtocol, _ uri: String, _ body: String, extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        try await client.execute(
            uri: uri, method: .post, headers: signed(body, extra: extra), body: ByteBuffer(string: body))
    }

    /// An authorised GET.
    static func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: bearer)
    }

    /// Decodes a response body as the API encodes it.
    static func decode<Value: Decodable>(_ type: Value.Type, _ response: TestResponse) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(buffer: response.body))
    }

    /// A quote request from a new person: the standard playbook hands it to sales as an SQL.
    static func quoteRequest(email: String = "ana@acme.com", key: String? = nil) -> String {
        let keyField = key.map { ", \"idempotencyKey\": \"\($0)\"" } ?? ""
        return """
            {"person": {"email": "\(email)", "company": "Acme", "source": "website",
                        "attributes": {"industry": "healthcare", "employees": 450, "country": "US"}},
             "signal": {"kind": "quote-requested", "occurredAt": "\(Date().addingTimeInterval(-5).formatted(.iso8601))"\(keyField)}}
            """
    }
}
