import Foundation
public import LeadModel
import Routing
import SLA
import Scoring

/// The one place with side effects: it loads state from the journal, asks the policies, appends
/// their decisions as events and publishes notifications.
///
/// Hosts talk to the engine; integrators plug into its protocols (``LeadModel/EventStore``,
/// ``LeadModel/IdentityResolver``, `LeadScorer`, `LeadRouter`, `SLAPolicy`, ``NotificationSink``).
/// Current lead state is a projection of the journal, kept in memory and caught up before every
/// command, so several engines may share one store: a command that loses a race to another
/// writer is retried on fresh state.
///
/// ```swift
/// let engine = try await AlignmentEngine(playbook: .standard, store: InMemoryEventStore(),
///                                        configuration: EngineConfiguration(identity: resolver))
/// let result = try await engine.record(Signal(kind: .quoteRequested, occurredAt: .now),
///                                      from: Lead(id: "", email: "ana@acme.com"))
/// print(result.leadID, result.state.stage)
/// ```
public actor AlignmentEngine {
    /// The agreement the engine enforces.
    public nonisolated let playbook: Playbook
    /// The journal.
    public nonisolated let store: any EventStore
    let configuration: EngineConfiguration
    /// The playbook and the plugin instances in use (the resolved configuration's: the host's,
    /// else the playbook's plugins, else its own sections).
    let policies: EnginePolicies
    /// Receivers of notifications: the host's, then the playbook's sink plugins.
    let sinks: [any NotificationSink]
    /// Everything folded from the journal: leads, identity index, accounts, routing ledger, SLA
    /// monitor, rescoring schedule.
    var projections: EngineProjections
    /// The streams commits are appending to (see ``CommitsInFlight``).
    var inFlight = CommitsInFlight()

    /// Notifications for the host, in the order the facts were stored. Buffers the newest 10,000
    /// when nobody listens.
    public nonisolated let notifications: AsyncStream<EngineNotification>
    private let notificationContinuation: AsyncStream<EngineNotification>.Continuation

    /// Events folded since the projections were last loaded from or saved to a snapshot.
    public internal(set) var eventsFoldedSinceSnapshot = 0
    /// What happened to the snapshot when the engine started, for operators and tests.
    public internal(set) var snapshotStatus: SnapshotStatus = .none

    /// Creates an engine and folds the journal into its projections.
    ///
    /// The engine runs with the instances in `configuration`. A configuration that
    /// ``PluginRegistry/configuration(for:base:)`` made is used as it is — that is how a host
    /// gives the engine the plugins its playbook names. Any other configuration is resolved here
    /// against an empty ``PluginRegistry``: the playbook's own sections fill the policies left
    /// `nil`, and a playbook that names plugins is refused.
    ///
    /// - Parameters:
    ///   - playbook: the agreement; it must be valid (see ``Playbook/validate()``).
    ///   - store: the journal.
    ///   - configuration: the clock and the policy instances.
    /// - Throws: ``PlaybookError`` for an invalid playbook or plugin names nobody registered;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be read.
    public init(playbook: Playbook, store: any EventStore, configuration: EngineConfiguration)
        async throws
    {
        let resolved = try configuration.resolved(for: playbook)
        self.playbook = playbook
        self.store = store
        self.configuration = resolved
        let policies = EnginePolicies(playbook: playbook, configuration: resolved)
        self.policies = policies
        self.sinks = resolved.sinks
        self.projections = EngineProjections(playbook: playbook, policies: policies)
        (notifications, notificationContinuation) = AsyncStream.makeStream(
            of: EngineNotification.self, bufferingPolicy: .bufferingNewest(10_000))
        try await loadSnapshot()
        try await catchUp()
        // Review times are not journaled: leads scored before this engine opened are reviewed
        // on the first sweep.
        projections.rescoreSchedule.isComplete = !projections.leads.values.contains { $0.score != nil }
    }

    deinit { notificationContinuation.finish() }

    // MARK: Reading

    /// The current state of a lead, or `nil` when the journal has no such lead.
    ///
    /// A lead merged into another still answers, with ``LeadModel/LeadState/mergedInto`` set.
    public func state(of id: LeadID) -> LeadState? { projections.leads[id] }

    /// The lead a merged lead now lives in (itself when not merged), or `nil` when unknown.
    public func survivor(of id: LeadID) -> LeadID? { projections.survivor(of: id) }

    /// The lead the given identity data belongs to, if the journal knows the person.
    public func lookUp(_ person: Lead) -> LeadID? { projections.lookUp(person) }

    /// Every lead that is not merged into another, in id order.
    public func activeLeads() -> [LeadState] {
        projections.leads.values.filter { $0.mergedInto == nil }.sorted { $0.id < $1.id }
    }

    /// An account the journal's leads belong to, named after the first company name seen for it.
    public func account(_ id: AccountID) -> Account? { projections.accounts[id] }

    /// The leads of an account (merged duplicates and erased leads left out), in id order.
    public func contacts(of account: AccountID) -> [LeadState] { projections.contacts(of: account) }

    /// The number of leads in the journal, merged duplicates included.
    public var leadCount: Int { projections.leads.count }

    /// The journal position the engine's state reflects.
    public var journalPosition: JournalPosition? { projections.position }

    /// The lead states, for the listings and per-lead reports that read them.
    var leads: [LeadID: LeadState] { projections.leads }

    /// A lead's history, oldest first: its own events and, when `includingMerged`, those of the
    /// leads merged into it, in journal order.
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`; ``LeadModel/EventStoreError`` on read failures.
    public func timeline(of id: LeadID, includingMerged: Bool = true) async throws -> [LeadEvent] {
        try await store.personTimeline(of: id, includingMerged: includingMerged)
    }

    // MARK: Projections

    /// Folds every event appended since the engine last looked, by this engine or another writer.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func catchUp() async throws {
        let start = projections.position?.next ?? .start
        for try await event in store.events(from: start, pageSize: 8192) {
            // Another command of this actor may have folded these events while this read was
            // suspended: fold each position once.
            if let folded = projections.position, let at = event.position, at <= folded { continue }
            apply(event)
        }
    }

    /// Folds one stored event into the projections.
    func apply(_ event: LeadEvent) {
        eventsFoldedSinceSnapshot += 1
        projections.fold(event)
    }

    // MARK: Committing

    /// Appends a unit of work and folds what was stored; retries on a version conflict.
    ///
    /// `plan` builds the requests from the current projections; it is run again after catching
    /// up when another writer got there first.
    @discardableResult
    func commit(
        _ plan: () throws -> [AppendRequest]
    ) async throws -> [AppendResult] {
        var attempt = 0
        while true {
            try await catchUp()
            let requests = try plan().filter { !$0.events.isEmpty }
            guard !requests.isEmpty else { return [] }
            if inFlight.overlaps(requests) {
                // Another commit is appending to one of these streams: this one would conflict.
                // Wait for it to be folded, then plan again.
                await withCheckedContinuation { inFlight.wait($0) }
                continue
            }
            let claim = inFlight.add(requests)
            defer { release(claim) }
            do {
                let results = try await store.append(requests)
                try await fold(consume requests, results, releasing: claim)
                return results
            } catch let error as EventStoreError where error.code == .versionConflict {
                attempt += 1
                if attempt > configuration.conflictRetries { throw error }
                // The winner's events may become readable only once durable: back off a little.
                try await Task.sleep(nanoseconds: UInt64(min(attempt, 40)) * 500_000)
            }
        }
    }

    /// Releases a commit's streams and lets the commands that waited plan again (releasing it
    /// twice does nothing).
    private func release(_ claim: CommitsInFlight.Claim) {
        for waiter in inFlight.release(claim) { waiter.resume() }
    }

    /// Folds the stored events of `requests` (duplicates left out), each with the position the
    /// store gave it, releases the commit's `claim`, and publishes the events. The events are
    /// given their positions in place rather than copied: an import folds tens of thousands of
    /// them. The streams are released before publishing, so that a sink may run commands on
    /// the same leads.
    private func fold(
        _ requests: consuming [AppendRequest], _ results: [AppendResult], releasing claim: CommitsInFlight.Claim
    ) async throws {
        var requests = requests
        var stored: [(position: UInt64, request: Int, index: Int)] = []
        stored.reserveCapacity(results.reduce(0) { $0 + $1.positions.count })
        for (request, result) in results.enumerated() {
            for index in requests[request].events.indices where !result.duplicates[index] {
                let position = result.positions[index]
                requests[request].events[index].position = position
                stored.append((position.rawValue, request, index))
            }
        }
        // Folded in journal order, and only when the positions follow the projections' own
        // without a gap; otherwise the projections catch up from the journal instead.
        stored.sort { $0.position < $1.position }
        var expected = (projections.position?.rawValue ?? 0) + 1
        let contiguous = stored.allSatisfy { event in
            defer { expected += 1 }
            return event.position == expected
        }
        if contiguous {
            for event in stored {
                // Read in place: an element passed straight from the array is copied first.
                requests[event.request].events.withUnsafeBufferPointer { apply($0[event.index]) }
            }
        } else {
            try await catchUp()
        }
        release(claim)
        for event in stored { await publish(for: requests[event.request].events[event.index]) }
    }

    func publishErased(_ id: LeadID) async {
        notificationContinuation.yield(.leadErased(id))
        for sink in sinks { await sink.deliver(.leadErased(id)) }
    }

    func publish(_ note: EngineNotification) async {
        notificationContinuation.yield(note)
        for sink in sinks { await sink.deliver(note) }
    }

    private func publish(for event: LeadEvent) async {
        let note: EngineNotification?
        switch event.payload {
        case .captured: note = .leadCaptured(event.leadID)
        case .merged(let record): note = .leadsMerged(survivor: event.leadID, absorbed: record.absorbed)
        case .stageChanged(let change): note = .stageChanged(event.leadID, change)
        case .assigned(let assignment): note = .assigned(event.leadID, assignment.owner)
        case .slaStarted(let clock): note = .slaStarted(event.leadID, clock)
        case .slaWarned(let id): note = .slaWarned(event.leadID, id)
        case .slaBreached(let id): note = .slaBreached(event.leadID, id)
        case .slaEscalated(let escalation): note = .slaEscalated(event.leadID, escalation)
        default: note = nil
        }
        guard let note else { return }
        notificationContinuation.yield(note)
        for sink in sinks { await sink.deliver(note) }
    }

    /// Appends the events `plan` puts in a fresh ``Planner``; retries on a version conflict,
    /// planning again on the caught-up projections (see ``commit(_:)``).
    @discardableResult
    func commitPlan(_ plan: (inout Planner) throws -> Void) async throws -> [AppendResult] {
        try await commit {
            var planner = makePlanner()
            try plan(&planner)
            return planner.requests
        }
    }

    /// A planner over the current projections, at the configuration's now.
    func makePlanner() -> Planner {
        var planner = Planner(projections: projections, policies: policies, now: configuration.now())
        if !inFlight.isEmpty {
            planner.inFlight = inFlight.holders
            planner.inFlightPeople = inFlight.index(by: policies.identity)
        }
        return planner
    }
}
