import Foundation
public import LeadModel
import Routing
import SLA

/// What happened to the engine's projection snapshot when it started.
public enum SnapshotStatus: Hashable, Sendable {
    /// The store keeps no snapshots, or there was none: the whole journal was folded.
    case none
    /// The snapshot was loaded; only the events after `position` were folded.
    case loaded(position: JournalPosition, leads: Int)
    /// The snapshot could not be used (damaged, or written by another format version) and was
    /// ignored; the whole journal was folded instead.
    case ignored(reason: String)
}

extension AlignmentEngine {
    /// The name of the engine's snapshot in a ``LeadModel/SnapshotStore``.
    static let snapshotName = "accord.engine.lead-states"
    /// The names of the router's ledger and the SLA monitor, saved at the same position.
    static let ledgerSnapshotName = "accord.engine.routing-ledger"
    static let monitorSnapshotName = "accord.engine.sla-monitor"
    /// The name of the list of account deal streams, saved at the same position.
    static let accountStreamsSnapshotName = "accord.engine.account-streams"

    /// Saves the lead states, the router's ledger and the SLA monitor as snapshots in the store,
    /// at the journal position the engine has folded, so the next engine on this journal folds
    /// only the events after it. (The ledger and monitor snapshots are used only while the
    /// playbook's stage definitions, routing reps and `sla` section stay the same; otherwise the
    /// next engine folds those two from the journal.)
    ///
    /// Hosts call this at quiet moments or on shutdown; `accord` does after commands that folded
    /// many events. The store drops snapshots when a lead is erased.
    ///
    /// - Returns: `false` when the store keeps no snapshots (it is not a ``LeadModel/SnapshotStore``).
    /// - Throws: ``LeadModel/EventStoreError`` when the snapshot cannot be written.
    @discardableResult
    public func saveSnapshot() async throws -> Bool {
        guard let snapshots = store as? any SnapshotStore, let position else { return false }
        try await snapshots.saveSnapshot(
            named: Self.snapshotName, at: position, bytes: LeadStateSnapshot.encode(leads.values))
        try await snapshots.saveSnapshot(
            named: Self.ledgerSnapshotName, at: position, bytes: routingLedger.snapshotBytes())
        try await snapshots.saveSnapshot(named: Self.monitorSnapshotName, at: position, bytes: monitor.snapshotBytes())
        try await snapshots.saveSnapshot(
            named: Self.accountStreamsSnapshotName, at: position, bytes: accountStreamsSnapshotBytes())
        eventsFoldedSinceSnapshot = 0
        return true
    }

    /// Loads the lead states from the store's snapshot, if there is a usable one.
    func loadSnapshot() async throws {
        guard let snapshots = store as? any SnapshotStore,
            let (snapshotPosition, bytes) = try await snapshots.loadSnapshot(named: Self.snapshotName)
        else { return }
        let states: [LeadState]
        do {
            states = try LeadStateSnapshot.decode(bytes)
        } catch {
            snapshotStatus = .ignored(reason: error.description)
            return
        }
        leads = Dictionary(uniqueKeysWithValues: states.map { ($0.id, $0) })
        position = snapshotPosition
        rebuildIndexes()
        if try await !loadRoutingAndClocks(from: snapshots, at: snapshotPosition) {
            // The router's turns and loads and the open clocks' phases: fold them from the
            // journal.
            for try await event in store.events(from: .start, pageSize: 8192) {
                guard let eventPosition = event.position, eventPosition <= snapshotPosition else { break }
                routingLedger.apply(event)
                monitor.apply(event)
            }
        }
        try await loadAccountDeals(from: snapshots, at: snapshotPosition)
        snapshotStatus = .loaded(position: snapshotPosition, leads: states.count)
        eventsFoldedSinceSnapshot = 0
    }

    /// Loads the router's ledger and the SLA monitor saved with the lead states, when both are
    /// at `position` and were folded under today's routing and SLA sections.
    ///
    /// - Returns: whether both were loaded; when not, the engine's ledger and monitor are
    ///   untouched.
    func loadRoutingAndClocks(from snapshots: any SnapshotStore, at position: JournalPosition) async throws
        -> Bool
    {
        guard let (ledgerPosition, ledgerBytes) = try await snapshots.loadSnapshot(named: Self.ledgerSnapshotName),
            let (monitorPosition, monitorBytes) = try await snapshots.loadSnapshot(named: Self.monitorSnapshotName),
            ledgerPosition == position, monitorPosition == position,
            let ledger = try? RoutingLedger(snapshotBytes: ledgerBytes, template: routingLedger),
            let loadedMonitor = try? SLAMonitor(snapshotBytes: monitorBytes, policy: monitor.policy)
        else { return false }
        routingLedger = ledger
        monitor = loadedMonitor
        return true
    }

    /// Rebuilds the identity index and the accounts from the lead states, oldest lead first, as
    /// folding the journal would have built them.
    private func rebuildIndexes() {
        // Sized up front: growing four tables of every lead would rehash each of them many times.
        identityIndex = Dictionary(minimumCapacity: leads.count * 2)
        accounts = [:]
        accountsByName = [:]
        accountDeals = [:]
        contactsByAccount = [:]
        accountOfLead = Dictionary(minimumCapacity: leads.count)
        // Sorted by (time, id) pairs: sorting the states themselves moved every state's bytes
        // many times over.
        var ordered: [(createdAt: Date, id: LeadID)] = leads.map { id, state in (state.createdAt, id) }
        ordered.sort { lhs, rhs in lhs.createdAt == rhs.createdAt ? lhs.id < rhs.id : lhs.createdAt < rhs.createdAt }
        for (_, id) in ordered {
            guard let state = leads[id], !state.isErased else { continue }
            let owner = survivor(of: state.id) ?? state.id
            for key in identity.keys(for: state.lead) where identityIndex[key] == nil {
                identityIndex[key] = owner
            }
            linkAccount(of: state.id)
        }
    }
}
