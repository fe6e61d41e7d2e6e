import Foundation
public import LeadModel
import Scoring

/// What a batch did.
public struct IngestSummary: Hashable, Sendable {
    /// New leads, whether from a lead record or from a signal by an unknown person.
    public var created = 0
    /// Lead records recognised as a person the journal already knew (duplicates).
    public var matched = 0
    /// Leads merged into another because a record proved them to be one person.
    public var merged = 0
    public var signalsRecorded = 0
    public var duplicateSignals = 0
    /// Stage moves recorded from imported history (``IngestItem/historicalLead(_:_:)``).
    public var historyStageMoves = 0
    /// Events appended, scores included.
    public var eventsAppended = 0

    public init() {}

    mutating func count(_ outcome: CaptureResult.Outcome, isSignal: Bool) {
        switch outcome {
        case .created: created += 1
        case .matched: if !isSignal { matched += 1 }
        case .merged(_, let absorbed): merged += absorbed.count
        }
    }

    /// Adds another batch's counts.
    public mutating func add(_ other: IngestSummary) {
        created += other.created
        matched += other.matched
        merged += other.merged
        signalsRecorded += other.signalsRecorded
        duplicateSignals += other.duplicateSignals
        historyStageMoves += other.historyStageMoves
        eventsAppended += other.eventsAppended
    }
}

extension AlignmentEngine {
    /// Captures a person's record: a new lead, or new facts on the lead the person already is.
    ///
    /// Identity resolution decides: the same email, phone or external id finds the existing lead
    /// (its missing fields are filled, and a new source or campaign is recorded as a second
    /// capture); a record that matches two leads merges them into the older one. A lead with an
    /// empty `id` gets a minted one. Minted ids follow the journal, so two engines on one store
    /// that capture the same new person at once mint the same id, and the store's optimistic
    /// concurrency makes one of them retry and find the person; hosts that bring their own ids
    /// for new people should capture each person from one writer.
    ///
    /// A capture that happened earlier (`at`) dates a new lead's creation then, so the lead
    /// lands in that period's cohort; new facts on a lead already known are recorded now.
    ///
    /// - Parameters:
    ///   - person: the record as the source knows it.
    ///   - actor: who captured it (an integration, a person).
    ///   - time: when the capture happened, if earlier than now; `nil` for now.
    /// - Returns: how the record was matched and the lead's state after.
    /// - Throws: ``LeadModel/LeadModelError`` `invalidValue` when `time` is after the engine's
    ///   clock; ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func capture(_ person: Lead, by actor: EventActor = .system, at time: Date? = nil) async throws
        -> CaptureResult
    {
        try checkHistory(LeadHistory(createdAt: time))
        var outcome: CaptureResult.Outcome = .created(person.id)
        try await commitPlan { planner in
            outcome = CaptureCommands(projections: projections, policies: policies).capture(
                person, by: actor, at: time, in: &planner)
        }
        // A lead held back by a handoff gate may have just got the fields the gate wants.
        if projections.leads[outcome.leadID]?.handoffBlock != nil { _ = try await score([outcome.leadID]) }
        return CaptureResult(outcome: outcome, state: try projections.state(of: outcome.leadID))
    }

    /// Records a signal from a person, capturing the person first if the journal does not know
    /// them, then scores the lead.
    ///
    /// Idempotent: a signal whose `idempotencyKey` was recorded before is not recorded again
    /// (``SignalResult/isDuplicate``).
    ///
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func record(_ signal: Signal, from person: Lead, by actor: EventActor = .system)
        async throws -> SignalResult
    {
        let results = try await ingestDetailed([.signal(signal, person: person)], by: actor)
        // Every signal row gets its result once its append is acknowledged.
        guard let result = results[0] else {
            throw LeadModelError(.unknownLead, leadID: person.id, message: "the signal's lead was not stored")
        }
        return result
    }

    /// Records a signal on a known lead, then scores it.
    ///
    /// A lead that was merged into another forwards the signal to the survivor: a source system
    /// that still knows the old id loses nothing.
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead` or `leadErased`; ``LeadModel/EventStoreError`` when the
    ///   journal cannot be written.
    @discardableResult
    public func record(_ signal: Signal, for lead: LeadID, by actor: EventActor = .system)
        async throws -> SignalResult
    {
        try await catchUp()
        let state = try projections.liveState(of: survivor(of: lead) ?? lead)
        return try await record(signal, from: state.lead, by: actor)
    }

    /// Captures leads and records signals in one append per batch, so an import of a million
    /// rows is a thousand round trips, not a million.
    ///
    /// Rows are resolved in order, so two rows for one new person make one lead. Scores are
    /// recorded for every lead that got a new signal, after the signals are stored.
    ///
    /// A ``IngestItem/historicalLead(_:_:)`` row is history: a new lead is captured at its
    /// creation time, and a lead that has not been in the row's stage yet moves there along the
    /// stage graph at the stage's date, without the playbook's live handoff gates; each move
    /// says it was imported (from `source`) and which gate fields were missing then. See
    /// ``LeadHistory``.
    ///
    /// - Parameters:
    ///   - items: the rows, in order.
    ///   - actor: who ingests them (`.integration("import:leads.csv")`).
    ///   - source: the file's name, quoted in the reasons of history moves (`imported from
    ///     leads.csv`).
    /// - Returns: counts of what happened.
    /// - Throws: ``LeadModel/LeadModelError`` `invalidValue` when a row's history is dated after
    ///   the engine's clock (nothing is stored then); ``LeadModel/EventStoreError`` when the
    ///   journal cannot be written; nothing of the batch's rows is stored then.
    @discardableResult
    public func ingest(_ items: [IngestItem], by actor: EventActor = .system, from source: String? = nil)
        async throws -> IngestSummary
    {
        var summary = IngestSummary()
        _ = try await ingestDetailed(
            items, by: actor, history: Self.historyNote(source), summary: &summary, collectResults: false)
        return summary
    }

    /// Makes room in the engine's tables for up to `count` more leads, before an import of that
    /// many rows, so that they are not grown again and again as the rows are recorded (which
    /// also held the old and the new table at once). Changes nothing the engine knows.
    package func reserveCapacity(forLeads count: Int) {
        projections.reserve(leads: count)
    }

    /// `imported from FILE`, the reason history moves give.
    static func historyNote(_ source: String?) -> String {
        source.map { "imported from \($0)" } ?? "imported history"
    }

    /// Refuses history dated after the engine's clock.
    private func checkHistory(_ history: LeadHistory) throws {
        let now = configuration.now()
        for (date, what) in [(history.createdAt, "creation time"), (history.stageEnteredAt, "stage date")] {
            guard let date, date > now else { continue }
            throw LeadModelError(
                .invalidValue,
                message:
                    "the \(what) \(date.formatted(.iso8601)) is in the future (now is \(now.formatted(.iso8601))); history cannot be after now"
            )
        }
    }

    private func ingestDetailed(_ items: [IngestItem], by actor: EventActor) async throws
        -> [Int: SignalResult]
    {
        var summary = IngestSummary()
        return try await ingestDetailed(
            items, by: actor, history: Self.historyNote(nil), summary: &summary, collectResults: true)
    }

    private func ingestDetailed(
        _ items: [IngestItem], by actor: EventActor, history: String, summary: inout IngestSummary,
        collectResults: Bool
    ) async throws -> [Int: SignalResult] {
        for item in items {
            if case .historicalLead(_, let past) = item { try checkHistory(past) }
        }
        var plan = CaptureCommands.IngestPlan()
        var planned: [AppendRequest] = []
        let results = try await commit {
            var planner = makePlanner()
            planner.reserve(leads: items.count)
            // Rows capture, merge, record signals and move history, none of which routes: the
            // router's ledger folds the stored events after the append (see `foldsRouting`).
            planner.foldsRouting = false
            plan = CaptureCommands(projections: projections, policies: policies).ingest(
                items, by: actor, history: history, in: &planner)
            planned = planner.requests
            return planned
        }
        let outcomes = plan.outcomes
        for (item, outcome) in zip(items, outcomes) { summary.count(outcome, isSignal: item.isSignal) }
        summary.historyStageMoves += plan.historyMoves
        var requestIndex: [LeadID: Int] = [:]
        for (index, request) in planned.enumerated() { requestIndex[request.leadID] = index }
        var signalResults: [Int: SignalResult] = [:]
        var scoredLeads: [LeadID] = []
        var toScore: Set<LeadID> = []
        for slot in plan.signalSlots {
            guard let index = requestIndex[slot.lead], index < results.count else { continue }
            let result = results[index]
            let duplicate = result.duplicates[slot.event]
            if duplicate {
                summary.duplicateSignals += 1
            } else {
                summary.signalsRecorded += 1
                if toScore.insert(slot.lead).inserted { scoredLeads.append(slot.lead) }
            }
            guard collectResults else { continue }
            signalResults[slot.item] = SignalResult(
                capture: outcomes[slot.item], position: result.positions[slot.event],
                isDuplicate: duplicate, state: try projections.state(of: slot.lead))
        }
        summary.eventsAppended += results.reduce(0) { $0 + $1.appendedCount }
        // Leads held back by a handoff gate may have just got the fields the gate wants.
        for request in planned where projections.leads[request.leadID]?.handoffBlock != nil {
            if toScore.insert(request.leadID).inserted { scoredLeads.append(request.leadID) }
        }
        summary.eventsAppended += try await score(scoredLeads)
        summary.eventsAppended += try await requalify(scoredLeads)
        for (item, result) in signalResults {
            signalResults[item]?.state = projections.leads[result.leadID] ?? result.state
        }
        return signalResults
    }

    /// Scores leads with the scorer in use, records the cards that changed, and lets the
    /// playbook's qualification policy move them up the funnel (routing and starting clocks at
    /// the handoff stage).
    ///
    /// - Returns: the number of events appended.
    func score(_ ids: [LeadID]) async throws -> Int {
        guard policies.scorer != nil, !ids.isEmpty else { return 0 }
        var outcome = ScoringCommands.Outcome()
        let results = try await commitPlan { planner in
            outcome = ScoringCommands(projections: projections, policies: policies).score(ids, in: &planner)
        }
        for (id, review, memo) in outcome.reviews { projections.rescoreSchedule.set(id, at: review, memo: memo) }
        for note in outcome.blocked { await publish(note) }
        return results.reduce(0) { $0 + $1.appendedCount }
    }

    /// The custom attribute that carries a lead's SLA tier from qualification to the SLA policy
    /// and to routing rules.
    public static let tierAttribute = "slaTier"
}
