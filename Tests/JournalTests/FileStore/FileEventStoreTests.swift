import Foundation
import Journal
import LeadModel
import Testing

struct FileEventStoreTests {
    @Test func reopenKeepsEverything() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            for number in 0..<20 {
                let lead = LeadID("lead-\(number % 4)")
                try await store.append(
                    [Fixture.captured(lead, key: "k-\(number)"), Fixture.touched(lead)], to: lead)
            }
            let before = try await store.everything()
            let leadBefore = try await store.events(forLead: "lead-2")
            try await store.close()

            let reopened = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            #expect(reopened.recovery == nil)
            #expect(try await reopened.everything() == before)
            #expect(try await reopened.events(forLead: "lead-2") == leadBefore)
            #expect(before.map { $0.position?.rawValue ?? 0 } == Array(1...40))
            #expect(leadBefore.count == 10)
            let next = try await reopened.append(
                [Fixture.touched("lead-2")], to: "lead-2", expecting: .exactly(10))
            #expect(next.positions == [JournalPosition(41)])
            #expect(next.version == 11)
            try await reopened.close()
        }
    }

    @Test func readsFromAnyPositionWithLimits() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            for number in 0..<10 {
                let lead = LeadID("lead-\(number)")
                try await store.append([Fixture.touched(lead)], to: lead)
            }
            let page = try await store.read(from: JournalPosition(4), limit: 3)
            #expect(page.map { $0.position?.rawValue } == [4, 5, 6])
            #expect(try await store.read(from: JournalPosition(10), limit: 5).count == 1)
            #expect(try await store.read(from: JournalPosition(11), limit: 5).isEmpty)
            #expect(
                try await store.read(from: JournalPosition(0), limit: 2).map {
                    $0.position?.rawValue
                } == [1, 2])
            #expect(try await store.read(from: .start, limit: 0).isEmpty)
            #expect(try await store.events(forLead: "nobody").isEmpty)
            try await store.close()
        }
    }

    @Test(arguments: [
        Durability.none, .fsyncEveryCommit, .groupCommit(maxLatency: .milliseconds(2)),
    ])
    func appendsInEveryDurabilityMode(durability: Durability) async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration(durability))
            #expect(store.durability == durability)
            let result = try await store.append(
                [Fixture.captured("a"), Fixture.touched("a")], to: "a", expecting: .noStream)
            #expect(result.positions == [JournalPosition(1), JournalPosition(2)])
            #expect(try await store.read(from: .start, limit: 10).count == 2)
            try await store.close()
        }
    }

    @Test func rejectsMemoryDurability() async throws {
        try await withTemporaryDirectory { directory in
            await #expect(throws: EventStoreError.self) {
                _ = try await FileEventStore(
                    directory: directory, configuration: Fixture.configuration(.memory))
            }
        }
    }

    @Test func versionConflictAppendsNothingFromTheWholeCall() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            try await store.append([Fixture.captured("a")], to: "a", expecting: .noStream)
            let error = await #expect(throws: EventStoreError.self) {
                try await store.append([
                    AppendRequest(
                        leadID: "b", expectedVersion: .noStream, events: [Fixture.captured("b")]),
                    AppendRequest(
                        leadID: "a", expectedVersion: .exactly(5), events: [Fixture.touched("a")]),
                ])
            }
            #expect(error?.code == .versionConflict)
            #expect(error?.leadID == "a")
            await #expect(throws: EventStoreError.self) {
                try await store.append([Fixture.captured("a")], to: "a", expecting: .noStream)
            }
            #expect(try await store.everything().count == 1)
            #expect(try await store.events(forLead: "b").isEmpty)
            let ok = try await store.append([Fixture.touched("a")], to: "a", expecting: .exactly(1))
            #expect(ok.positions == [JournalPosition(2)])
            try await store.close()
        }
    }

    @Test func eachResultReportsTheVersionAfterItsOwnRequest() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(directory: directory, configuration: Fixture.configuration())
            let results = try await store.append([
                AppendRequest(leadID: "a", expectedVersion: .noStream, events: [Fixture.captured("a")]),
                AppendRequest(leadID: "b", expectedVersion: .noStream, events: [Fixture.captured("b")]),
                AppendRequest(
                    leadID: "a", expectedVersion: .exactly(1), events: [Fixture.touched("a"), Fixture.touched("a")]),
            ])
            #expect(results.map(\.version) == [1, 1, 3])
            #expect(results.map(\.positions) == [[1], [2], [3, 4]].map { $0.map { JournalPosition($0) } })
            try await store.close()
        }
    }

    @Test func rejectsAnEventForAnotherLead() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            let error = await #expect(throws: EventStoreError.self) {
                try await store.append([Fixture.captured("b")], to: "a")
            }
            #expect(error?.code == .invalidRequest)
            #expect(try await store.everything().isEmpty)
            try await store.close()
        }
    }

    @Test func recordsEachIdempotencyKeyOnceAcrossCallsAndReopens() async throws {
        try await withTemporaryDirectory { directory in
            var store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            let first = try await store.append(
                [
                    Fixture.captured("a", key: "form-1"), Fixture.touched("a", key: "form-1"),
                    Fixture.touched("a", key: "t-1"),
                ],
                to: "a")
            #expect(
                first.positions == [JournalPosition(1), JournalPosition(1), JournalPosition(2)])
            #expect(first.duplicates == [false, true, false])
            #expect(first.version == 2)
            // A duplicate in another lead's request, with a stale expectation: still succeeds.
            let again = try await store.append(
                [Fixture.touched("a", key: "t-1")], to: "a", expecting: .exactly(99))
            #expect(again.duplicates == [true])
            #expect(again.positions == [JournalPosition(2)])
            try await store.close()

            for dropCheckpoint in [false, true] {
                if dropCheckpoint {
                    try FileManager.default.removeItem(
                        at: directory.appendingPathComponent("index.checkpoint"))
                }
                store = try await FileEventStore(
                    directory: directory, configuration: Fixture.configuration())
                #expect((store.openStatistics.checkpointPosition == nil) == dropCheckpoint)
                let replay = try await store.append(
                    [Fixture.captured("a", key: "form-1")], to: "a", expecting: .noStream)
                #expect(replay.duplicates == [true])
                #expect(replay.positions == [JournalPosition(1)])
                #expect(try await store.everything().count == 2)
                try await store.close()
            }
        }
    }

    @Test func concurrentAppendersAreAllAcknowledgedWithoutGaps() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            let positions = try await withThrowingTaskGroup(of: [JournalPosition].self) { group in
                for task in 0..<100 {
                    group.addTask {
                        let lead = LeadID("lead-\(task)")
                        var mine: [JournalPosition] = []
                        for step in 0..<3 {
                            let result = try await store.append(
                                [Fixture.touched(lead, key: "\(task)-\(step)")], to: lead,
                                expecting: .exactly(step))
                            mine += result.positions
                        }
                        return mine
                    }
                }
                var all: [JournalPosition] = []
                for try await mine in group { all += mine }
                return all
            }
            #expect(positions.map(\.rawValue).sorted() == Array(1...300))
            // Group commit: the appenders shared their fsyncs.
            #expect(store.fsyncRounds < 300)
            #expect(try await store.everything(pageSize: 64).count == 300)
            try await store.close()
            let reopened = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            #expect(try await reopened.everything(pageSize: 64).count == 300)
            #expect(try await reopened.events(forLead: "lead-42").count == 3)
            try await reopened.close()
        }
    }

    @Test func rollsOverToNewSegments() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = Fixture.configuration(segmentSize: 4096)
            let store = try await FileEventStore(directory: directory, configuration: configuration)
            for number in 0..<60 {
                let lead = LeadID("lead-\(number)")
                try await store.append(
                    [Fixture.captured(lead), Fixture.touched(lead, note: Fixture.longNote)], to: lead)
            }
            let before = try await store.everything()
            try await store.close()
            let segments = try Fixture.segments(in: directory)
            #expect(segments.count > 3)
            #expect(segments.first?.lastPathComponent == "00000000000000000001.seg")
            for segment in segments.dropLast() {
                let size =
                    try FileManager.default.attributesOfItem(atPath: segment.path)[.size] as? Int
                #expect((size ?? 0) <= 4096)
            }
            for dropCheckpoint in [false, true] {
                if dropCheckpoint {
                    try FileManager.default.removeItem(
                        at: directory.appendingPathComponent("index.checkpoint"))
                }
                let reopened = try await FileEventStore(
                    directory: directory, configuration: configuration)
                #expect(try await reopened.everything() == before)
                #expect(try await reopened.events(forLead: "lead-59").count == 2)
                try await reopened.close()
            }
        }
    }

    @Test func secondOpenerGetsDirectoryLocked() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await FileEventStore(
                    directory: directory, configuration: Fixture.configuration())
            }
            #expect(error?.code == .directoryLocked)
            #expect(error?.message.contains(directory.standardizedFileURL.path) == true)
            try await store.close()
            let again = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            try await again.close()
        }
    }

    @Test func closedStoreRefusesCalls() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            try await store.append([Fixture.captured("a")], to: "a")
            try await store.close()
            try await store.close()
            let error = await #expect(throws: EventStoreError.self) {
                try await store.append([Fixture.touched("a")], to: "a")
            }
            #expect(error?.code == .closed)
            await #expect(throws: EventStoreError.self) {
                _ = try await store.read(from: .start, limit: 1)
            }
        }
    }

    @Test func storeIsSendable() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            let configuration: FileEventStore.Configuration = store.configuration
            let count = try await Task.detached {
                _ = configuration
                try await store.append([Fixture.captured("a")], to: "a")
                return try await store.everything().count
            }.value
            #expect(count == 1)
            try await store.close()
        }
    }
}
