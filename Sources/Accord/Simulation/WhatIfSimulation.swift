public import Foundation
public import LeadModel

/// Replays a journal's inputs under a proposed playbook, on a virtual clock, and compares what
/// the proposed rules would have done with what happened.
///
/// What is replayed: the outside world's facts — captures (so identity and merges are redone),
/// signals, erasures — at the instants they happened. The decisions (scores, stage moves,
/// routing, clocks) are the proposed playbook's own. Sales' behaviour is taken as observed:
/// when the simulation hands a lead to sales, it is answered after the delay it waited in
/// reality from its handoff to its first touch — by the simulated owner, or, for a lead the
/// simulation queues, by the rep who answered it in reality; a lead nobody answered stays
/// unanswered. Sales'
/// verdicts and deals are not replayed; they are what the comparison reads the outcomes from.
///
/// The run is deterministic: the same journal and playbook give the same report.
///
/// ```swift
/// let simulation = WhatIfSimulation(proposed: proposed, period: lastQuarter)
/// let report = try await simulation.run(actual: events, current: playbook)
/// print(report.actual.handoffs, report.simulated.handoffs, report.newlyHandedOff.converted)
/// ```
public struct WhatIfSimulation: Sendable {
    /// The playbook to try.
    public var proposed: Playbook
    /// The period the report compares; inputs before it are replayed too (so routing and
    /// identity start from the same place), inputs after it are not. `nil`: the whole journal.
    public var period: DateInterval?
    /// The host's plugins, for proposed playbooks that name some.
    public var plugins: PluginRegistry
    /// The stages that count as converted when reading what became of a lead.
    public var convertedStages: Set<Stage>

    public init(
        proposed: Playbook, period: DateInterval? = nil, plugins: PluginRegistry = PluginRegistry(),
        convertedStages: Set<Stage> = [.opportunity, .won]
    ) {
        self.proposed = proposed
        self.period = period
        self.plugins = plugins
        self.convertedStages = convertedStages
    }

    /// Runs the simulation.
    ///
    /// - Parameters:
    ///   - events: the actual journal, in position order.
    ///   - current: the playbook the journal was made with (its handoff stage reads the actual
    ///     side).
    /// - Returns: the comparison.
    /// - Throws: ``PlaybookError`` when the proposed playbook is invalid or names unknown
    ///   plugins.
    public func run(actual events: [LeadEvent], current: Playbook) async throws -> WhatIfReport {
        var actual = JournalTally(period: period, handoff: current.stages.handoff, converted: convertedStages)
        for event in events { actual.add(event) }

        let responses = SimulatedResponses(delays: Self.observedDelays(events, handoff: current.stages.handoff))
        let start = events.first?.occurredAt ?? period?.start ?? Date(timeIntervalSince1970: 0)
        let clock = ManualClock(start)
        let store = InMemoryEventStore()
        let engine = try await AlignmentEngine(
            playbook: proposed, store: store,
            configuration: plugins.configuration(
                for: proposed, base: EngineConfiguration(now: { clock.now }, sinks: [responses])))

        var replayed = 0
        var touches = 0
        var notReplayed: [String: Int] = [:]
        for event in events {
            if let period, event.occurredAt >= period.end { break }
            touches += try await respond(until: event.occurredAt, engine: engine, clock: clock, responses: responses)
            clock.set(event.occurredAt)
            await responses.setNow(clock.now)
            try await engine.tick()
            switch event.payload {
            case .captured(let lead, _):
                try await engine.capture(lead, by: event.actor)
                replayed += 1
            case .signalRecorded(let signal):
                let known = await engine.survivor(of: event.leadID)
                if let known {
                    try await engine.record(signal, for: known, by: event.actor)
                } else {
                    try await engine.record(signal, from: Lead(id: event.leadID), by: event.actor)
                }
                replayed += 1
            case .erased(let erasure):
                if await engine.state(of: event.leadID) != nil {
                    try await engine.erase(event.leadID, requestedBy: erasure.requestedBy, reference: erasure.reference)
                }
                replayed += 1
            case .fieldsChanged where Self.isPerson(event.actor):
                notReplayed["field edits by hand", default: 0] += 1
            case .merged where Self.isPerson(event.actor):
                notReplayed["merges by hand", default: 0] += 1
            case .stageChanged where Self.isPerson(event.actor):
                notReplayed["stage moves by hand", default: 0] += 1
            case .assigned where Self.isPerson(event.actor):
                notReplayed["assignments by hand", default: 0] += 1
            default:
                break
            }
        }
        let end = period?.end ?? (events.last?.occurredAt ?? start)
        touches += try await respond(until: end, engine: engine, clock: clock, responses: responses)
        clock.set(end)
        try await engine.tick()

        var simulated = JournalTally(period: period, handoff: proposed.stages.handoff, converted: convertedStages)
        for try await event in store.events() { simulated.add(event) }
        let proposedHandoffs = Set(simulated.handedOff.map(actual.survivor))
        let actualHandoffs = Set(actual.handedOff.map(actual.survivor))
        return WhatIfReport(
            period: period, proposedVersion: proposed.version, actual: actual.side, simulated: simulated.side,
            handedOffByProposal: actual.outcomes(of: proposedHandoffs),
            newlyHandedOff: actual.outcomes(of: proposedHandoffs.subtracting(actualHandoffs)),
            noLongerHandedOff: actual.outcomes(of: actualHandoffs.subtracting(proposedHandoffs)),
            inputsReplayed: replayed, touchesSimulated: touches, notReplayed: notReplayed)
    }

    /// Records the simulated first touches due by `time`, each at its own instant.
    private func respond(until time: Date, engine: AlignmentEngine, clock: ManualClock, responses: SimulatedResponses)
        async throws -> Int
    {
        var count = 0
        while true {
            let due = await responses.popDue(until: time)
            guard !due.isEmpty else { return count }
            for touch in due {
                clock.set(touch.at)
                await responses.setNow(clock.now)
                try await engine.tick()
                do {
                    try await engine.recordTouch(Touch(channel: .call, by: touch.rep, connected: true), on: touch.lead)
                    count += 1
                } catch let error as LeadModelError where error.code == .leadMerged || error.code == .leadErased {
                    continue
                }
            }
        }
    }

    static func isPerson(_ actor: EventActor) -> Bool {
        if case .person = actor { return true }
        return false
    }

    /// How long each lead waited, in reality, from its handoff to sales (its first assignment,
    /// to a rep or a queue, or its entry into the handoff stage) to its first touch after that,
    /// and who touched it.
    static func observedDelays(_ events: [LeadEvent], handoff: Stage) -> [LeadID: SimulatedResponses.Response] {
        var started: [LeadID: Date] = [:]
        var responses: [LeadID: SimulatedResponses.Response] = [:]
        for event in events {
            let lead = event.leadID
            switch event.payload {
            case .assigned:
                if started[lead] == nil { started[lead] = event.occurredAt }
            case .stageChanged(let change) where change.to == handoff:
                if started[lead] == nil { started[lead] = event.occurredAt }
            case .touched(let touch):
                if let start = started[lead], responses[lead] == nil, event.occurredAt >= start {
                    responses[lead] = .init(delay: event.occurredAt.timeIntervalSince(start), by: touch.by)
                }
            default:
                break
            }
        }
        return responses
    }
}
