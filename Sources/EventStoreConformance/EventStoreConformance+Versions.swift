import LeadModel

private typealias Fixtures = ConformanceFixtures

extension EventStoreConformance {
    /// Optimistic concurrency and atomicity of one call.
    static var versionChecks: [ConformanceCheck] {
        [
            ConformanceCheck(
                name: "expected-version-no-stream",
                summary: ".noStream appends to a new lead and conflicts, appending nothing, once "
                    + "the lead has events.",
                body: expectedVersionNoStream),
            ConformanceCheck(
                name: "expected-version-exactly",
                summary: ".exactly(v) appends when the stream holds v events and conflicts, "
                    + "appending nothing, otherwise.",
                body: expectedVersionExactly),
            ConformanceCheck(
                name: "expected-version-any",
                summary: ".any appends whatever the stream holds.",
                body: expectedVersionAny),
            ConformanceCheck(
                name: "conflicting-batch-appends-nothing",
                summary: "When one request of a call conflicts, no event of any request is "
                    + "appended and no idempotency key is recorded.",
                body: conflictingBatchAppendsNothing),
            ConformanceCheck(
                name: "requests-in-one-call-apply-in-order",
                summary: "Two requests for one lead in one call see each other: the second's "
                    + "expected version counts the first's events.",
                body: requestsInOneCallApplyInOrder),
            ConformanceCheck(
                name: "rejects-events-for-another-lead",
                summary: "A request holding an event for another lead fails with invalidRequest "
                    + "and the call appends nothing.",
                body: rejectsEventsForAnotherLead),
        ]
    }

    private static func expectedVersionNoStream(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let created = try await Expect.succeeds(".noStream appends to a new lead") {
            try await store.appendChecked(
                [Fixtures.captured(a), Fixtures.signal(a, sequence: 1)], to: a, expecting: .noStream)
        }
        try Expect.equal(created.version, 2, "the result reports the stream's version")
        try await Expect.error(.versionConflict, ".noStream conflicts once the lead has events") {
            try await store.appendChecked([Fixtures.signal(a, sequence: 2)], to: a, expecting: .noStream)
        }
        try Expect.equal(
            try await store.events(forLead: a).count, 2, "a conflicting append appends nothing")
        try Expect.equal(
            try await store.readEverything().count, 2, "a conflicting append appends nothing")
        let b = Fixtures.leadID(2)
        _ = try await Expect.succeeds(".noStream appends to another new lead") {
            try await store.appendChecked([Fixtures.captured(b)], to: b, expecting: .noStream)
        }
    }

    private static func expectedVersionExactly(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let first = try await Expect.succeeds(".exactly(0) appends to a new lead") {
            try await store.appendChecked([Fixtures.captured(a)], to: a, expecting: .exactly(0))
        }
        try Expect.equal(first.version, 1, "the result reports the stream's version")
        let second = try await Expect.succeeds(".exactly(1) appends to a stream of 1 event") {
            try await store.appendChecked(
                [Fixtures.signal(a, sequence: 1), Fixtures.signal(a, sequence: 2)], to: a,
                expecting: .exactly(1))
        }
        try Expect.equal(second.version, 3, "the result reports the stream's version")
        for stale in [0, 1, 2, 4, 10] {
            try await Expect.error(.versionConflict, ".exactly(\(stale)) conflicts with version 3") {
                try await store.appendChecked(
                    [Fixtures.signal(a, sequence: 10 + stale)], to: a, expecting: .exactly(stale))
            }
        }
        try Expect.equal(
            try await store.events(forLead: a).count, 3, "conflicting appends append nothing")
        let b = Fixtures.leadID(2)
        try await Expect.error(.versionConflict, ".exactly(5) conflicts for an unknown lead") {
            try await store.appendChecked([Fixtures.captured(b)], to: b, expecting: .exactly(5))
        }
        try Expect.equal(
            try await store.events(forLead: b).count, 0, "a conflicting append creates no stream")
        try Expect.equal(
            try await store.readEverything().count, 3, "conflicting appends append nothing")
    }

    private static func expectedVersionAny(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let first = try await Expect.succeeds(".any appends to a new lead") {
            try await store.appendChecked([Fixtures.captured(a)], to: a, expecting: .any)
        }
        try Expect.equal(first.version, 1, "the result reports the stream's version")
        let second = try await Expect.succeeds(".any appends to an existing lead") {
            try await store.appendChecked(
                [Fixtures.signal(a, sequence: 1), Fixtures.signal(a, sequence: 2)], to: a,
                expecting: .any)
        }
        try Expect.equal(second.version, 3, "the result reports the stream's version")
        try Expect.equal(second.appendedCount, 2, "both events are appended")
    }

    private static func conflictingBatchAppendsNothing(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let b = Fixtures.leadID(2)
        let c = Fixtures.leadID(3)
        _ = try await store.appendChecked([Fixtures.captured(a)], to: a, expecting: .noStream)
        _ = try await store.appendChecked([Fixtures.captured(b)], to: b, expecting: .noStream)

        try await Expect.error(.versionConflict, "a call with one conflicting request conflicts") {
            try await store.append([
                AppendRequest(
                    leadID: c, expectedVersion: .noStream,
                    events: [Fixtures.captured(c, idempotencyKey: "cap-c")]),
                AppendRequest(
                    leadID: a, expectedVersion: .exactly(1),
                    events: [Fixtures.signal(a, sequence: 1, idempotencyKey: "sig-a")]),
                AppendRequest(
                    leadID: b, expectedVersion: .exactly(7),
                    events: [Fixtures.signal(b, sequence: 2)]),
            ])
        }
        try Expect.equal(
            try await store.readEverything().count, 2,
            "a conflicting call appends no event of any request")
        try Expect.equal(
            try await store.events(forLead: a).count, 1, "the valid request was not applied")
        try Expect.equal(
            try await store.events(forLead: c).count, 0, "the new lead's stream was not created")

        let retried = try await Expect.succeeds("retrying the valid requests succeeds") {
            try await store.append([
                AppendRequest(
                    leadID: c, expectedVersion: .noStream,
                    events: [Fixtures.captured(c, idempotencyKey: "cap-c")]),
                AppendRequest(
                    leadID: a, expectedVersion: .exactly(1),
                    events: [Fixtures.signal(a, sequence: 1, idempotencyKey: "sig-a")]),
            ])
        }
        try Expect.equal(
            retried.map(\.duplicates), [[false], [false]],
            "a conflicting call records none of its idempotency keys")
        try Expect.equal(
            retried.map(\.positions), [positions(3...3), positions(4...4)],
            "a conflicting call uses up no positions")
    }

    private static func requestsInOneCallApplyInOrder(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let results = try await Expect.succeeds("two requests for one lead in one call succeed") {
            try await store.append([
                AppendRequest(leadID: a, expectedVersion: .noStream, events: [Fixtures.captured(a)]),
                AppendRequest(
                    leadID: a, expectedVersion: .exactly(1),
                    events: [Fixtures.signal(a, sequence: 1), Fixtures.signal(a, sequence: 2)]),
            ])
        }
        try Expect.equal(
            results.map(\.version), [1, 3], "each result reports the version after its request")
        try Expect.equal(
            results.map(\.positions), [positions(1...1), positions(2...3)],
            "the requests' events follow one another")
        try await Expect.error(
            .versionConflict, "a second request expecting the version before the first conflicts"
        ) {
            try await store.append([
                AppendRequest(
                    leadID: a, expectedVersion: .exactly(3),
                    events: [Fixtures.signal(a, sequence: 3)]),
                AppendRequest(
                    leadID: a, expectedVersion: .exactly(3),
                    events: [Fixtures.signal(a, sequence: 4)]),
            ])
        }
        try Expect.equal(
            try await store.readEverything().count, 3, "a conflicting call appends nothing")
    }

    private static func rejectsEventsForAnotherLead(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let b = Fixtures.leadID(2)
        let c = Fixtures.leadID(3)
        try await Expect.error(.invalidRequest, "an event for another lead is rejected") {
            try await store.append([
                AppendRequest(leadID: a, events: [Fixtures.captured(a), Fixtures.captured(b)])
            ])
        }
        try await Expect.error(.invalidRequest, "a call with one invalid request is rejected") {
            try await store.append([
                AppendRequest(leadID: c, events: [Fixtures.captured(c)]),
                AppendRequest(leadID: a, events: [Fixtures.signal(b, sequence: 1)]),
            ])
        }
        try Expect.equal(
            try await store.readEverything().count, 0, "a rejected call appends nothing")
        try Expect.equal(
            try await store.events(forLead: b).count, 0, "a rejected call appends nothing")
        let after = try await Expect.succeeds("the store accepts valid appends afterwards") {
            try await store.appendChecked([Fixtures.captured(c)], to: c, expecting: .noStream)
        }
        try Expect.equal(after.positions, positions(1...1), "a rejected call uses up no positions")
    }
}
