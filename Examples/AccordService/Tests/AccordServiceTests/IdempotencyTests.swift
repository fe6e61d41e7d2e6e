import Accord
import AccordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Journal
import LeadModel
import NIOCore
import NIOFoundationCompat
import Testing

/// `Idempotency-Key` on every write: a retry gets the original answer and records nothing new.
struct IdempotencyTests {
    @Test func everyWriteAnswersARetryWithTheOriginalAndRecordsItOnce() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let captureBody = #"{"email": "bo@initech.com", "source": "webinar"}"#
            let capture = try await Harness.post(client, "/v1/leads", captureBody, extra: [.idempotencyKey: "crm:1"])
            #expect(capture.status == .created)
            let lead = try Harness.decode(CaptureOutput.self, capture).lead
            // Without the ledger, a second capture of the person would answer 200 "matched".
            let captureAgain = try await Harness.post(
                client, "/v1/leads", captureBody, extra: [.idempotencyKey: "crm:1"])
            #expect(captureAgain.status == .created)
            #expect(captureAgain.headers[.idempotentReplayed] == "true")
            #expect(Data(buffer: captureAgain.body) == Data(buffer: capture.body))

            let writes: [(path: String, body: String)] = [
                ("/v1/leads/\(lead.id)/assign", #"{"owner": "maria", "reason": "named account"}"#),
                ("/v1/leads/\(lead.id)/touches", #"{"channel": "call", "by": "maria", "connected": true}"#),
                ("/v1/leads/\(lead.id)/feedback", #"{"outcome": "accepted", "meetingQuality": "strong"}"#),
                ("/v1/leads/\(lead.id)/stage", #"{"stage": "disqualified", "reason": "no budget"}"#),
            ]
            for (index, write) in writes.enumerated() {
                let key: HTTPFields = [.idempotencyKey: "crm:write-\(index)"]
                let first = try await Harness.post(client, write.path, write.body, extra: key)
                #expect(first.status == .ok, "\(write.path)")
                let position = await harness.engine.journalPosition
                let retry = try await Harness.post(client, write.path, write.body, extra: key)
                #expect(retry.status == first.status, "\(write.path)")
                #expect(retry.headers[.idempotentReplayed] == "true", "\(write.path)")
                #expect(Data(buffer: retry.body) == Data(buffer: first.body), "\(write.path)")
                #expect(await harness.engine.journalPosition == position, "a retry of \(write.path) recorded a fact")
            }
        }
    }

    @Test func aKeyNamesOneRequest() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let key: HTTPFields = [.idempotencyKey: "crm:7"]
            _ = try await Harness.post(client, "/v1/leads", #"{"email": "cy@globex.com"}"#, extra: key)
            let otherBody = try await Harness.post(client, "/v1/leads", #"{"email": "di@globex.com"}"#, extra: key)
            #expect(otherBody.status == .unprocessableContent)
            #expect(try Harness.decode(Problem.self, otherBody).code == "idempotencyKeyReused")
            let empty = try await Harness.post(
                client, "/v1/leads", #"{"email": "di@globex.com"}"#, extra: [.idempotencyKey: ""])
            #expect(empty.status == .badRequest)
            #expect(try Harness.decode(Problem.self, empty).errors?.map(\.path) == ["header.Idempotency-Key"])
        }
        #expect(await harness.engine.leadCount == 1)
    }

    @Test func aRefusedWriteFreesItsKey() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let lead = try Harness.decode(
                CaptureOutput.self, try await Harness.post(client, "/v1/leads", #"{"email": "ed@hooli.com"}"#)
            ).lead
            let key: HTTPFields = [.idempotencyKey: "crm:9"]
            let body = #"{"channel": "call", "by": "maria", "connected": true}"#
            let missing = try await Harness.post(client, "/v1/leads/L9999999/touches", body, extra: key)
            #expect(missing.status == .notFound)
            // The refusal recorded no answer: the key may be used again, for another request.
            let touched = try await Harness.post(client, "/v1/leads/\(lead.id)/touches", body, extra: key)
            #expect(touched.status == .ok)
            #expect(touched.headers[.idempotentReplayed] == nil)
        }
    }

    @Test func aRetryAfterARestartGetsTheOriginalAnswer() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-idem-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledgerFile = directory.appendingPathComponent("idempotency.jsonl")
        let touch = #"{"channel": "email", "by": "maria", "connected": false}"#
        let key: HTTPFields = [.idempotencyKey: "crm:touch-1"]

        let (lead, first, position) = try await Self.withService(directory, ledgerFile) { api, client in
            let lead = try Harness.decode(
                CaptureOutput.self, try await Harness.post(client, "/v1/leads", #"{"email": "fi@umbrella.com"}"#)
            ).lead
            let first = try await Harness.post(client, "/v1/leads/\(lead.id)/touches", touch, extra: key)
            #expect(first.status == .ok)
            return (lead, Data(buffer: first.body), await api.engine.journalPosition)
        }
        try await Self.withService(directory, ledgerFile) { api, client in
            let retry = try await Harness.post(client, "/v1/leads/\(lead.id)/touches", touch, extra: key)
            #expect(retry.status == .ok)
            #expect(retry.headers[.idempotentReplayed] == "true")
            #expect(Data(buffer: retry.body) == first)
            #expect(await api.engine.journalPosition == position)
        }
    }

    @Test func aKeyLeftPendingByACrashIsNeverRunTwice() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("accord-idem-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            // The process dies after claiming both keys, before answering either, and mid-line.
            let ledger = try IdempotencyLedger(file: file)
            let digest = IdempotencyLedger.digest(of: Data("{}".utf8))
            #expect(try await ledger.claim(key: "t", path: "POST /t", digest: digest, rerunnable: false) == .proceed)
            #expect(try await ledger.claim(key: "c", path: "POST /c", digest: digest, rerunnable: true) == .proceed)
            let handle = try FileHandle(forWritingTo: file)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(#"{"key":"t","state":"comp"#.utf8))
            try handle.close()
        }
        let reopened = try IdempotencyLedger(file: file)
        let digest = IdempotencyLedger.digest(of: Data("{}".utf8))
        await #expect(throws: Problem.self) {
            try await reopened.claim(key: "t", path: "POST /t", digest: digest, rerunnable: false)
        }
        do {
            _ = try await reopened.claim(key: "t", path: "POST /t", digest: digest, rerunnable: false)
        } catch let problem as Problem {
            #expect(problem.code == "idempotencyOutcomeUnknown")
            #expect(problem.statusCode == 409)
        }
        // A capture is safe to run again; its answer is then recorded as any other.
        #expect(try await reopened.claim(key: "c", path: "POST /c", digest: digest, rerunnable: true) == .proceed)
        try await reopened.complete(key: "c", status: 201, body: Data("{\"ok\":true}".utf8))
        // The torn line was cut: every line of the file is whole again.
        let lines = try String(contentsOf: file, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        #expect(!lines.contains { $0.hasSuffix("\"comp") })
        let third = try IdempotencyLedger(file: file)
        #expect(
            try await third.claim(key: "c", path: "POST /c", digest: digest, rerunnable: true)
                == .answered(status: 201, body: Data("{\"ok\":true}".utf8)))
    }

    /// Opens a file store and a ledger in `directory`, runs `body` against the API on them, then
    /// closes the store, as a stop and a restart of the service would.
    private static func withService<Value: Sendable>(
        _ directory: URL, _ ledgerFile: URL,
        _ body: @escaping @Sendable (AccordAPI, any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let store = try await FileEventStore(directory: directory.appendingPathComponent("journal"))
        do {
            let engine = try await AlignmentEngine(
                playbook: try Harness.playbook(), store: store, configuration: EngineConfiguration())
            let state = ServiceState()
            await state.markReady()
            let api = AccordAPI(
                engine: engine,
                configuration: ServiceConfiguration(
                    dataDirectory: directory, webhookSecret: Harness.secret, apiToken: Harness.token),
                state: state, idempotency: try IdempotencyLedger(file: ledgerFile))
            let value = try await Application(router: api.router()).test(.router) { client in
                try await body(api, client)
            }
            try await store.close()
            return value
        } catch {
            try? await store.close()
            throw error
        }
    }
}
