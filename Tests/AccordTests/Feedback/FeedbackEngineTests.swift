import Accord
import Feedback
import Foundation
import LeadModel
import Testing

/// Dispositions, acceptance rules, disputes and recycling through the engine.
struct FeedbackEngineTests {
    static let person = Lead(
        id: "", email: "ana@acme.com", title: "VP Finance", company: "Acme", source: "webinar",
        attributes: ["country": .string("US"), "useCase": .string("payroll")])

    static let agency: Playbook = {
        var playbook = Playbook.unscored
        playbook.feedback.acceptance = .standard
        return playbook
    }()

    /// A captured lead handed off to rep-1, with a booked meeting when `meeting`.
    static func handedOff(
        _ engine: AlignmentEngine, _ person: Lead = person, meeting: Bool = false, clock: TestClock? = nil
    ) async throws -> LeadID {
        let id = try await engine.capture(person).leadID
        if meeting {
            try await engine.record(
                Signal(kind: .meetingBooked, occurredAt: Date(timeIntervalSince1970: 1_789_999_000)), for: id)
        }
        try await engine.changeStage(of: id, to: .sql, by: .system)
        return id
    }

    @discardableResult
    static func feedbackError(_ code: FeedbackError.Code, _ run: () async throws -> Void) async -> FeedbackError? {
        do {
            try await run()
            Issue.record("expected \(code)")
            return nil
        } catch let error as FeedbackError {
            #expect(error.code == code)
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func aRichDispositionIsStoredWithEveryField() async throws {
        let engine = try await makeEngine(router: FixedRouter())
        let id = try await Self.handedOff(engine)
        let disposition = Disposition(
            outcome: .accepted, reasonCode: "qualified", meetingQuality: .strong, messageMatch: .overstated,
            nextAction: .continue, objections: ["security-review"], buyerSaid: "we need SOC 2 first")
        let state = try await engine.recordDisposition(disposition, on: id, by: .person("rep-1"))
        #expect(state.disposition == disposition)
        let stored = try await engine.timeline(of: id).last
        #expect(stored?.payload == .dispositionRecorded(disposition))
    }

    @Test(arguments: [
        (Disposition(outcome: .rejected), FeedbackError.Code.missingReason),
        (Disposition(outcome: .rejected, reasonCode: "bad-vibes"), .unknownReason),
        (Disposition(outcome: .rejected, reasonCode: "wrong-persona", objections: ["weather"]), .unknownObjection),
        (Disposition(outcome: .rejected, reasonCode: "wrong-persona", failedRules: ["role"]), .unknownRule),
    ])
    func refusedDispositionsListWhatIsAllowedAndStoreNothing(_ disposition: Disposition, _ code: FeedbackError.Code)
        async throws
    {
        let engine = try await makeEngine()
        let id = try await Self.handedOff(engine)
        let version = await engine.state(of: id)?.version
        let error = await Self.feedbackError(code) {
            try await engine.recordDisposition(disposition, on: id, by: .person("rep-1"))
        }
        switch code {
        case .unknownObjection: #expect(error?.allowedCodes == FeedbackPolicy.standardObjections.map(\.tag))
        case .unknownRule:
            #expect(error?.allowedCodes == [] && error?.message.contains("no feedback.acceptance") == true)
        default: #expect(error?.allowedCodes.contains("wrong-persona") == true)
        }
        #expect(await engine.state(of: id)?.version == version)
    }

    @Test func touchesCarryObjectionsFromTheTaxonomyOnly() async throws {
        let engine = try await makeEngine()
        let id = try await Self.handedOff(engine)
        let state = try await engine.recordTouch(
            Touch(channel: .call, by: "rep-1", connected: true, objections: ["price"], buyerSaid: "too pricey"), on: id)
        #expect(state.touches.last?.objections == ["price"])
        let error = await Self.feedbackError(.unknownObjection) {
            try await engine.recordTouch(Touch(channel: .call, by: "rep-1", objections: ["nope"]), on: id)
        }
        #expect(error?.message.contains("implementation-time") == true)
    }

    // MARK: Acceptance rules

    @Test func acceptingAMeetingRecordsEveryRuleCheck() async throws {
        let engine = try await makeEngine(playbook: Self.agency)
        let id = try await Self.handedOff(engine, meeting: true)
        try await engine.recordDisposition(Disposition(outcome: .accepted), on: id, by: .person("client"))
        let event = try #require(try await engine.timeline(of: id).last)
        let rules = event.reasons.map(\.rule)
        #expect(rules == AcceptanceRules.standard.rules.map { "acceptance:\($0.id)" })
        let detail = Dictionary(uniqueKeysWithValues: event.reasons.map { ($0.rule, $0.detail) })
        #expect(detail["acceptance:role"]?.hasPrefix("passed: title 'VP Finance' contains 'vp'") == true)
        #expect(detail["acceptance:company-fit"] == "not checked: the lead has no score")
        #expect(detail["acceptance:geography"] == "passed: country is 'US'")
        #expect(detail["acceptance:no-conflict"] == "passed: no active opportunity on the account")
        #expect(detail["acceptance:agreed-purpose"] == "not checked: judged by sales on the call")
    }

    @Test func aRejectedMeetingMustCiteAKnownRule() async throws {
        let engine = try await makeEngine(playbook: Self.agency)
        let id = try await Self.handedOff(engine, meeting: true)
        let ids = AcceptanceRules.standard.rules.map(\.id)
        let missing = await Self.feedbackError(.ruleRequired) {
            try await engine.recordDisposition(
                Disposition(outcome: .rejected, reasonCode: "wrong-persona"), on: id, by: .person("client"))
        }
        #expect(missing?.allowedCodes == ids)
        let unknown = await Self.feedbackError(.unknownRule) {
            try await engine.recordDisposition(
                Disposition(outcome: .rejected, reasonCode: "wrong-persona", failedRules: ["vibe"]), on: id,
                by: .person("client"))
        }
        #expect(unknown?.message.contains("role, company-fit") == true)
        let state = try await engine.recordDisposition(
            Disposition(outcome: .rejected, reasonCode: "wrong-persona", failedRules: ["role"]), on: id,
            by: .person("client"))
        #expect(state.disposition?.failedRules == ["role"])
        let reasons = try #require(try await engine.timeline(of: id).last?.reasons)
        #expect(
            reasons.contains {
                $0.rule == "acceptance:role" && $0.detail.hasPrefix("cited as failed; the data says it passes")
            })
    }

    @Test func leadsWithoutABookedMeetingAreNotJudgedByTheRules() async throws {
        let engine = try await makeEngine(playbook: Self.agency)
        let id = try await Self.handedOff(engine)
        let state = try await engine.recordDisposition(
            Disposition(outcome: .rejected, reasonCode: "wrong-persona"), on: id, by: .person("rep-1"))
        #expect(state.disposition?.outcome == .rejected)
    }

    @Test func anActiveOpportunityOnTheAccountFailsTheConflictRule() async throws {
        let engine = try await makeEngine(playbook: Self.agency, router: FixedRouter())
        let other = try await Self.handedOff(
            engine, Lead(id: "", email: "bo@acme.com", company: "Acme", source: "webinar", attributes: ["useCase": "x"])
        )
        try await engine.changeStage(of: other, to: .opportunity, by: .system)
        let id = try await Self.handedOff(engine, meeting: true)
        try await engine.recordDisposition(
            Disposition(outcome: .rejected, reasonCode: "duplicate", failedRules: ["no-conflict"]), on: id,
            by: .person("client"))
        let reasons = try #require(try await engine.timeline(of: id).last?.reasons)
        #expect(
            reasons.contains {
                $0.rule == "acceptance:no-conflict"
                    && $0.detail
                        == "cited as failed; the data agrees: another lead of the account is in an active opportunity"
            })
    }

    // MARK: Disputes

    @Test func anOverturnedDisputeRestoresTheHandoff() async throws {
        let engine = try await makeEngine(router: FixedRouter(), sla: FiveMinuteSLA())
        let id = try await Self.handedOff(engine)
        try await engine.recordTouch(Touch(channel: .call, by: "rep-1"), on: id)
        try await engine.recordDisposition(
            Disposition(outcome: .rejected, reasonCode: "wrong-persona"), on: id, by: .person("rep-1"))
        let open = try await engine.disputeRejection(of: id, reason: "the title says VP Finance", by: "maria")
        #expect(open.feedback.dispute?.state == .open)
        #expect(open.feedback.dispute?.raisedBy == "maria")
        let restored = try await engine.resolveDispute(of: id, .overturned, by: "head-of-revenue")
        #expect(restored.feedback.dispute?.state == .overturned)
        #expect(restored.disposition == nil)
        #expect(restored.owner == .rep("rep-1"))
        #expect(restored.openClocks.count == 1)
        let kinds = try await engine.timeline(of: id).suffix(4).map(\.payload.kind)
        #expect(kinds == ["dispute-raised", "dispute-resolved", "assigned", "sla-started"])
    }

    @Test func anUpheldDisputeLeavesTheRejection() async throws {
        let engine = try await makeEngine(router: FixedRouter())
        let id = try await Self.handedOff(engine)
        try await engine.recordDisposition(
            Disposition(outcome: .rejected, reasonCode: "out-of-icp"), on: id, by: .person("rep-1"))
        try await engine.disputeRejection(of: id, reason: "fits the ICP", by: "maria")
        let state = try await engine.resolveDispute(of: id, .upheld, by: "arbiter", note: "5 employees")
        #expect(state.feedback.dispute?.state == .upheld)
        #expect(state.disposition?.outcome == .rejected)
        await Self.feedbackError(.alreadyDisputed) {
            try await engine.disputeRejection(of: id, reason: "again", by: "maria")
        }
        await Self.feedbackError(.noOpenDispute) { try await engine.resolveDispute(of: id, .overturned, by: "arbiter") }
    }

    @Test func onlyARejectionCanBeDisputedAndOnlyWithAReason() async throws {
        let engine = try await makeEngine()
        let id = try await Self.handedOff(engine)
        await Self.feedbackError(.notRejected) { try await engine.disputeRejection(of: id, reason: "r", by: "m") }
        await Self.feedbackError(.noOpenDispute) { try await engine.resolveDispute(of: id, .upheld, by: "a") }
        try await engine.recordDisposition(
            Disposition(outcome: .rejected, reasonCode: "duplicate"), on: id, by: .person("rep-1"))
        await Self.feedbackError(.missingText) { try await engine.disputeRejection(of: id, reason: "  ", by: "m") }
    }
}
