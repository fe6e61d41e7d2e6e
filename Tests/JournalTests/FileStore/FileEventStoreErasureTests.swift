import Foundation
import Journal
import LeadModel
import Testing

struct FileEventStoreErasureTests {
    private let email = "ana.erasable@example.com"
    private let note = "Ana said her husband Bob decides"

    private func contains(_ needle: String, in directory: URL) throws -> [String] {
        let bytes = Data(needle.utf8)
        return try Fixture.allFiles(in: directory).filter { file in
            try Data(contentsOf: file).range(of: bytes) != nil
        }.map(\.lastPathComponent)
    }

    @Test func erasureLeavesNoPersonalBytesOnDiskAndKeepsCounts() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = Fixture.configuration(segmentSize: 4096)
            let store = try await FileEventStore(directory: directory, configuration: configuration)
            for number in 0..<15 {
                let lead = LeadID("other-\(number)")
                try await store.append(
                    [Fixture.captured(lead), Fixture.touched(lead, note: Fixture.longNote)], to: lead)
                if number == 2 || number == 9 {
                    try await store.append(
                        [Fixture.captured("ana", email: email, key: "form-\(email)")], to: "ana")
                }
                if number == 5 || number == 12 {
                    try await store.append(
                        [Fixture.touched("ana", note: note, key: "touch-\(number)")], to: "ana")
                }
            }
            try await store.saveSnapshot(
                named: "lead-state", at: JournalPosition(10), bytes: Array(email.utf8))
            try await store.close()
            var reopened = try await FileEventStore(
                directory: directory, configuration: configuration)
            let before = try await reopened.everything()
            #expect(try contains(email, in: directory).count >= 2)
            #expect(!(try contains(note, in: directory)).isEmpty)

            let erasure = try await reopened.erase(lead: "ana", recording: Fixture.erasure("ana"))
            #expect(erasure.position == JournalPosition(UInt64(before.count + 1)))
            #expect(try contains(email, in: directory) == [])
            #expect(try contains(note, in: directory) == [])
            #expect(try await reopened.loadSnapshot(named: "lead-state") == nil)

            let after = try await reopened.everything()
            #expect(after.count == before.count + 1)
            #expect(after.dropLast().map(\.payload.kind) == before.map(\.payload.kind))
            #expect(after.dropLast().map(\.position) == before.map(\.position))
            for (old, new) in zip(before, after) where old.leadID != "ana" { #expect(old == new) }
            let stream = try await reopened.events(forLead: "ana")
            #expect(stream.count == 4)  // one capture was a duplicate
            #expect(stream.allSatisfy { $0.idempotencyKey == nil })
            // The erased keys are forgotten, as in the in-memory store.
            let replay = try await reopened.append(
                [Fixture.touched("ana", key: "touch-5")], to: "ana")
            #expect(replay.duplicates == [false])
            try await reopened.close()
            #expect(try contains(email, in: directory) == [])

            reopened = try await FileEventStore(directory: directory, configuration: configuration)
            #expect(try await reopened.everything().count == before.count + 2)
            #expect(try await reopened.everything().dropLast(2) == after.dropLast())
            try await reopened.close()
        }
    }

    @Test func erasingAnUnknownLeadThrows() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await store.erase(lead: "nobody", recording: Fixture.erasure("nobody"))
            }
            #expect(error?.code == .unknownLead)
            try await store.close()
        }
    }

    @Test func erasureWhileOthersAppendLosesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            try await store.append([Fixture.captured("ana", email: email)], to: "ana")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<20 {
                    group.addTask {
                        let lead = LeadID("busy-\(task)")
                        for _ in 0..<5 { try await store.append([Fixture.touched(lead)], to: lead) }
                    }
                }
                group.addTask {
                    _ = try await store.erase(lead: "ana", recording: Fixture.erasure("ana"))
                }
                try await group.waitForAll()
            }
            let all = try await store.everything()
            #expect(all.map { $0.position?.rawValue ?? 0 } == Array(1...102))
            try await store.close()
            #expect(try contains(email, in: directory) == [])
        }
    }
}

struct FileEventStoreSnapshotTests {
    @Test func snapshotsFromBeforeAnErasureAreDropped() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(directory: directory, configuration: Fixture.configuration())
            try await store.append([Fixture.captured("ana"), Fixture.touched("ana")], to: "ana")
            try await store.saveSnapshot(named: "states", at: JournalPosition(2), bytes: [1])
            let erasure = try await store.erase(lead: "ana", recording: Fixture.erasure("ana"))
            #expect(erasure.position == JournalPosition(3))
            #expect(try await store.loadSnapshot(named: "states") == nil)
            // A projection that had not yet seen the erasure tries to save: dropped.
            try await store.saveSnapshot(named: "states", at: JournalPosition(2), bytes: [2])
            #expect(try await store.loadSnapshot(named: "states") == nil)
            try await store.saveSnapshot(named: "states", at: JournalPosition(3), bytes: [3])
            #expect(try await store.loadSnapshot(named: "states")?.bytes == [3])
            try await store.close()
        }
    }

    @Test func savesReplacesAndLoadsSnapshots() async throws {
        try await withTemporaryDirectory { directory in
            var store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            #expect(try await store.loadSnapshot(named: "board") == nil)
            try await store.saveSnapshot(named: "board", at: JournalPosition(3), bytes: [1, 2, 3])
            try await store.saveSnapshot(named: "board", at: JournalPosition(5), bytes: [4, 5])
            try await store.saveSnapshot(named: "../odd name/ü", at: JournalPosition(1), bytes: [])
            try await store.close()
            store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            let board = try await store.loadSnapshot(named: "board")
            #expect(board?.position == JournalPosition(5))
            #expect(board?.bytes == [4, 5])
            #expect(try await store.loadSnapshot(named: "../odd name/ü")?.bytes == [])
            try await store.close()
        }
    }
}
