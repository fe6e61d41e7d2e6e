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

    /// Saves the lead states as a snapshot in the store, so the next engine on this journal folds
    /// only the events after it.
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
        // The router's turns and loads and the open clocks' phases are not in the snapshot: fold
        // them from the journal.
        for try await event in store.events(from: .start, pageSize: 8192) {
            guard let eventPosition = event.position, eventPosition <= snapshotPosition else { break }
            routingLedger.apply(event)
            monitor.apply(event)
        }
        snapshotStatus = .loaded(position: snapshotPosition, leads: states.count)
        eventsFoldedSinceSnapshot = 0
    }

    /// Rebuilds the identity index and the accounts from the lead states, oldest lead first, as
    /// folding the journal would have built them.
    private func rebuildIndexes() {
        identityIndex = [:]
        accounts = [:]
        contactsByAccount = [:]
        accountOfLead = [:]
        let ordered = leads.values.sorted { lhs, rhs in
            lhs.createdAt == rhs.createdAt ? lhs.id < rhs.id : lhs.createdAt < rhs.createdAt
        }
        for state in ordered where !state.isErased {
            let owner = survivor(of: state.id) ?? state.id
            for key in identity.keys(for: state.lead) where identityIndex[key] == nil {
                identityIndex[key] = owner
            }
            linkAccount(of: state.id)
        }
    }
}
