import LeadModel

private typealias Fixtures = ConformanceFixtures

extension EventStoreConformance {
    /// Total order and reading: positions, paging, per-lead streams, ``LeadModel/JournalEvents``.
    static var orderingChecks: [ConformanceCheck] {
        [
            ConformanceCheck(
                name: "positions-start-at-one-and-are-gapless",
                summary: "The first event gets position 1 and each appended event the next one, "
                    + "across calls and requests.",
                body: positionsStartAtOneAndAreGapless),
            ConformanceCheck(
                name: "read-returns-appended-events-in-order",
                summary: "read(from:limit:) returns every appended event unchanged, in append "
                    + "order, with its store-assigned position set.",
                body: readReturnsAppendedEventsInOrder),
            ConformanceCheck(
                name: "read-pages-from-any-position",
                summary: "Reading from any position with any limit returns the matching slice; "
                    + "past the end (or with limit 0) it returns nothing.",
                body: readPagesFromAnyPosition),
            ConformanceCheck(
                name: "per-lead-reads",
                summary: "events(forLead:) returns exactly that lead's events in journal order; "
                    + "an unknown lead has none.",
                body: perLeadReads),
            ConformanceCheck(
                name: "journal-events-stream-in-pages",
                summary: "store.events(from:pageSize:) streams the whole journal (or its tail) "
                    + "in order, for any page size.",
                body: journalEventsStreamInPages),
        ]
    }

    private static func positionsStartAtOneAndAreGapless(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let b = Fixtures.leadID(2)
        let first = try await Expect.succeeds("a first append succeeds") {
            try await store.appendChecked(
                [Fixtures.captured(a), Fixtures.signal(a, sequence: 1), Fixtures.signal(a, sequence: 2)],
                to: a, expecting: .noStream)
        }
        try Expect.equal(first.positions, positions(1...3), "positions start at 1 and are gapless")
        try Expect.equal(first.version, 3, "the result reports the stream's version")

        let second = try await store.append([
            AppendRequest(leadID: b, expectedVersion: .noStream, events: [Fixtures.captured(b)]),
            AppendRequest(leadID: a, events: [Fixtures.signal(a, sequence: 3)]),
        ])
        try Expect.equal(
            second.map(\.positions), [positions(4...4), positions(5...5)],
            "positions continue across requests of one call, in request order")

        let third = try await store.appendChecked([Fixtures.signal(b, sequence: 4)], to: b)
        try Expect.equal(third.positions, positions(6...6), "positions continue across calls")

        let all = try await store.readEverything()
        try Expect.positions(
            all.map(\.position), 1...6,
            "the journal reads back gapless from position 1")
    }

    private static func readReturnsAppendedEventsInOrder(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let b = Fixtures.leadID(2)
        var decided = Fixtures.signal(a, sequence: 2, kind: .quoteRequested, idempotencyKey: "sig-2")
        decided.reasons = [Reason(rule: "sql-trigger", detail: "requested a quote")]
        decided.playbookVersion = "2026.11"
        var misplaced = Fixtures.touch(b, sequence: 3)
        misplaced.position = JournalPosition(999)  // ignored: the store assigns positions

        var expected: [LeadEvent] = []
        let batch = [Fixtures.captured(a, idempotencyKey: "cap-a"), decided]
        let first = try await store.appendChecked(batch, to: a, expecting: .noStream)
        expected += batch.positioned(first.positions)

        let requests = [
            AppendRequest(leadID: b, events: [Fixtures.captured(b), misplaced]),
            AppendRequest(leadID: a, events: [Fixtures.touch(a, sequence: 4)]),
        ]
        let results = try await store.append(requests)
        try Expect.equal(results.count, 2, "append returns one result per request")
        for (request, result) in zip(requests, results) {
            try Expect.equal(result.leadID, request.leadID, "results come in request order")
            expected += request.events.positioned(result.positions)
        }

        try Expect.positions(
            expected.map(\.position), 1...5,
            "the store assigns its own positions, ignoring any the appender set")
        let all = try await store.readEverything()
        try Expect.events(
            all, expected, "read returns the appended events unchanged, in order, positions set")
        let one = try await store.read(from: .start, limit: 1)
        try Expect.events(one, Array(expected.prefix(1)), "read(limit: 1) returns one event")
    }

    private static func readPagesFromAnyPosition(_ store: any EventStore) async throws {
        let leads = (1...3).map(Fixtures.leadID)
        for batch in 0..<5 {
            let events = (0..<5).map { index in
                let sequence = batch * 5 + index
                return Fixtures.signal(leads[sequence % 3], sequence: sequence)
            }
            let requests = Dictionary(grouping: events, by: \.leadID).sorted { $0.key < $1.key }
                .map { AppendRequest(leadID: $0.key, events: $0.value) }
            _ = try await store.append(requests)
        }
        let all = try await store.readEverything(pageSize: 1000)
        try Expect.equal(all.count, 25, "every appended event can be read")

        for start in 1...27 {
            for limit in [1, 2, 7, 25, 100] {
                let page = try await store.read(from: JournalPosition(UInt64(start)), limit: limit)
                let lower = min(start - 1, all.count)
                let expected = Array(all[lower..<min(all.count, lower + limit)])
                try Expect.events(
                    page, expected,
                    "read(from: \(start), limit: \(limit)) returns that slice of the journal")
            }
        }
        let far = try await store.read(from: JournalPosition(1_000_000), limit: 10)
        try Expect.equal(far.count, 0, "reading far past the end returns nothing")
        let none = try await store.read(from: .start, limit: 0)
        try Expect.equal(none.count, 0, "reading with limit 0 returns nothing")
    }

    private static func perLeadReads(_ store: any EventStore) async throws {
        let leads = (1...3).map(Fixtures.leadID)
        for sequence in stride(from: 0, to: 18, by: 3) {
            // One call per round: leads in varying order, one or two events each.
            let requests = (0..<3).map { offset -> AppendRequest in
                let lead = leads[(sequence / 3 + offset) % 3]
                let count = (sequence + offset) % 2 + 1
                return AppendRequest(
                    leadID: lead,
                    events: (0..<count).map {
                        Fixtures.signal(lead, sequence: sequence * 10 + offset * 2 + $0)
                    })
            }
            _ = try await store.append(requests)
        }
        let all = try await store.readEverything()
        for lead in leads {
            let stream = try await store.events(forLead: lead)
            try Expect.events(
                stream, all.filter { $0.leadID == lead },
                "events(forLead:) returns that lead's events, oldest first, positions set")
        }
        let unknown = try await store.events(forLead: Fixtures.leadID(99))
        try Expect.equal(unknown.count, 0, "an unknown lead has no events")
    }

    private static func journalEventsStreamInPages(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        for batch in 0..<4 {
            let size = batch == 3 ? 7 : 10
            _ = try await store.appendChecked(
                (0..<size).map { Fixtures.signal(a, sequence: batch * 10 + $0) }, to: a)
        }
        let all = try await store.readEverything()
        try Expect.equal(all.count, 37, "every appended event can be read")

        for pageSize in [1, 5, 36, 37, 4096] {
            var streamed: [LeadEvent] = []
            for try await event in store.events(from: .start, pageSize: pageSize) {
                streamed.append(event)
            }
            try Expect.events(
                streamed, all, "events(from: .start, pageSize: \(pageSize)) yields the journal")
        }
        var tail: [LeadEvent] = []
        for try await event in store.events(from: JournalPosition(10), pageSize: 4) {
            tail.append(event)
        }
        try Expect.events(tail, Array(all.dropFirst(9)), "events(from: 10) yields the tail")
        var beyond: [LeadEvent] = []
        for try await event in store.events(from: JournalPosition(38)) { beyond.append(event) }
        try Expect.equal(beyond.count, 0, "events(from:) past the end yields nothing")
    }
}
