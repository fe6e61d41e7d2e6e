import Foundation
import Journal
import LeadModel
import Testing

struct FileEventStoreCheckpointTests {
    private func fill(_ store: FileEventStore, leads: Int, from start: Int = 0) async throws {
        for number in start..<(start + leads) {
            let lead = LeadID("lead-\(number % 37)")
            try await store.append(
                [Fixture.captured(lead, key: "capture-\(number)"), Fixture.touched(lead)], to: lead)
        }
    }

    /// Everything observable about a store: the journal, each stream, and which keys it knows.
    private func observe(_ store: FileEventStore) async throws -> [String] {
        var lines = try await store.everything(pageSize: 100).map { "\($0)" }
        for number in 0..<37 {
            lines.append("\(try await store.events(forLead: LeadID("lead-\(number)")).count)")
        }
        return lines
    }

    @Test func reopenFromTheCheckpointEqualsAFullScan() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = Fixture.configuration(.none, segmentSize: 64 * 1024)
            var store = try await FileEventStore(directory: directory, configuration: configuration)
            try await fill(store, leads: 400)
            let expected = try await observe(store)
            try await store.close()

            store = try await FileEventStore(directory: directory, configuration: configuration)
            #expect(store.openStatistics.checkpointPosition == JournalPosition(800))
            #expect(store.openStatistics.scannedRecords == 0)
            #expect(try await observe(store) == expected)
            let duplicate = try await store.append(
                [Fixture.captured("lead-3", key: "capture-3")], to: "lead-3")
            #expect(duplicate.duplicates == [true])
            try await store.close()

            try FileManager.default.removeItem(
                at: directory.appendingPathComponent("index.checkpoint"))
            store = try await FileEventStore(directory: directory, configuration: configuration)
            #expect(store.openStatistics.checkpointPosition == nil)
            #expect(store.openStatistics.scannedRecords == 800)
            #expect(try await observe(store) == expected)
            try await store.close()
        }
    }

    @Test func scansOnlyTheRecordsAfterAPeriodicCheckpoint() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = Fixture.configuration(
                .none, segmentSize: 16 * 1024, checkpointInterval: 100)
            let store = try await FileEventStore(directory: directory, configuration: configuration)
            try await fill(store, leads: 120)
            let expected = try await observe(store)
            // Copy the files as a crash would leave them: no checkpoint written on close.
            let copy = directory.appendingPathComponent("copy")
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            try? await Task.sleep(for: .milliseconds(100))
            for name in ["segments", "index.checkpoint"] {
                try FileManager.default.copyItem(
                    at: directory.appendingPathComponent(name),
                    to: copy.appendingPathComponent(name))
            }
            try await store.close()

            let reopened = try await FileEventStore(directory: copy, configuration: configuration)
            let covered = try #require(reopened.openStatistics.checkpointPosition)
            #expect(covered.rawValue >= 100 && covered.rawValue < 240)
            #expect(reopened.openStatistics.scannedRecords == 240 - Int(covered.rawValue))
            #expect(try await observe(reopened) == expected)
            try await reopened.close()
        }
    }

    @Test func aDamagedOrStaleCheckpointFallsBackToAFullScan() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = Fixture.configuration(.none)
            var store = try await FileEventStore(directory: directory, configuration: configuration)
            try await fill(store, leads: 50)
            let expected = try await observe(store)
            try await store.close()
            let checkpoint = directory.appendingPathComponent("index.checkpoint")
            var bytes = try Data(contentsOf: checkpoint)
            bytes[bytes.count / 2] ^= 0x40
            try bytes.write(to: checkpoint)
            store = try await FileEventStore(directory: directory, configuration: configuration)
            #expect(store.openStatistics.checkpointPosition == nil)
            #expect(try await observe(store) == expected)
            try await store.close()

            // A checkpoint that covers more than the segments hold (they were cut) is not a
            // torn tail to cut: the records it vouches for were acknowledged.
            let segment = try Fixture.segments(in: directory)[0]
            let full = try Data(contentsOf: segment)
            let checkpointBytes = try Data(contentsOf: checkpoint)
            try full.dropLast(5).write(to: segment)
            try checkpointBytes.write(to: checkpoint)
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await FileEventStore(directory: directory, configuration: configuration)
            }
            #expect(error?.code == .missingRecords)
            #expect(error?.expectedLength == UInt64(full.count))
            #expect(error?.foundLength == UInt64(full.count - 5))
            #expect(error?.position == JournalPosition(100))
            #expect(try Data(contentsOf: segment) == full.dropLast(5), "nothing was cut")
        }
    }
}
