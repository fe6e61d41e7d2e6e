/// A store that can keep snapshots of projections next to the journal, so that reopening a large
/// journal folds only the events after the snapshot.
///
/// A snapshot is opaque bytes under a name, tagged with the journal position it reflects. Stores
/// must drop every snapshot when a lead is erased, since snapshots may hold personal data.
public protocol SnapshotStore: Sendable {
    /// Saves (replaces) the snapshot called `name`, taken at `position`.
    ///
    /// - Throws: ``EventStoreError`` with code `io`.
    func saveSnapshot(named name: String, at position: JournalPosition, bytes: [UInt8]) async throws

    /// The latest snapshot called `name`, or `nil` when there is none (or it was dropped).
    ///
    /// - Throws: ``EventStoreError`` with code `io`.
    func loadSnapshot(named name: String) async throws -> (position: JournalPosition, bytes: [UInt8])?
}
