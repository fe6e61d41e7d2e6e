import Accord
import Foundation
import LeadModel
import Routing
import Scoring
import Testing

/// A proposed playbook replayed against a journal, compared with what happened.
struct WhatIfSimulationTests {
    /// Two reps who always work, sharing one pool.
    static let routing = try! JSONDecoder().decode(
        RoutingRules.self,
        from: Data(
            #"{"reps": [{"id": "ana"}, {"id": "bo"}], "pools": [{"name": "all", "members": [{"rep": "ana"}, {"rep": "bo"}]}], "rules": [], "default": {"pool": "all"}}"#
                .utf8))

    static var current: Playbook {
        var playbook = Playbook.standard
        playbook.routing = routing
        return playbook
    }

    static func person(_ email: String) -> Lead {
        Lead(
            id: "", email: email, title: "VP Finance", company: "Acme", source: "webinar",
            attributes: ["industry": "healthcare", "employees": 450, "country": "US", "useCase": "payroll"])
    }

    /// A journal: a quote request answered in 10 minutes and converted, a demo request answered
    /// after 2 hours and rejected, and a poor-fit lead engaged 40 points (below the MQL floor).
    static func journal() async throws -> [LeadEvent] {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
        let store = InMemoryEventStore()
        let engine = try await AlignmentEngine(
            playbook: current, store: store, configuration: EngineConfiguration(now: { clock.now }))
        let quote = try await engine.record(
            Signal(kind: .quoteRequested, occurredAt: clock.now, idempotencyKey: "q"), from: person("a@acme.com"))
        clock.advance(by: 600)
        let owner = try #require(quote.state.owner.flatMap { if case .rep(let rep) = $0 { rep } else { nil } })
        try await engine.recordTouch(Touch(channel: .call, by: owner, connected: true), on: quote.leadID)
        try await engine.recordDisposition(Disposition(outcome: .accepted), on: quote.leadID, by: .person(owner))
        try await engine.changeStage(of: quote.leadID, to: .opportunity, by: .person(owner))

        clock.advance(by: 3_000)
        var other = person("b@globex.com")  // another account: no account owner to route to
        other.company = "Globex"
        let demo = try await engine.record(
            Signal(kind: .demoRequested, occurredAt: clock.now, idempotencyKey: "d"), from: other)
        clock.advance(by: 7_200)
        let demoOwner = try #require(demo.state.owner.flatMap { if case .rep(let rep) = $0 { rep } else { nil } })
        try await engine.tick()
        try await engine.recordTouch(Touch(channel: .call, by: demoOwner, connected: true), on: demo.leadID)
        try await engine.recordDisposition(
            Disposition(outcome: .rejected, reasonCode: "wrong-persona", note: "an intern"), on: demo.leadID,
            by: .person(demoOwner))

        clock.advance(by: 600)
        for (index, kind) in [SignalKind.webinarAttended, .replied].enumerated() {
            try await engine.record(
                Signal(kind: kind, occurredAt: clock.now, idempotencyKey: "e\(index)"),
                from: Lead(id: "", email: "cy@initech.com", title: "Analyst", attributes: ["industry": "retail"]))
        }
        var events: [LeadEvent] = []
        for try await event in store.events() { events.append(event) }
        return events
    }

    @Test func replayingTheSamePlaybookReproducesWhatHappened() async throws {
        let events = try await Self.journal()
        let report = try await WhatIfSimulation(proposed: Self.current).run(actual: events, current: Self.current)
        #expect(report.actual.handoffs == 2)
        #expect(report.simulated.handoffs == 2)
        #expect(report.simulated.assignmentsByRep == report.actual.assignmentsByRep)
        #expect(report.simulated.clocksStarted == 2)
        #expect(report.simulated.clocksMet == report.actual.clocksMet)
        #expect(report.simulated.clocksBreached == report.actual.clocksBreached)
        #expect(report.actual.clocksBreached == 1, "the demo request waited two hours")
        #expect(report.handedOffByProposal.converted == 1)
        #expect(report.handedOffByProposal.rejected == 1)
        #expect(report.newlyHandedOff.total == 0)
        #expect(report.noLongerHandedOff.total == 0)
        #expect(report.touchesSimulated == 2)
        #expect(report.notReplayed == ["stage moves by hand": 1])
    }

    @Test func withoutInstantTriggersTheQuoteAndDemoRequestsAreNoLongerHandedOff() async throws {
        let events = try await Self.journal()
        var proposed = Self.current
        proposed.version = "2"
        proposed.qualification?.triggers = []
        let report = try await WhatIfSimulation(proposed: proposed).run(actual: events, current: Self.current)
        #expect(report.proposedVersion == "2")
        #expect(report.simulated.handoffs == 0)
        #expect(report.simulated.assignmentsByRep.isEmpty)
        #expect(report.noLongerHandedOff.converted == 1, "one of the leads it drops became an opportunity")
        #expect(report.noLongerHandedOff.rejected == 1)
    }

    @Test func aLowerMQLFloorQualifiesTheEngagedLeadAndIsDeterministic() async throws {
        let events = try await Self.journal()
        var proposed = Self.current
        proposed.version = "3"
        proposed.qualification?.thresholds = [.init(stage: .mql, minTotal: 35)]
        let simulation = WhatIfSimulation(proposed: proposed)
        let report = try await simulation.run(actual: events, current: Self.current)
        #expect(report.actual.enteredStage["mql"] == nil)
        #expect(report.simulated.enteredStage["mql"] == 1)
        #expect(report.simulated.handoffs == 2)
        #expect(try await simulation.run(actual: events, current: Self.current) == report)
    }

    @Test func aPeriodLimitsWhatIsCounted() async throws {
        let events = try await Self.journal()
        let first = try #require(events.first?.occurredAt)
        let period = DateInterval(start: first, duration: 1_800)  // the quote request only
        let report = try await WhatIfSimulation(proposed: Self.current, period: period)
            .run(actual: events, current: Self.current)
        #expect(report.actual.handoffs == 1)
        #expect(report.simulated.handoffs == 1)
        #expect(report.period == period)
    }

    @Test func anEmptyJournalGivesAnEmptyReport() async throws {
        let report = try await WhatIfSimulation(proposed: Self.current).run(actual: [], current: Self.current)
        #expect(report.actual == WhatIfReport.Side())
        #expect(report.simulated == WhatIfReport.Side())
        #expect(report.inputsReplayed == 0)
    }
}
