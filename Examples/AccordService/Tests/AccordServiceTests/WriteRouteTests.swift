import Accord
import AccordService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadModel
import NIOCore
import Testing

/// The signed write routes: capture, signals, touches, feedback, stage and assign.
struct WriteRouteTests {
    @Test func captureCreatesThenMatchesTheSamePerson() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let body = #"{"email": "Ana.Lopez@Acme.com", "firstName": "Ana", "source": "webinar"}"#
            let first = try await Harness.post(client, "/v1/leads", body)
            #expect(first.status == .created)
            let created = try Harness.decode(CaptureOutput.self, first)
            #expect(created.outcome == "created")
            #expect(created.lead.email == "Ana.Lopez@Acme.com")
            let again = try await Harness.post(client, "/v1/leads", #"{"email": " ana.lopez@acme.com"}"#)
            #expect(again.status == .ok)
            let matched = try Harness.decode(CaptureOutput.self, again)
            #expect(matched.outcome == "matched")
            #expect(matched.lead.id == created.lead.id)
        }
        #expect(await harness.engine.leadCount == 1)
    }

    @Test func quoteRequestIsHandedToSalesAndRouted() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let response = try await Harness.post(client, "/v1/signals", Harness.quoteRequest())
            #expect(response.status == .created)
            let output = try Harness.decode(SignalOutput.self, response)
            #expect(!output.duplicate)
            #expect(output.lead.stage == "sql")
            #expect(output.lead.owner?.hasPrefix("rep:") == true)
            #expect(!output.lead.openClocks.isEmpty)
        }
    }

    @Test func retryWithTheSameIdempotencyKeyReturnsTheOriginalSignal() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let body = Harness.quoteRequest()
            let key: HTTPFields = [.idempotencyKey: "formtool:8812"]
            let first = try Harness.decode(
                SignalOutput.self, try await Harness.post(client, "/v1/signals", body, extra: key))
            let retry = try await Harness.post(client, "/v1/signals", body, extra: key)
            #expect(retry.status == .ok)
            let second = try Harness.decode(SignalOutput.self, retry)
            #expect(second.duplicate)
            #expect(second.position == first.position)
            #expect(second.lead.signals == 1)
            // The body's own key works the same way.
            let keyed = Harness.quoteRequest(key: "formtool:9000")
            _ = try await Harness.post(client, "/v1/signals", keyed)
            let again = try Harness.decode(SignalOutput.self, try await Harness.post(client, "/v1/signals", keyed))
            #expect(again.duplicate)
            #expect(again.lead.signals == 2)
        }
    }

    @Test func signalOnAKnownLeadAndOnAnUnknownOne() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let lead = try Harness.decode(
                CaptureOutput.self, try await Harness.post(client, "/v1/leads", #"{"email": "bo@initech.com"}"#)
            ).lead
            let at = Date().addingTimeInterval(-5).formatted(.iso8601)
            let body = #"{"lead": "\#(lead.id)", "signal": {"kind": "webinar-attended", "occurredAt": "\#(at)"}}"#
            let response = try await Harness.post(client, "/v1/signals", body)
            #expect(response.status == .created)
            #expect(try Harness.decode(SignalOutput.self, response).lead.signals == 1)
            let unknown = #"{"lead": "L9999999", "signal": {"kind": "webinar-attended", "occurredAt": "\#(at)"}}"#
            let missing = try await Harness.post(client, "/v1/signals", unknown)
            #expect(missing.status == .notFound)
            #expect(try Harness.decode(Problem.self, missing).code == "unknownLead")
        }
    }

    @Test func invalidBodyListsEveryProblemWithItsPath() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let at = Date().formatted(.iso8601)
            let body = #"{"signal": {"kind": "", "occurredAt": "\#(at)"}, "person": {"email": "not-an-email"}}"#
            let response = try await Harness.post(client, "/v1/signals", body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try Harness.decode(Problem.self, response)
            #expect(problem.statusCode == 400)
            #expect(problem.type == "urn:accord:problem:invalidRequest")
            #expect(Set(problem.errors?.map(\.path) ?? []) == ["signal.kind", "person.email"])
            // A body that does not match the schema names the path that failed.
            let schema = try await Harness.post(client, "/v1/signals", #"{"lead": "L1", "signal": {"kind": "x"}}"#)
            #expect(schema.status == .badRequest)
            #expect(try Harness.decode(Problem.self, schema).errors?.map(\.path) == ["signal.occurredAt"])
            let notJSON = try await Harness.post(client, "/v1/leads", "email=ana@acme.com")
            #expect(notJSON.status == .badRequest)
        }
        #expect(await harness.engine.leadCount == 0)
    }

    @Test func touchStopsTheResponseClock() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let lead = try Harness.decode(
                SignalOutput.self, try await Harness.post(client, "/v1/signals", Harness.quoteRequest())
            ).lead
            let rep = String(lead.owner?.dropFirst(4) ?? "")
            let touch = #"{"channel": "call", "by": "\#(rep)", "connected": true, "note": "wants a demo"}"#
            let response = try await Harness.post(client, "/v1/leads/\(lead.id)/touches", touch)
            #expect(response.status == .ok)
            let output = try Harness.decode(TouchOutput.self, response)
            // The first-touch clock is met; the clock for sales' verdict keeps running.
            #expect(output.clocksMet == 1)
            #expect(output.clocksBreached == 0)
            #expect(output.lead.openClocks.count == lead.openClocks.count - 1)
            let bad = try await Harness.post(
                client, "/v1/leads/\(lead.id)/touches", #"{"channel": "fax", "by": "", "connected": false}"#)
            #expect(Set(try Harness.decode(Problem.self, bad).errors?.map(\.path) ?? []) == ["by", "channel"])
        }
    }

    @Test func feedbackIsRecordedOrRefusedWithTheAllowedCodes() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let lead = try Harness.decode(
                SignalOutput.self, try await Harness.post(client, "/v1/signals", Harness.quoteRequest())
            ).lead
            let refused = try await Harness.post(
                client, "/v1/leads/\(lead.id)/feedback",
                #"{"outcome": "rejected", "reasonCode": "did-not-like-them", "note": "n/a"}"#)
            #expect(refused.status == .unprocessableContent)
            let problem = try Harness.decode(Problem.self, refused)
            #expect(problem.code == "unknownReason")
            #expect(problem.allowedCodes?.contains("wrong-persona") == true)
            let accepted = try await Harness.post(
                client, "/v1/leads/\(lead.id)/feedback", #"{"outcome": "accepted", "meetingQuality": "strong"}"#,
                extra: [.accordActor: "maria"])
            #expect(accepted.status == .ok)
            #expect(try Harness.decode(LeadView.self, accepted).disposition?.outcome == .accepted)
        }
    }

    @Test func stageMovesFollowTheGraphAndTheGates() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let lead = try Harness.decode(
                CaptureOutput.self,
                try await Harness.post(client, "/v1/leads", #"{"email": "cy@globex.com", "source": "webinar"}"#)
            ).lead
            let gate = try await Harness.post(
                client, "/v1/leads/\(lead.id)/stage", #"{"stage": "sql", "by": "maria", "reason": "asked"}"#)
            #expect(gate.status == .unprocessableContent)
            let problem = try Harness.decode(Problem.self, gate)
            #expect(problem.code == "handoffGateFailed")
            #expect(problem.missingFields?.isEmpty == false)
            let unknown = try await Harness.post(client, "/v1/leads/\(lead.id)/stage", #"{"stage": "nirvana"}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(try Harness.decode(Problem.self, unknown).code == "unknownStage")
            let recycled = try await Harness.post(client, "/v1/leads/\(lead.id)/stage", #"{"stage": "disqualified"}"#)
            #expect(recycled.status == .ok)
            #expect(try Harness.decode(LeadView.self, recycled).stage == "disqualified")
            let missing = try await Harness.post(client, "/v1/leads/L9999999/stage", #"{"stage": "mql"}"#)
            #expect(missing.status == .notFound)
        }
    }

    @Test func assignByHandToARepOrAQueue() async throws {
        let harness = try await Harness()
        try await harness.test { client in
            let lead = try Harness.decode(
                SignalOutput.self, try await Harness.post(client, "/v1/signals", Harness.quoteRequest())
            ).lead
            let other = lead.owner == "rep:maria" ? "james" : "maria"
            let moved = try await Harness.post(
                client, "/v1/leads/\(lead.id)/assign", #"{"owner": "\#(other)", "reason": "on leave", "by": "lee"}"#)
            #expect(moved.status == .ok)
            #expect(try Harness.decode(LeadView.self, moved).owner == "rep:\(other)")
            let queue = try await Harness.post(
                client, "/v1/leads/\(lead.id)/assign", #"{"owner": "queue:emea", "reason": "territory"}"#)
            #expect(try Harness.decode(LeadView.self, queue).owner == "queue:emea")
            let stranger = try await Harness.post(
                client, "/v1/leads/\(lead.id)/assign", #"{"owner": "zed", "reason": "why not"}"#)
            #expect(stranger.status == .unprocessableContent)
            #expect(try Harness.decode(Problem.self, stranger).code == "unknownRep")
            let empty = try await Harness.post(client, "/v1/leads/\(lead.id)/assign", #"{"owner": "", "reason": ""}"#)
            #expect(Set(try Harness.decode(Problem.self, empty).errors?.map(\.path) ?? []) == ["owner", "reason"])
        }
    }
}
