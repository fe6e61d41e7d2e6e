import Accord
import Foundation
import LeadModel
import Testing

/// Moves a handoff gate refused are facts in the journal: recorded once per rule, stage and set
/// of missing fields, and named by the move that follows once the fields arrive.
struct HandoffBlockTests {
    /// A lead that fits well, without the company the standard SQL gate needs.
    let person = Lead(
        id: "", email: "ana@acme.com", title: "VP Finance", source: "webinar",
        attributes: ["industry": "healthcare", "employees": 450, "country": "US"])

    private func blocks(_ engine: AlignmentEngine, _ id: LeadID) async throws -> [LeadEvent] {
        try await engine.timeline(of: id).filter { $0.payload.kind == "handoff-blocked" }
    }

    @Test func aRefusedTriggerIsRecordedOnceWithItsRuleStageFieldsAndPlaybook() async throws {
        let clock = ManualClock()
        let engine = try await makeEngine(clock: clock, playbook: .standard)
        let result = try await engine.record(
            Signal(kind: .quoteRequested, occurredAt: clock.now, idempotencyKey: "q-1"), from: person)
        #expect(result.state.stage == .lead)
        let expected = HandoffBlock(rule: "trigger:quote-or-demo", to: .sql, missing: [.company], playbookVersion: "1")
        #expect(result.state.handoffBlock == expected)
        #expect(result.state.handoffBlockedAt == clock.now)
        let recorded = try await blocks(engine, result.leadID)
        #expect(recorded.map(\.payload) == [.handoffBlocked(expected)])
        #expect(recorded.first?.reasons.map(\.rule) == ["trigger:quote-or-demo", "gate:sql"])
        #expect(recorded.first?.reasons.last?.detail == "missing company")

        // More signals and rescoring keep the lead held back by the same block: nothing new.
        clock.advance(by: 3_600)
        _ = try await engine.record(Signal(kind: .emailOpened, occurredAt: clock.now), from: person)
        _ = try await engine.record(
            Signal(kind: .demoRequested, occurredAt: clock.now, idempotencyKey: "d-1"), from: person)
        clock.advance(by: 40 * 86_400)
        _ = try await engine.rescoreDue()
        #expect(try await blocks(engine, result.leadID).count == 1)
    }

    @Test func anotherSetOfMissingFieldsIsANewBlock() async throws {
        let clock = ManualClock()
        let engine = try await makeEngine(clock: clock, playbook: .standard)
        var bare = person
        bare.source = nil
        let result = try await engine.record(
            Signal(kind: .quoteRequested, occurredAt: clock.now, idempotencyKey: "q-1"), from: bare)
        #expect(result.state.handoffBlock?.missing == [.company, .source])
        clock.advance(by: 60)
        var withSource = bare
        withSource.source = "webinar"
        let captured = try await engine.capture(withSource)
        #expect(captured.state.stage == .lead)
        #expect(captured.state.handoffBlock?.missing == [.company])
        let recorded = try await blocks(engine, result.leadID)
        #expect(recorded.count == 2)
    }

    @Test func theFieldsArrivingMoveTheLeadAndTheMoveNamesTheBlock() async throws {
        let clock = ManualClock()
        let engine = try await makeEngine(clock: clock, playbook: .standard)
        let blocked = try await engine.record(
            Signal(kind: .quoteRequested, occurredAt: clock.now, idempotencyKey: "q-1"), from: person)
        let blockedAt = clock.now
        clock.advance(by: 600)
        var complete = person
        complete.company = "Acme"
        let captured = try await engine.capture(complete)
        #expect(captured.leadID == blocked.leadID)
        #expect(captured.state.stage == .sql)
        #expect(captured.state.handoffBlock == nil)
        #expect(captured.state.handoffBlockedAt == nil)
        let events = try await engine.timeline(of: captured.leadID)
        let move = try #require(events.first { $0.payload.kind == "stage-changed" })
        let gate = try #require(move.reasons.first { $0.rule == "gate:sql" })
        #expect(gate.detail.contains("unblocked: held since \(blockedAt.formatted(.iso8601)) by trigger:quote-or-demo"))
        #expect(gate.detail.hasSuffix("for want of company"))
        // The fold of the journal agrees with the engine's state.
        #expect(LeadState.fold(events) == captured.state)
    }

    @Test func theEnginesExplanationSaysWhyNotWithItsOwnPolicies() async throws {
        let clock = ManualClock()
        let engine = try await makeEngine(clock: clock, playbook: .standard)
        let blocked = try await engine.record(
            Signal(kind: .quoteRequested, occurredAt: clock.now, idempotencyKey: "q-1"), from: person)
        var explanation = try await engine.explanation(of: blocked.leadID)
        #expect(explanation.blocked == blocked.state.handoffBlock)
        #expect(explanation.stages.map(\.what) == ["not moved: " + (blocked.state.handoffBlock?.summary ?? "")])
        let trigger = try #require(explanation.qualification?.first { $0.rule == "trigger:quote-or-demo" })
        #expect(trigger.isMet)
        #expect(explanation.unassigned == nil, "not handed off yet")

        var complete = person
        complete.company = "Acme"
        _ = try await engine.capture(complete)
        explanation = try await engine.explanation(of: blocked.leadID)
        #expect(explanation.stage == "sql")
        #expect(explanation.qualification == nil, "qualification never moves a lead out of sql")
        #expect(explanation.unassigned?.hasPrefix("the playbook has no routing section") == true)
    }

    @Test func anImportedSQLWithoutAnOwnerIsExplainedAsUnroutedHistory() async throws {
        let clock = ManualClock()
        let engine = try await makeEngine(clock: clock, playbook: .standard, router: FixedRouter())
        var lead = person
        lead.company = "Acme"
        _ = try await engine.ingest(
            [.historicalLead(lead, LeadHistory(createdAt: clock.now - 86_400 * 400, stage: .sql))], by: .system,
            from: "mqls.csv")
        let explanation = try await engine.explanation(of: "L0000001")
        #expect(explanation.stage == "sql")
        #expect(explanation.owner == nil)
        #expect(
            explanation.unassigned
                == "it reached sql as imported history, and history is not routed; assign it with accord assign LEAD --to REP"
        )
    }

    @Test func aRefusedThresholdNamesTheThreshold() async throws {
        var playbook = Playbook.standard
        playbook.stages.gates = HandoffGates([HandoffGate(stage: .mql, requiredFields: [.phone])])
        let clock = ManualClock()
        let engine = try await makeEngine(clock: clock, playbook: playbook)
        var last: SignalResult?
        for (index, kind) in [SignalKind.webinarAttended, .replied, .emailOpened].enumerated() {
            last = try await engine.record(
                Signal(kind: kind, occurredAt: clock.now, idempotencyKey: "s-\(index)"), from: person)
        }
        let state = try #require(last?.state)
        #expect(state.stage == .lead)
        #expect(state.handoffBlock?.rule == "threshold:mql")
        #expect(state.handoffBlock?.to == .mql)
        #expect(state.handoffBlock?.missing == [.phone])
        #expect(try await blocks(engine, state.id).count == 1)
    }
}
