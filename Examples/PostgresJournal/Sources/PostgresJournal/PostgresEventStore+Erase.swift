import LeadModel
import PostgresNIO

extension PostgresEventStore {
    /// Removes a lead's personal data for good and records that it did, in one transaction.
    ///
    /// Each of the lead's events is overwritten in place by its redacted form
    /// (``LeadModel/LeadEvent/redactingPersonalData()``) at the same position, so positions stay
    /// gapless and counts stay right; the events' idempotency keys and the lead's identity claims
    /// are forgotten, every snapshot is deleted (snapshots may hold the person), and the erasure
    /// event is appended. Snapshots saved afterwards for a position before the erasure event are
    /// refused.
    ///
    /// PostgreSQL keeps the overwritten row versions until `VACUUM` reclaims them, and the WAL
    /// and any base backup or `pg_dump` taken earlier still hold them: see
    /// `Documentation/ScalingOut.md`.
    ///
    /// - Parameters:
    ///   - id: the lead to erase.
    ///   - erasure: the event to append afterwards, normally with an ``LeadModel/Erasure`` payload.
    /// - Returns: the erasure event as appended, with its position.
    /// - Throws: ``LeadModel/EventStoreError`` — `unknownLead` when the lead has no events,
    ///   `corruptRecord` for an event that does not decode, `io` on database failures.
    public func erase(lead id: LeadID, recording erasure: LeadEvent) async throws -> LeadEvent {
        var event = erasure
        event.leadID = id
        event.idempotencyKey = nil
        event.position = nil
        let call = try AppendCall([AppendRequest(leadID: id, events: [event])])
        let appendQuery = try call.query(schema: schema)
        let (schema, logger) = (self.schema, self.logger)
        let position = try await PostgresFailure.mapping(
            "erasing a lead", timeout: timeout, requests: call.requests, leadID: id
        ) {
            try await client.withTransaction(logger: logger) { connection -> Int64 in
                // Lock order: the erasure mark, the stream, then (through append_events) the head.
                try await connection.query(
                    "SELECT through FROM \(unescaped: schema).erasure_mark WHERE singleton FOR UPDATE",
                    logger: logger
                ).consume()
                var version: Int32 = 0
                let streams = try await connection.query(
                    "SELECT version FROM \(unescaped: schema).streams WHERE lead_id = \(id.rawValue) FOR UPDATE",
                    logger: logger)
                for try await found in streams.decode(Int32.self) { version = found }
                guard version > 0 else {
                    throw EventStoreError(.unknownLead, "no events to erase", leadID: id)
                }
                var positions: [Int64] = []
                var payloads: [ByteBuffer] = []
                var keys: [String] = []
                let rows = try await connection.query(
                    "SELECT position, payload FROM \(unescaped: schema).events WHERE lead_id = \(id.rawValue) ORDER BY position",
                    logger: logger)
                for try await (position, payload) in rows.decode((Int64, ByteBuffer).self) {
                    let stored = try Self.decode(payload: payload, at: position)
                    if let key = stored.idempotencyKey { keys.append(key) }
                    var redacted = stored.redactingPersonalData()
                    redacted.position = nil
                    positions.append(position)
                    payloads.append(Self.encode(redacted))
                }
                try await connection.query(
                    """
                    UPDATE \(unescaped: schema).events AS e SET payload = v.payload
                    FROM unnest(\(positions)::bigint[], \(payloads)::bytea[]) AS v(position, payload)
                    WHERE e.position = v.position
                    """, logger: logger)
                if !keys.isEmpty {
                    try await connection.query(
                        "DELETE FROM \(unescaped: schema).idempotency_keys WHERE key = ANY (\(keys))",
                        logger: logger)
                }
                try await connection.query(
                    "DELETE FROM \(unescaped: schema).identity_claims WHERE lead_id = \(id.rawValue)", logger: logger)
                try await connection.query("DELETE FROM \(unescaped: schema).snapshots", logger: logger)
                var appended: Int64?
                let result = try await connection.query(appendQuery, logger: logger)
                for try await (positions, _, _) in result.decode(([Int64], [Bool], [Int32]).self) {
                    appended = positions.first
                }
                guard let appended else {
                    throw EventStoreError(.io, "append_events returned no row; check the schema's migrations")
                }
                try await connection.query(
                    "UPDATE \(unescaped: schema).erasure_mark SET through = \(appended) WHERE singleton",
                    logger: logger)
                return appended
            }
        }
        event.position = JournalPosition(UInt64(position))
        return event
    }
}

extension PostgresRowSequence {
    /// Reads and drops every row, so the connection is ready for the next statement.
    func consume() async throws {
        for try await _ in self {}
    }
}
