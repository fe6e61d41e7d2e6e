import LeadModel

private typealias Fixtures = ConformanceFixtures

extension EventStoreConformance {
    /// Idempotency keys: each recorded once, duplicates answered with the original position.
    static var idempotencyChecks: [ConformanceCheck] {
        [
            ConformanceCheck(
                name: "idempotency-across-calls",
                summary: "An event whose key is already recorded, in any stream, is not appended "
                    + "again and reports the original position; unkeyed events always append.",
                body: idempotencyAcrossCalls),
            ConformanceCheck(
                name: "idempotency-within-one-call",
                summary: "A key repeated within one request, or across requests of one call, is "
                    + "appended once; the repeat reports the first one's position.",
                body: idempotencyWithinOneCall),
            ConformanceCheck(
                name: "all-duplicate-requests-ignore-expected-version",
                summary: "A request whose events are all duplicates succeeds whatever version it "
                    + "expects; one with any new event is still checked.",
                body: allDuplicateRequestsIgnoreExpectedVersion),
        ]
    }

    private static func idempotencyAcrossCalls(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let b = Fixtures.leadID(2)
        _ = try await store.appendChecked(
            [Fixtures.captured(a, idempotencyKey: "cap-a")], to: a, expecting: .noStream)
        let signal = Fixtures.signal(a, sequence: 1, idempotencyKey: "sig-1")
        _ = try await store.appendChecked([signal], to: a)

        let replay = try await Expect.succeeds("appending a recorded key again succeeds") {
            try await store.appendChecked([signal], to: a)
        }
        try Expect.equal(replay.duplicates, [true], "the replayed event is reported a duplicate")
        try Expect.equal(
            replay.positions, positions(2...2), "a duplicate reports the original position")
        try Expect.equal(replay.version, 2, "a duplicate does not change the stream's version")
        try Expect.equal(
            try await store.readEverything().count, 2, "a duplicate is not appended again")

        let mixed = try await store.appendChecked(
            [signal, Fixtures.signal(a, sequence: 2, idempotencyKey: "sig-2")], to: a)
        try Expect.equal(mixed.duplicates, [true, false], "only the new key is appended")
        try Expect.equal(
            mixed.positions, positions(2...3), "the duplicate keeps its position, the new one is next")
        try Expect.equal(mixed.version, 3, "the version counts only the new event")

        _ = try await store.appendChecked([Fixtures.captured(b)], to: b, expecting: .noStream)
        let elsewhere = try await store.appendChecked(
            [Fixtures.signal(b, sequence: 1, idempotencyKey: "sig-1")], to: b)
        try Expect.equal(
            elsewhere.duplicates, [true], "a key recorded in another lead's stream is a duplicate")
        try Expect.equal(
            elsewhere.positions, positions(2...2),
            "a duplicate from another stream reports the original position")
        try Expect.equal(elsewhere.version, 1, "the other stream's version is unchanged")

        let unkeyed = Fixtures.touch(b, sequence: 5)
        let once = try await store.appendChecked([unkeyed], to: b)
        let twice = try await store.appendChecked([unkeyed], to: b)
        try Expect.equal(
            once.duplicates + twice.duplicates, [false, false], "events without a key always append")
        try Expect.equal(
            try await store.readEverything().count, 6, "the journal holds every new event once")
    }

    private static func idempotencyWithinOneCall(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let b = Fixtures.leadID(2)
        let keyed = Fixtures.signal(a, sequence: 1, idempotencyKey: "x")
        let same = try await Expect.succeeds("a key repeated within one request is accepted") {
            try await store.appendChecked([keyed, keyed], to: a)
        }
        try Expect.equal(same.duplicates, [false, true], "the repeat is reported a duplicate")
        try Expect.equal(
            same.positions, positions(1...1) + positions(1...1),
            "the repeat reports the first one's position")
        try Expect.equal(same.version, 1, "the key is appended once")

        let results = try await Expect.succeeds("a key repeated across requests is accepted") {
            try await store.append([
                AppendRequest(leadID: a, events: [Fixtures.signal(a, sequence: 2, idempotencyKey: "y")]),
                AppendRequest(leadID: b, events: [Fixtures.signal(b, sequence: 3, idempotencyKey: "y")]),
            ])
        }
        try Expect.equal(
            results.map(\.duplicates), [[false], [true]], "the second request's event is a duplicate")
        try Expect.equal(
            results.map(\.positions), [positions(2...2), positions(2...2)],
            "the duplicate reports the position given earlier in the same call")
        try Expect.equal(
            results.map(\.version), [2, 0], "each result reports its stream's version")
        try Expect.equal(
            try await store.readEverything().count, 2, "each key is appended once")
    }

    private static func allDuplicateRequestsIgnoreExpectedVersion(_ store: any EventStore)
        async throws
    {
        let a = Fixtures.leadID(1)
        let batch = [
            Fixtures.captured(a, idempotencyKey: "cap-a"),
            Fixtures.signal(a, sequence: 1, idempotencyKey: "sig-1"),
        ]
        _ = try await store.appendChecked(batch, to: a, expecting: .noStream)
        for expectation in [ExpectedVersion.noStream, .exactly(0), .exactly(99), .any] {
            let replay = try await Expect.succeeds(
                "an all-duplicate request expecting \(expectation) succeeds"
            ) {
                try await store.appendChecked(batch, to: a, expecting: expectation)
            }
            try Expect.equal(replay.duplicates, [true, true], "both events are duplicates")
            try Expect.equal(
                replay.positions, positions(1...2), "duplicates report the original positions")
            try Expect.equal(replay.version, 2, "the version is unchanged")
        }
        try await Expect.error(
            .versionConflict, "a request with a new event still has its expectation checked"
        ) {
            try await store.appendChecked(
                batch + [Fixtures.signal(a, sequence: 2, idempotencyKey: "sig-2")], to: a,
                expecting: .noStream)
        }
        try Expect.equal(
            try await store.readEverything().count, 2, "a conflicting request appends nothing")
    }
}
