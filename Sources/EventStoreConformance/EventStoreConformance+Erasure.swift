import LeadModel

private typealias Fixtures = ConformanceFixtures

extension EventStoreConformance {
    /// Erasure (right to be forgotten) and the snapshots it must drop.
    static var erasureChecks: [ConformanceCheck] {
        [
            ConformanceCheck(
                name: "erasure-redacts-personal-data",
                summary: "erase(lead:recording:) leaves the lead's events redacted at the same "
                    + "positions, in reads and per-lead reads, leaves other leads alone and "
                    + "appends the erasure event.",
                body: erasureRedactsPersonalData),
            ConformanceCheck(
                name: "erasure-of-unknown-lead-throws",
                summary: "Erasing a lead with no events throws unknownLead and appends nothing.",
                body: erasureOfUnknownLeadThrows),
        ]
    }

    /// Snapshots, for stores that are also a ``LeadModel/SnapshotStore``.
    static var snapshotChecks: [ConformanceCheck] {
        [
            ConformanceCheck(
                name: "snapshots-save-and-load",
                summary: "A SnapshotStore loads the latest snapshot saved under a name, with its "
                    + "position and bytes, and nil for a name never saved.",
                body: snapshotsSaveAndLoad),
            ConformanceCheck(
                name: "snapshots-dropped-after-erasure",
                summary: "A SnapshotStore drops every snapshot when a lead is erased.",
                body: snapshotsDroppedAfterErasure),
        ]
    }

    private static func erasureRedactsPersonalData(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let b = Fixtures.leadID(2)
        _ = try await store.append([
            AppendRequest(
                leadID: a, expectedVersion: .noStream,
                events: [Fixtures.captured(a, idempotencyKey: "cap-a")]),
            AppendRequest(
                leadID: b, expectedVersion: .noStream,
                events: [Fixtures.captured(b, idempotencyKey: "cap-b")]),
        ])
        _ = try await store.appendChecked(
            [Fixtures.signal(a, sequence: 1, idempotencyKey: "sig-a"), Fixtures.touch(a, sequence: 2)],
            to: a)
        _ = try await store.appendChecked(
            [Fixtures.signal(b, sequence: 3, idempotencyKey: "sig-b")], to: b)
        let before = try await store.readEverything()
        let otherBefore = try await store.events(forLead: b)
        try Expect.equal(before.count, 5, "every appended event can be read")

        let erasure = Fixtures.erasure(a)
        let recorded = try await Expect.succeeds("erasing a known lead succeeds") {
            try await store.erase(lead: a, recording: erasure)
        }
        try Expect.equal(
            recorded.position, JournalPosition(6), "the erasure event is appended at the end")
        try Expect.equal(recorded.leadID, a, "the erasure event is about the erased lead")
        try Expect.equal(
            recorded.payload.kind, erasure.payload.kind, "the erasure event is the one given")

        let after = try await store.readEverything()
        try Expect.equal(after.count, 6, "erasure keeps every event and adds one")
        let expected =
            before.map { $0.leadID == a ? $0.redactingPersonalData() : $0 } + [recorded]
        try Expect.events(
            after, expected,
            "read returns the lead's events redacted at the same positions, others unchanged")
        for event in after where event.leadID == a {
            try Expect.that(
                event == event.redactingPersonalData(), "no personal data of the lead is left",
                expected: "\(Expect.describe(event)) fully redacted",
                observed: "personal data still present")
        }

        let stream = try await store.events(forLead: a)
        try Expect.events(
            stream, after.filter { $0.leadID == a },
            "events(forLead:) returns the redacted events and the erasure event")
        try Expect.events(
            try await store.events(forLead: b), otherBefore, "other leads' events are unchanged")
        let tail = try await store.read(from: JournalPosition(2), limit: 2)
        try Expect.events(tail, Array(expected[1..<3]), "paged reads see the redacted events")
    }

    private static func erasureOfUnknownLeadThrows(_ store: any EventStore) async throws {
        let a = Fixtures.leadID(1)
        let b = Fixtures.leadID(2)
        try await Expect.error(.unknownLead, "erasing in an empty store throws unknownLead") {
            try await store.erase(lead: b, recording: Fixtures.erasure(b))
        }
        _ = try await store.appendChecked([Fixtures.captured(a)], to: a, expecting: .noStream)
        try await Expect.error(.unknownLead, "erasing a lead with no events throws unknownLead") {
            try await store.erase(lead: b, recording: Fixtures.erasure(b))
        }
        try Expect.equal(
            try await store.readEverything().count, 1, "a failed erasure appends nothing")
        try Expect.equal(
            try await store.events(forLead: b).count, 0, "a failed erasure creates no stream")
    }

    private static func snapshotsSaveAndLoad(_ store: any EventStore) async throws {
        guard let snapshots = store as? any SnapshotStore else {
            try ConformanceCheck.notApplicable("the store is not a SnapshotStore")
        }
        let a = Fixtures.leadID(1)
        _ = try await store.appendChecked(
            (1...3).map { Fixtures.signal(a, sequence: $0) }, to: a, expecting: .noStream)
        let missing = try await snapshots.loadSnapshot(named: "projection")
        try Expect.that(
            missing == nil, "a name never saved has no snapshot", expected: "nil",
            observed: "a snapshot at \(missing.map { "\($0.position)" } ?? "")")

        let large = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try await snapshots.saveSnapshot(named: "projection", at: JournalPosition(2), bytes: [1, 2, 3])
        try await snapshots.saveSnapshot(named: "other", at: JournalPosition(3), bytes: large)
        let first = try await snapshots.loadSnapshot(named: "projection")
        try Expect.equal(first?.position, JournalPosition(2), "a snapshot loads with its position")
        try Expect.equal(first?.bytes, [1, 2, 3], "a snapshot loads with its bytes")

        try await snapshots.saveSnapshot(named: "projection", at: JournalPosition(3), bytes: [9, 8])
        let latest = try await snapshots.loadSnapshot(named: "projection")
        try Expect.equal(latest?.position, JournalPosition(3), "saving again replaces the snapshot")
        try Expect.equal(latest?.bytes, [9, 8], "saving again replaces the snapshot's bytes")
        let other = try await snapshots.loadSnapshot(named: "other")
        try Expect.that(
            other?.bytes == large && other?.position == JournalPosition(3),
            "snapshots under other names are kept whole", expected: "70000 bytes at 3",
            observed: "\(other?.bytes.count ?? 0) bytes at \(other.map { "\($0.position)" } ?? "nil")")
    }

    private static func snapshotsDroppedAfterErasure(_ store: any EventStore) async throws {
        guard let snapshots = store as? any SnapshotStore else {
            try ConformanceCheck.notApplicable("the store is not a SnapshotStore")
        }
        let a = Fixtures.leadID(1)
        let b = Fixtures.leadID(2)
        _ = try await store.appendChecked([Fixtures.captured(a)], to: a, expecting: .noStream)
        _ = try await store.appendChecked([Fixtures.captured(b)], to: b, expecting: .noStream)
        try await snapshots.saveSnapshot(named: "projection", at: JournalPosition(2), bytes: [1])
        try await snapshots.saveSnapshot(named: "scoreboard", at: JournalPosition(2), bytes: [2])
        _ = try await store.erase(lead: a, recording: Fixtures.erasure(a))
        for name in ["projection", "scoreboard"] {
            let loaded = try await snapshots.loadSnapshot(named: name)
            try Expect.that(
                loaded == nil, "every snapshot is dropped when a lead is erased",
                expected: "no snapshot \"\(name)\"",
                observed: "a snapshot at \(loaded.map { "\($0.position)" } ?? "")")
        }
    }
}
