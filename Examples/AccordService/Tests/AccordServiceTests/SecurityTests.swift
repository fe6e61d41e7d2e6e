import Accord
import AccordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Signed writes, bearer-token reads and the body limit: a refused request stores nothing.
struct SecurityTests {
    /// A signature problem and the headers that cause it.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var headers: @Sendable (String) -> HTTPFields
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing") { _ in [.contentType: "application/json"] },
        Case(name: "missing timestamp") { body in
            var headers = Harness.signed(body)
            headers[.accordTimestamp] = nil
            return headers
        },
        Case(name: "wrong secret") { body in Harness.signed(body, secret: "not-the-secret") },
        Case(name: "stale") { body in Harness.signed(body, at: Date().addingTimeInterval(-301)) },
        Case(name: "from the future") { body in Harness.signed(body, at: Date().addingTimeInterval(400)) },
        Case(name: "malformed") { body in
            var headers = Harness.signed(body)
            headers[.accordSignature] = "md5=abc"
            return headers
        },
        Case(name: "other body") { _ in Harness.signed(#"{"email": "eve@example.com"}"#) },
    ]

    @Test(arguments: cases) func badlySignedWriteIsRefusedAndStoresNothing(_ signature: Case) async throws {
        let harness = try await Harness()
        try await harness.test { client in
            for (uri, body) in [("/v1/leads", #"{"email": "ana@acme.com"}"#), ("/v1/signals", Harness.quoteRequest())] {
                let response = try await client.execute(
                    uri: uri, method: .post, headers: signature.headers(body), body: ByteBuffer(string: body))
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(try Harness.decode(Problem.self, response).code == "badSignature")
            }
        }
        #expect(await harness.engine.leadCount == 0)
        #expect(await harness.engine.journalPosition == nil)
    }

    @Test func signatureWithinTheWindowIsAccepted() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let body = #"{"email": "ana@acme.com"}"#
            let response = try await client.execute(
                uri: "/v1/leads", method: .post, headers: Harness.signed(body, at: Date().addingTimeInterval(-290)),
                body: ByteBuffer(string: body))
            #expect(response.status == .created)
        }
    }

    @Test func signatureMatchesOpenSSL() throws {
        // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec-test
        let signature = WebhookSignature(secret: "whsec-test")
        let expected = "sha256=fed7a1a6c799a6367d73724d76bc70c16678908a32a879cd1ded6565ac05cece"
        #expect(signature.signature(for: Data(#"{"a":1}"#.utf8), timestamp: "1700000000") == expected)
        let at = Date(timeIntervalSince1970: 1_700_000_100)
        #expect(throws: Never.self) {
            try signature.verify(body: Data(#"{"a":1}"#.utf8), timestamp: "1700000000", signature: expected, now: at)
        }
        #expect(throws: WebhookSignatureError.self) {
            try signature.verify(body: Data(#"{"a":2}"#.utf8), timestamp: "1700000000", signature: expected, now: at)
        }
    }

    @Test func readsNeedTheBearerToken() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            for uri in ["/v1/leads/L0000001", "/v1/report", "/v1/reps", "/v1/sla", "/v1/leads/L0000001/explain"] {
                let missing = try await client.execute(uri: uri, method: .get)
                #expect(missing.status == .unauthorized)
                #expect(missing.headers[.wwwAuthenticate] == "Bearer")
                #expect(try Harness.decode(Problem.self, missing).code == "missingToken")
                let wrong = try await client.execute(
                    uri: uri, method: .get, headers: [.authorization: "Bearer \(Harness.token)x"])
                #expect(wrong.status == .unauthorized)
                #expect(try Harness.decode(Problem.self, wrong).code == "badToken")
            }
            // The probes are open.
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test func bodyOverTheLimitIs413() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let padding = String(repeating: "x", count: 1 << 20)
            let body = #"{"email": "ana@acme.com", "title": "\#(padding)"}"#
            let response = try await Harness.post(client, "/v1/leads", body)
            #expect(response.status == .contentTooLarge)
            #expect(try Harness.decode(Problem.self, response).code == "bodyTooLarge")
        }
        #expect(await harness.engine.leadCount == 0)
    }
}
