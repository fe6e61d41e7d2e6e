import LeadModel
import PostgresNIO

extension PostgresEventStore {
    /// What one run of ``claimRecordedCaptures(client:schema:identity:logger:timeout:pageSize:)``
    /// did.
    struct ClaimCheck: Equatable, Sendable {
        /// The capture events read.
        var captures = 0
        /// The identity keys claimed that no lead held before.
        var claimed = 0
        /// The journal position the check reached: every capture up to it has been claimed.
        var through: Int64 = 0
    }

    /// Claims the identity keys of every capture event recorded after the journal's
    /// `claims_checked` mark, then moves the mark on: the leads of a journal written before
    /// identity claims existed (schema version 6), or by stores opened without a resolver, get
    /// the claims they would have made at their append.
    ///
    /// Captures are claimed in position order with the rule `append_claiming` follows: a key
    /// goes to the first lead that captured it, and a key another lead holds already stays
    /// with that lead (two leads one person became before claims existed keep being two; the
    /// engine's merge is the way to join them). Erased leads' captures are redacted and claim
    /// nothing.
    ///
    /// Each page of `pageSize` events is one transaction. It takes the erasure mark in share mode
    /// first, so an erasure running at the same time waits and then deletes what the page
    /// claimed for its lead, and the `claims_checked` row for update, so that instances opening
    /// together check each event once. Claims are inserted sorted by digest, as
    /// `append_claiming` inserts them, so that a page and an append cannot deadlock.
    ///
    /// - Returns: how many captures were read, how many keys claimed, and where the check ends.
    /// - Throws: ``LeadModel/EventStoreError`` — `corruptRecord` for an event that does not
    ///   decode, `io` on database failures.
    static func claimRecordedCaptures(
        client: PostgresClient, schema: String, identity: any IdentityResolver, logger: Logger,
        timeout: Duration, pageSize: Int = 2_000
    ) async throws -> ClaimCheck {
        var check = ClaimCheck()
        while true {
            let page = try await PostgresFailure.mapping(
                "claiming the identities of recorded captures", timeout: timeout
            ) {
                try await client.withTransaction(logger: logger) { connection in
                    try await claimPage(
                        connection: connection, schema: schema, identity: identity, logger: logger, pageSize: pageSize)
                }
            }
            check.captures += page.captures
            check.claimed += page.claimed
            check.through = page.through
            if page.events < pageSize { return check }
        }
    }

    /// One page of the check, in the caller's transaction.
    private static func claimPage(
        connection: PostgresConnection, schema: String, identity: any IdentityResolver, logger: Logger,
        pageSize: Int
    ) async throws -> (events: Int, captures: Int, claimed: Int, through: Int64) {
        try await connection.query(
            "SELECT through FROM \(unescaped: schema).erasure_mark WHERE singleton FOR SHARE", logger: logger
        ).consume()
        var through: Int64 = 0
        let marks = try await connection.query(
            "SELECT through FROM \(unescaped: schema).claims_checked WHERE singleton FOR UPDATE", logger: logger)
        for try await mark in marks.decode(Int64.self) { through = mark }
        let limit = Int64(pageSize)
        let rows = try await connection.query(
            """
            SELECT position, payload FROM \(unescaped: schema).events
            WHERE position > \(through) ORDER BY position LIMIT \(limit)
            """, logger: logger)
        var events = 0
        var captures = 0
        var keys: [String] = []
        var leads: [String] = []
        var last = through
        for try await (position, payload) in rows.decode((Int64, ByteBuffer).self) {
            events += 1
            last = position
            let event = try decode(payload: payload, at: position)
            guard case .captured(let person, _) = event.payload else { continue }
            captures += 1
            for key in identity.keys(for: person) {
                keys.append(key.kind + "\u{1F}" + key.value)
                leads.append(event.leadID.rawValue)
            }
        }
        var claimed = 0
        if !keys.isEmpty {
            let ordinals = (1...keys.count).map { Int32($0) }
            let inserted = try await connection.query(
                """
                INSERT INTO \(unescaped: schema).identity_claims (key, lead_id)
                SELECT DISTINCT ON (c.key) c.key, c.lead_id
                FROM (SELECT sha256(convert_to(u.key, 'UTF8')) AS key, u.lead_id, u.ordinal
                      FROM unnest(\(keys)::text[], \(leads)::text[], \(ordinals)::integer[])
                           AS u(key, lead_id, ordinal)) AS c
                ORDER BY c.key, c.ordinal
                ON CONFLICT (key) DO NOTHING
                RETURNING 1
                """, logger: logger)
            for try await _ in inserted { claimed += 1 }
        }
        if last != through {
            try await connection.query(
                "UPDATE \(unescaped: schema).claims_checked SET through = \(last) WHERE singleton", logger: logger)
        }
        return (events, captures, claimed, last)
    }
}
