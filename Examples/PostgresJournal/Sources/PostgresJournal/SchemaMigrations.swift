/// The journal's schema as an ordered list of migrations, each a list of single SQL statements.
///
/// The store applies the missing ones in order, in one transaction under an advisory lock, and
/// records each in `schema_version`: several instances starting at once migrate once. A schema
/// recorded at a version newer than ``latestVersion`` is refused, so an old binary never writes
/// into a journal laid out by a newer one. `{schema}` stands for the store's schema name.
enum SchemaMigrations {
    /// The version this build of the store creates and understands.
    static var latestVersion: Int { migrations.count }

    /// Migration *n* (1-based) is `migrations[n - 1]`. Never edit a released migration: add one.
    static let migrations: [[String]] = [
        version1, version2, version3, version4, version5, version6, version7, version8,
    ]

    /// The first layout: the counter row, streams, events, idempotency keys, snapshots, the
    /// erasure mark and the append function.
    static let version1: [String] = [
        """
        CREATE TABLE {schema}.head (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            position bigint NOT NULL
        ) WITH (fillfactor = 10)
        """,
        "INSERT INTO {schema}.head (singleton, position) VALUES (true, 0)",
        """
        CREATE TABLE {schema}.streams (
            lead_id text PRIMARY KEY,
            version integer NOT NULL
        )
        """,
        """
        CREATE TABLE {schema}.events (
            position bigint PRIMARY KEY,
            lead_id text NOT NULL,
            payload bytea NOT NULL
        )
        """,
        "CREATE INDEX events_by_lead ON {schema}.events (lead_id, position)",
        """
        CREATE TABLE {schema}.idempotency_keys (
            key text PRIMARY KEY,
            position bigint
        )
        """,
        """
        CREATE TABLE {schema}.snapshots (
            name text PRIMARY KEY,
            position bigint NOT NULL,
            bytes bytea NOT NULL
        )
        """,
        """
        CREATE TABLE {schema}.erasure_mark (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            through bigint NOT NULL
        )
        """,
        "INSERT INTO {schema}.erasure_mark (singleton, through) VALUES (true, 0)",
        appendFunction(notify: ""),
    ]

    /// The live tail's hint: `append_events` sends `NOTIFY <schema>, '<head position>'` in the
    /// append's transaction, so a listener hears of it when it commits (see
    /// ``PostgresEventStore/withLiveTail(from:pageSize:pollInterval:_:)``). The channel is the
    /// schema's name.
    static let version2: [String] = [
        appendFunction(
            notify: """

                        PERFORM pg_notify('{schema}', (base + fresh)::text);
                """, replacing: true)
    ]

    /// Group commit: `append_batch` runs several independent append calls in one transaction, so
    /// that concurrent appenders share one commit (and one WAL flush) instead of queueing on the
    /// counter row one commit at a time. Every key and stream of the batch is locked first, in
    /// the same order `append_events` uses; then each call runs as `append_events` inside its own
    /// subtransaction, so a call's version conflict rolls back that call only and is reported as
    /// its status (`false`, with the conflict's detail) while the others commit.
    static let version3: [String] = [
        """
        CREATE FUNCTION {schema}.append_batch(
            p_call_requests integer[],
            p_call_events integer[],
            p_call_keys integer[],
            p_leads text[],
            p_expected bigint[],
            p_event_request integer[],
            p_event_key integer[],
            p_keys text[],
            p_payloads bytea[],
            OUT ok boolean[],
            OUT details text[],
            OUT positions bigint[],
            OUT duplicates boolean[],
            OUT versions integer[]
        ) LANGUAGE plpgsql AS $fn$
        DECLARE
            n_calls integer := coalesce(cardinality(p_call_requests), 0);
            r0 integer := 0;
            e0 integer := 0;
            k0 integer := 0;
            r1 integer;
            e1 integer;
            k1 integer;
            result record;
            detail text;
        BEGIN
            ok := '{}';
            details := '{}';
            positions := '{}';
            duplicates := '{}';
            versions := '{}';
            -- Lock every key, then every stream of the batch, sorted, before any call runs: the
            -- calls then take no lock but the head row's, so batches cannot deadlock.
            IF coalesce(cardinality(p_keys), 0) > 0 THEN
                INSERT INTO {schema}.idempotency_keys (key)
                SELECT DISTINCT u.key FROM unnest(p_keys) AS u(key) ORDER BY u.key
                ON CONFLICT (key) DO NOTHING;
                PERFORM 1 FROM {schema}.idempotency_keys WHERE key = ANY (p_keys) ORDER BY key FOR UPDATE;
            END IF;
            INSERT INTO {schema}.streams (lead_id, version)
            SELECT DISTINCT u.lead_id, 0 FROM unnest(p_leads) AS u(lead_id) ORDER BY u.lead_id
            ON CONFLICT (lead_id) DO NOTHING;
            PERFORM 1 FROM {schema}.streams WHERE lead_id = ANY (p_leads) ORDER BY lead_id FOR UPDATE;
            FOR c IN 1..n_calls LOOP
                r1 := r0 + p_call_requests[c];
                e1 := e0 + p_call_events[c];
                k1 := k0 + p_call_keys[c];
                BEGIN
                    SELECT * INTO result FROM {schema}.append_events(
                        p_leads[r0 + 1:r1], p_expected[r0 + 1:r1], p_event_request[e0 + 1:e1],
                        p_event_key[e0 + 1:e1], p_keys[k0 + 1:k1], p_payloads[e0 + 1:e1]);
                    ok := ok || true;
                    details := details || ''::text;
                    positions := positions || result.positions;
                    duplicates := duplicates || result.duplicates;
                    versions := versions || result.versions;
                EXCEPTION WHEN SQLSTATE 'AC409' THEN
                    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
                    ok := ok || false;
                    details := details || detail;
                    positions := positions || array_fill(0::bigint, ARRAY[e1 - e0]);
                    duplicates := duplicates || array_fill(false, ARRAY[e1 - e0]);
                    versions := versions || array_fill(0, ARRAY[r1 - r0]);
                END;
                r0 := r1;
                e0 := e1;
                k0 := k1;
            END LOOP;
            -- Keys and streams of calls that conflicted were created above and never used: drop
            -- them, so no key row commits without its position and no stream without events.
            IF coalesce(cardinality(p_keys), 0) > 0 THEN
                DELETE FROM {schema}.idempotency_keys WHERE key = ANY (p_keys) AND position IS NULL;
            END IF;
            DELETE FROM {schema}.streams WHERE lead_id = ANY (p_leads) AND version = 0;
        END
        $fn$
        """
    ]

    /// Group commit without a subtransaction per call in the usual case: `append_batch` first runs
    /// every call in one block; only when a call conflicts does it undo that and run the calls
    /// one subtransaction each. A subtransaction per call cost CPU under the counter row's lock,
    /// and more than 64 of them in one transaction make PostgreSQL's snapshots overflow to
    /// `pg_subtrans`, which slows every reader.
    static let version5: [String] = [
        """
        CREATE OR REPLACE FUNCTION {schema}.append_batch(
            p_call_requests integer[],
            p_call_events integer[],
            p_call_keys integer[],
            p_leads text[],
            p_expected bigint[],
            p_event_request integer[],
            p_event_key integer[],
            p_keys text[],
            p_payloads bytea[],
            OUT ok boolean[],
            OUT details text[],
            OUT positions bigint[],
            OUT duplicates boolean[],
            OUT versions integer[]
        ) LANGUAGE plpgsql AS $fn$
        DECLARE
            n_calls integer := coalesce(cardinality(p_call_requests), 0);
            r0 integer := 0;
            e0 integer := 0;
            k0 integer := 0;
            r1 integer;
            e1 integer;
            k1 integer;
            result record;
            detail text;
            all_done boolean := false;
        BEGIN
            ok := '{}';
            details := '{}';
            positions := '{}';
            duplicates := '{}';
            versions := '{}';
            -- Lock every key, then every stream of the batch, sorted, before any call runs: the
            -- calls then take no lock but the head row's, so batches cannot deadlock.
            IF coalesce(cardinality(p_keys), 0) > 0 THEN
                INSERT INTO {schema}.idempotency_keys (key)
                SELECT DISTINCT u.key FROM unnest(p_keys) AS u(key) ORDER BY u.key
                ON CONFLICT (key) DO NOTHING;
                PERFORM 1 FROM {schema}.idempotency_keys WHERE key = ANY (p_keys) ORDER BY key FOR UPDATE;
            END IF;
            INSERT INTO {schema}.streams (lead_id, version)
            SELECT DISTINCT u.lead_id, 0 FROM unnest(p_leads) AS u(lead_id) ORDER BY u.lead_id
            ON CONFLICT (lead_id) DO NOTHING;
            PERFORM 1 FROM {schema}.streams WHERE lead_id = ANY (p_leads) ORDER BY lead_id FOR UPDATE;
            -- First every call in one go, with no subtransaction per call: the usual case, where
            -- no call conflicts. A conflict undoes the attempt, and the calls run again one
            -- subtransaction each, so that only the conflicting ones fail.
            BEGIN
                FOR c IN 1..n_calls LOOP
                    r1 := r0 + p_call_requests[c];
                    e1 := e0 + p_call_events[c];
                    k1 := k0 + p_call_keys[c];
                    SELECT * INTO result FROM {schema}.append_events(
                        p_leads[r0 + 1:r1], p_expected[r0 + 1:r1], p_event_request[e0 + 1:e1],
                        p_event_key[e0 + 1:e1], p_keys[k0 + 1:k1], p_payloads[e0 + 1:e1]);
                    ok := ok || true;
                    details := details || ''::text;
                    positions := positions || result.positions;
                    duplicates := duplicates || result.duplicates;
                    versions := versions || result.versions;
                    r0 := r1;
                    e0 := e1;
                    k0 := k1;
                END LOOP;
                all_done := true;
            EXCEPTION WHEN SQLSTATE 'AC409' THEN
                all_done := false;
                ok := '{}';
                details := '{}';
                positions := '{}';
                duplicates := '{}';
                versions := '{}';
                r0 := 0;
                e0 := 0;
                k0 := 0;
            END;
            IF NOT all_done THEN
                FOR c IN 1..n_calls LOOP
                    r1 := r0 + p_call_requests[c];
                    e1 := e0 + p_call_events[c];
                    k1 := k0 + p_call_keys[c];
                    BEGIN
                        SELECT * INTO result FROM {schema}.append_events(
                            p_leads[r0 + 1:r1], p_expected[r0 + 1:r1], p_event_request[e0 + 1:e1],
                            p_event_key[e0 + 1:e1], p_keys[k0 + 1:k1], p_payloads[e0 + 1:e1]);
                        ok := ok || true;
                        details := details || ''::text;
                        positions := positions || result.positions;
                        duplicates := duplicates || result.duplicates;
                        versions := versions || result.versions;
                    EXCEPTION WHEN SQLSTATE 'AC409' THEN
                        GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
                        ok := ok || false;
                        details := details || detail;
                        positions := positions || array_fill(0::bigint, ARRAY[e1 - e0]);
                        duplicates := duplicates || array_fill(false, ARRAY[e1 - e0]);
                        versions := versions || array_fill(0, ARRAY[r1 - r0]);
                    END;
                    r0 := r1;
                    e0 := e1;
                    k0 := k1;
                END LOOP;
            END IF;
            -- Keys and streams of calls that conflicted were created above and never used: drop
            -- them, so no key row commits without its position and no stream without events.
            IF coalesce(cardinality(p_keys), 0) > 0 THEN
                DELETE FROM {schema}.idempotency_keys WHERE key = ANY (p_keys) AND position IS NULL;
            END IF;
            DELETE FROM {schema}.streams WHERE lead_id = ANY (p_leads) AND version = 0;
        END
        $fn$
        """
    ]

    /// The live tail's hint can be turned off per database, role or session with the setting
    /// `accord.live_tail_hints = off`: PostgreSQL serialises the commits of every transaction that
    /// sent a NOTIFY on the whole server, which is what keeps several journals (partitions) on
    /// one server from committing side by side. Tails then find new events by polling.
    static let version4: [String] = [
        appendFunction(notify: switchableHint, replacing: true)
    ]

    /// The hint as version 4 sends it: unless `accord.live_tail_hints` is `off`.
    static let switchableHint = """

                IF coalesce(current_setting('accord.live_tail_hints', true), '') <> 'off' THEN
                    PERFORM pg_notify('{schema}', (base + fresh)::text);
                END IF;
        """

    /// Identity claims: a new lead's capture claims its person's identity keys (their SHA-256, not
    /// the keys themselves) in the transaction of its append, so that two instances capturing
    /// one person at the same moment cannot both create a lead. `append_claiming` inserts the
    /// claims first, sorted, before `append_events` takes its own locks; a key another
    /// transaction is claiming makes it wait for that one's commit. A key held by another lead
    /// fails a new lead's append with SQLSTATE `AC409` (detail `claim:<request>`) before any
    /// position is used: the engine reads the journal again and finds the person. Captures on a
    /// lead that already exists claim the keys it did not hold yet, and never fail on them.
    static let version6: [String] = [
        """
        CREATE TABLE {schema}.identity_claims (
            key bytea PRIMARY KEY,
            lead_id text NOT NULL
        )
        """,
        "CREATE INDEX identity_claims_by_lead ON {schema}.identity_claims (lead_id)",
        """
        CREATE FUNCTION {schema}.append_claiming(
            p_claim_keys text[],
            p_claim_request integer[],
            p_leads text[],
            p_expected bigint[],
            p_event_request integer[],
            p_event_key integer[],
            p_keys text[],
            p_payloads bytea[],
            OUT positions bigint[],
            OUT duplicates boolean[],
            OUT versions integer[]
        ) LANGUAGE plpgsql AS $fn$
        DECLARE
            taken integer;
        BEGIN
            -- 0. Identity claims first, sorted by key, so that claimers cannot deadlock: a key
            --    another transaction is claiming makes this wait for that transaction.
            INSERT INTO {schema}.identity_claims (key, lead_id)
            SELECT DISTINCT ON (c.key) c.key, c.lead_id
            FROM (SELECT sha256(convert_to(u.key, 'UTF8')) AS key, p_leads[u.request] AS lead_id,
                         u.request
                  FROM unnest(p_claim_keys, p_claim_request) AS u(key, request)) AS c
            ORDER BY c.key, c.request
            ON CONFLICT (key) DO NOTHING;
            -- A new lead (expected version 0) whose key another lead holds is the same person.
            SELECT u.request INTO taken
            FROM unnest(p_claim_keys, p_claim_request) AS u(key, request)
            JOIN {schema}.identity_claims AS ic ON ic.key = sha256(convert_to(u.key, 'UTF8'))
            WHERE p_expected[u.request] = 0 AND ic.lead_id <> p_leads[u.request]
            ORDER BY u.request
            LIMIT 1;
            IF taken IS NOT NULL THEN
                RAISE EXCEPTION USING
                    ERRCODE = 'AC409',
                    MESSAGE = 'identity claimed by another lead',
                    DETAIL = 'claim:' || taken;
            END IF;
            SELECT a.positions, a.duplicates, a.versions INTO positions, duplicates, versions
            FROM {schema}.append_events(
                p_leads, p_expected, p_event_request, p_event_key, p_keys, p_payloads) AS a;
        END
        $fn$
        """,
    ]

    /// How far the journal's captures have been checked for identity claims: a store opened
    /// with an identity resolver claims, for every capture event after `through`, the keys its
    /// lead does not hold yet, then moves `through` on (see
    /// `PostgresEventStore.claimRecordedCaptures`). So the leads of a journal written before
    /// version 6, or by stores without a resolver, get their claims too.
    static let version7: [String] = [
        """
        CREATE TABLE {schema}.claims_checked (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            through bigint NOT NULL
        )
        """,
        "INSERT INTO {schema}.claims_checked (singleton, through) VALUES (true, 0)",
    ]

    /// A shorter way for the usual call: one lead, every event new. The general path below costs
    /// about a dozen statements and several array folds even for one event; under the counter
    /// row's lock that work is what a lone writer waits on besides the commit itself. This path
    /// takes the same locks in the same order — the call's keys (inserted, sorted), the lead's
    /// stream (updated in place, or created), the head row last — in five or six statements.
    /// It is taken only when every key of the call is new (all inserted here) and each key
    /// belongs to one event; otherwise the general path runs, finding the keys this path
    /// inserted as its own. A version conflict raises before the head row is touched, so it still
    /// burns no position.
    static let version8: [String] = [
        appendFunction(notify: switchableHint, replacing: true, singleRequestPath: true)
    ]

    /// The statements of version 8's single-request path, placed at the start of
    /// `append_events`; `notify` as for ``appendFunction(notify:replacing:singleRequestPath:)``.
    static func singleRequestPath(notify: String) -> String {
        """
            IF n_requests = 1 AND n_events > 0
                AND coalesce(cardinality(array_remove(p_event_key, 0)), 0) = n_keys THEN
                IF n_keys > 0 THEN
                    INSERT INTO {schema}.idempotency_keys (key)
                    SELECT u.key FROM unnest(p_keys) AS u(key) ORDER BY u.key
                    ON CONFLICT (key) DO NOTHING;
                    GET DIAGNOSTICS fresh = ROW_COUNT;
                END IF;
                IF fresh = n_keys THEN
                    UPDATE {schema}.streams SET version = version + n_events WHERE lead_id = p_leads[1]
                    RETURNING version - n_events INTO current_version;
                    IF NOT FOUND THEN
                        INSERT INTO {schema}.streams (lead_id, version) VALUES (p_leads[1], n_events)
                        ON CONFLICT (lead_id) DO NOTHING;
                        IF FOUND THEN
                            current_version := 0;
                        ELSE
                            UPDATE {schema}.streams SET version = version + n_events
                            WHERE lead_id = p_leads[1] RETURNING version - n_events INTO current_version;
                        END IF;
                    END IF;
                    IF p_expected[1] >= 0 AND p_expected[1] <> current_version THEN
                        RAISE EXCEPTION USING
                            ERRCODE = 'AC409',
                            MESSAGE = 'version conflict',
                            DETAIL = 1 || ':' || current_version;
                    END IF;
                    fresh := n_events;
                    UPDATE {schema}.head SET position = position + fresh
                    WHERE singleton RETURNING position - fresh INTO base;
                    IF n_events = 1 THEN
                        INSERT INTO {schema}.events (position, lead_id, payload)
                        VALUES (base + 1, p_leads[1], p_payloads[1]);
                        IF n_keys > 0 THEN
                            UPDATE {schema}.idempotency_keys SET position = base + 1 WHERE key = p_keys[1];
                        END IF;
                    ELSE
                        INSERT INTO {schema}.events (position, lead_id, payload)
                        SELECT base + u.ordinal, p_leads[1], u.payload
                        FROM unnest(p_payloads) WITH ORDINALITY AS u(payload, ordinal);
                        IF n_keys > 0 THEN
                            UPDATE {schema}.idempotency_keys AS ik SET position = base + e.ordinal
                            FROM unnest(p_event_key) WITH ORDINALITY AS e(slot, ordinal)
                            WHERE e.slot > 0 AND ik.key = p_keys[e.slot];
                        END IF;
                    END IF;\(notify)
                    positions := ARRAY(SELECT base + g FROM generate_series(1, fresh) AS g);
                    versions := ARRAY[current_version + fresh];
                    RETURN;
                END IF;
                fresh := 0;
            END IF;
        """
    }

    /// One append call in one statement. Locks are taken in one order — idempotency keys (sorted),
    /// streams (sorted), the head row — so concurrent calls cannot deadlock; the head row is
    /// taken last and held to commit, so commits happen in position order and a rollback leaves
    /// no gap. A version conflict raises SQLSTATE `AC409` (detail: request number and the
    /// stream's version) before the head row is touched, so it burns no position.
    ///
    /// - Parameters:
    ///   - notify: statements run right after the events are inserted (version 2 sends the hint).
    ///   - replacing: `CREATE OR REPLACE` rather than `CREATE` (for an upgrade).
    ///   - singleRequestPath: whether the function starts with ``singleRequestPath(notify:)``
    ///     (version 8).
    static func appendFunction(notify: String, replacing: Bool = false, singleRequestPath: Bool = false) -> String {
        """
        CREATE\(replacing ? " OR REPLACE" : "") FUNCTION {schema}.append_events(
            p_leads text[],
            p_expected bigint[],
            p_event_request integer[],
            p_event_key integer[],
            p_keys text[],
            p_payloads bytea[],
            OUT positions bigint[],
            OUT duplicates boolean[],
            OUT versions integer[]
        ) LANGUAGE plpgsql AS $fn$
        DECLARE
            n_events integer := coalesce(cardinality(p_payloads), 0);
            n_requests integer := coalesce(cardinality(p_leads), 0);
            n_keys integer := coalesce(cardinality(p_keys), 0);
            key_recorded bigint[];
            key_ordinal integer[] := array_fill(NULL::integer, ARRAY[n_keys]);
            event_recorded bigint[] := array_fill(NULL::bigint, ARRAY[n_events]);
            event_ordinal integer[] := array_fill(NULL::integer, ARRAY[n_events]);
            fresh_events integer[] := '{}';
            added integer[] := array_fill(0, ARRAY[n_requests]);
            active_leads text[] := '{}';
            stream_leads text[];
            stream_versions integer[];
            fresh integer := 0;
            base bigint;
            ki integer;
            r integer;
            i integer;
            current_version integer;
        BEGIN
            duplicates := array_fill(false, ARRAY[n_events]);
            versions := array_fill(0, ARRAY[n_requests]);
            positions := '{}';\(singleRequestPath ? "\n" + Self.singleRequestPath(notify: notify) : "")
            -- 1. Idempotency keys first, in sorted order. A key another transaction is inserting
            --    makes this wait for it; a key already committed keeps its recorded position.
            IF n_keys > 0 THEN
                INSERT INTO {schema}.idempotency_keys (key)
                SELECT u.key FROM unnest(p_keys) AS u(key) ORDER BY u.key
                ON CONFLICT (key) DO NOTHING;
                SELECT array_agg(ik.position ORDER BY u.ordinal) INTO key_recorded
                FROM unnest(p_keys) WITH ORDINALITY AS u(key, ordinal)
                LEFT JOIN {schema}.idempotency_keys AS ik ON ik.key = u.key;
            END IF;

            -- 2. Which events are new: the first event of a key not recorded before.
            FOR e IN 1..n_events LOOP
                ki := p_event_key[e];
                IF ki > 0 AND key_recorded[ki] IS NOT NULL THEN
                    duplicates[e] := true;
                    event_recorded[e] := key_recorded[ki];
                ELSIF ki > 0 AND key_ordinal[ki] IS NOT NULL THEN
                    duplicates[e] := true;
                    event_ordinal[e] := key_ordinal[ki];
                ELSE
                    fresh := fresh + 1;
                    event_ordinal[e] := fresh;
                    fresh_events := fresh_events || e;
                    IF ki > 0 THEN key_ordinal[ki] := fresh; END IF;
                    r := p_event_request[e];
                    added[r] := added[r] + 1;
                    IF added[r] = 1 THEN active_leads := active_leads || p_leads[r]; END IF;
                END IF;
            END LOOP;

            -- 3. The streams, in sorted order: created when new, then locked, then read.
            IF cardinality(active_leads) > 0 THEN
                INSERT INTO {schema}.streams (lead_id, version)
                SELECT DISTINCT u.lead_id, 0 FROM unnest(active_leads) AS u(lead_id) ORDER BY u.lead_id
                ON CONFLICT (lead_id) DO NOTHING;
            END IF;
            PERFORM 1 FROM {schema}.streams WHERE lead_id = ANY (p_leads) ORDER BY lead_id FOR UPDATE;
            SELECT array_agg(u.lead_id ORDER BY u.lead_id),
                   array_agg(coalesce(s.version, 0) ORDER BY u.lead_id)
            INTO stream_leads, stream_versions
            FROM (SELECT DISTINCT lead_id FROM unnest(p_leads) AS l(lead_id)) AS u
            LEFT JOIN {schema}.streams AS s ON s.lead_id = u.lead_id;

            -- 4. Expected versions, request by request, as if applied in order.
            FOR req IN 1..n_requests LOOP
                i := array_position(stream_leads, p_leads[req]);
                current_version := stream_versions[i];
                IF added[req] > 0 AND p_expected[req] >= 0 AND p_expected[req] <> current_version THEN
                    RAISE EXCEPTION USING
                        ERRCODE = 'AC409',
                        MESSAGE = 'version conflict',
                        DETAIL = req || ':' || current_version;
                END IF;
                current_version := current_version + added[req];
                stream_versions[i] := current_version;
                versions[req] := current_version;
            END LOOP;

            -- 5. Positions from the one counter row, last; its lock is held until commit.
            IF fresh > 0 THEN
                UPDATE {schema}.head SET position = position + fresh
                WHERE singleton RETURNING position - fresh INTO base;
                INSERT INTO {schema}.events (position, lead_id, payload)
                SELECT base + f.ordinal, p_leads[p_event_request[f.event_index]], p_payloads[f.event_index]
                FROM unnest(fresh_events) WITH ORDINALITY AS f(event_index, ordinal);
                UPDATE {schema}.streams AS s SET version = v.version
                FROM unnest(stream_leads, stream_versions) AS v(lead_id, version)
                WHERE s.lead_id = v.lead_id AND s.version <> v.version;
                IF n_keys > 0 THEN
                    UPDATE {schema}.idempotency_keys AS ik SET position = base + v.ordinal
                    FROM unnest(p_keys, key_ordinal) AS v(key, ordinal)
                    WHERE ik.key = v.key AND v.ordinal IS NOT NULL;
                END IF;\(notify)
            END IF;
            FOR e IN 1..n_events LOOP
                positions := positions || coalesce(event_recorded[e], base + event_ordinal[e]);
            END LOOP;
        END
        $fn$
        """
    }
}
