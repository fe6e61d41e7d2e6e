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
        guard let snapshots = store as? any SnapshotStore, try await projections.save(to: snapshots) else {
            return false
        }
        eventsFoldedSinceSnapshot = 0
        return true
    }

    /// Loads the projections from the store's snapshot, if there is a usable one.
    func loadSnapshot() async throws {
        guard let snapshots = store as? any SnapshotStore else { return }
        var loaded = projections
        let status = try await loaded.load(from: snapshots, journal: store)
        snapshotStatus = status
        guard case .loaded = status else { return }
        projections = loaded
        eventsFoldedSinceSnapshot = 0
    }
}
