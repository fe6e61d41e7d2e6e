import LeadModel
import PostgresNIO

extension PostgresEventStore {
    /// Saves the snapshot called `name`, taken at `position`, unless a newer one is saved.
    ///
    /// Snapshots move only forward: a save for a position before the saved snapshot's is ignored,
    /// so an instance that fell behind cannot replace a newer snapshot with an older one. A save
    /// for a position before the latest erasure is ignored too, since it may hold the erased
    /// person; the check and the write are one statement that waits for a running erasure.
    ///
    /// - Parameters:
    ///   - name: the snapshot's name; any string.
    ///   - position: the journal position the snapshot reflects.
    ///   - bytes: the snapshot's content.
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    public func saveSnapshot(named name: String, at position: JournalPosition, bytes: [UInt8]) async throws {
        let at = Int64(clamping: position.rawValue)
        let content = ByteBuffer(bytes: bytes)
        try await PostgresFailure.mapping("saving the snapshot \(name)", timeout: timeout) {
            try await client.query(
                """
                WITH mark AS (
                    SELECT through FROM \(unescaped: schema).erasure_mark WHERE singleton FOR SHARE
                )
                INSERT INTO \(unescaped: schema).snapshots (name, position, bytes)
                SELECT \(name), \(at), \(content) FROM mark WHERE mark.through <= \(at)
                ON CONFLICT (name) DO UPDATE SET position = excluded.position, bytes = excluded.bytes
                WHERE snapshots.position <= excluded.position
                """, logger: logger
            ).consume()
        }
    }

    /// The latest snapshot called `name`, or `nil` when there is none (or an erasure dropped it).
    ///
    /// - Parameter name: the snapshot's name.
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    public func loadSnapshot(named name: String) async throws -> (position: JournalPosition, bytes: [UInt8])? {
        try await PostgresFailure.mapping("loading the snapshot \(name)", timeout: timeout) {
            let rows = try await client.query(
                "SELECT position, bytes FROM \(unescaped: schema).snapshots WHERE name = \(name)", logger: logger)
            for try await (position, bytes) in rows.decode((Int64, ByteBuffer).self) {
                return (JournalPosition(UInt64(position)), Array(bytes.readableBytesView))
            }
            return nil
        }
    }
}
