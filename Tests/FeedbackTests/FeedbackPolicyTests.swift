import Feedback
import Foundation
import LeadModel
import Testing

struct FeedbackPolicyTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func state(_ payloads: [LeadEvent.Payload], at: Date = now) -> LeadState {
        LeadState.fold(payloads.map { LeadEvent(leadID: "L", occurredAt: at, actor: .system, payload: $0) })!
    }

    @Test func theStandardPolicyHasNoProblems() {
        #expect(FeedbackPolicy.standard.problems(in: .standard).isEmpty)
        var agency = FeedbackPolicy.standard
        agency.acceptance = .standard
        #expect(agency.problems(in: .standard).isEmpty)
    }

    @Test func problemsCarryTheirPaths() {
        let policy = FeedbackPolicy(
            objections: [ObjectionTag(tag: "a", label: "A"), ObjectionTag(tag: "a", label: " ")],
            acceptance: AcceptanceRules(rules: [
                AcceptanceRule(id: "role", label: "Role", anyOf: []), AcceptanceRule(id: "role", label: "Again"),
            ]), maxRecycles: -1, recycleStage: "parked", requalify: .init(afterDays: 0))
        let paths = policy.problems(in: .standard).map(\.path)
        #expect(
            paths == [
                "objections[1].tag", "objections[1].label", "acceptance.rules[0].anyOf", "acceptance.rules[0].anyOf",
                "acceptance.rules[1].id", "maxRecycles", "recycleStage", "requalify.afterDays",
            ])
    }

    @Test func absentFieldsDecodeToTheStandard() throws {
        let policy = try JSONDecoder().decode(FeedbackPolicy.self, from: Data("{}".utf8))
        #expect(policy == .standard)
        let none = try JSONDecoder().decode(FeedbackPolicy.self, from: Data(#"{"requalify": null}"#.utf8))
        #expect(none.requalify == nil)
    }

    @Test func acceptanceRulesEvaluateTheLeadsData() {
        let lead = Lead(id: "L", title: "IT intern", attributes: ["agreed": .bool(false), "country": "DE"])
        let state = Self.state([.captured(lead, stage: .sql)])
        let rules = AcceptanceRules(rules: [
            AcceptanceRule(id: "role", label: "", field: "title", anyOf: ["cfo", "vp"]),
            AcceptanceRule(id: "agreed", label: "", field: "agreed"),
            AcceptanceRule(id: "geo", label: "", field: "country", anyOf: ["de", "at"]),
            AcceptanceRule(id: "fit", label: "", minFit: 10),
            AcceptanceRule(id: "use", label: "", field: "useCase"),
            AcceptanceRule(id: "conflict", label: "", noOpportunityConflict: true),
        ])
        let checks = rules.evaluate(state, opportunityConflict: true)
        #expect(checks.map(\.passed) == [false, false, true, nil, nil, false])
        #expect(checks[0].evidence == "title 'IT intern' contains none of cfo, vp")
        #expect(!rules.apply(to: state))
        #expect(AcceptanceRules(appliesWhen: [], rules: []).apply(to: state))
    }

    @Test func triggersFireOnlyOnWhatHappenedAfterTheRecycle() {
        let recycledAt = Self.now
        let before = Signal(kind: .demoRequested, occurredAt: recycledAt - 1)
        let after = Signal(kind: .demoRequested, occurredAt: recycledAt + 1)
        let trigger = RequalifyTrigger(signalKinds: [.demoRequested], on: recycledAt + 100)
        let old = Self.state([.captured(Lead(id: "L"), stage: .recycled), .signalRecorded(before)])
        #expect(trigger.firing(for: old, recycledAt: recycledAt, now: recycledAt + 10) == nil)
        #expect(trigger.firing(for: old, recycledAt: recycledAt, now: recycledAt + 100)?.kind == "date")
        let fresh = Self.state([.captured(Lead(id: "L"), stage: .recycled), .signalRecorded(after)])
        #expect(trigger.firing(for: fresh, recycledAt: recycledAt, now: recycledAt + 10)?.kind == "signal")
        // A signal dated after now does not count yet.
        #expect(trigger.firing(for: fresh, recycledAt: recycledAt, now: recycledAt) == nil)
    }

    @Test func aRecycleGetsTheDefaultTriggerAndTheCapHolds() throws {
        let policy = FeedbackPolicy(maxRecycles: 1)
        let state = Self.state([.captured(Lead(id: "L"), stage: .sql)])
        let checked = try policy.check(
            Disposition(outcome: .recycled, reasonCode: "poor-timing"), on: state, reasonCodes: .standard,
            opportunityConflict: false, now: Self.now)
        #expect(checked.disposition.requalify?.on == Self.now + 90 * 86_400)
        #expect(checked.reasons.map(\.rule) == ["reason:poor-timing", "requalify"])
        let recycled = Self.state([
            .captured(Lead(id: "L"), stage: .sql), .dispositionRecorded(checked.disposition),
        ])
        #expect(throws: FeedbackError.self) {
            try policy.check(
                Disposition(outcome: .recycled, reasonCode: "poor-timing"), on: recycled, reasonCodes: .standard,
                opportunityConflict: false, now: Self.now)
        }
        // A trigger on anything but a recycle is dropped.
        let accepted = try policy.check(
            Disposition(outcome: .accepted, requalify: RequalifyTrigger(scoreAtLeast: 1)), on: state,
            reasonCodes: .standard, opportunityConflict: false, now: Self.now)
        #expect(accepted.disposition.requalify == nil)
    }
}
