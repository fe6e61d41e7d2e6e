import Foundation
import Journal
import LeadModel
import Testing

struct FileEventStoreRecoveryTests {
    /// A journal of three append calls, the last with two events; returns the size of the
    /// segment before the last call.
    private func makeJournal(in directory: URL) async throws -> Int {
        let configuration = Fixture.configuration(.none)
        var store = try await FileEventStore(directory: directory, configuration: configuration)
        try await store.append([Fixture.captured("a")], to: "a")
        try await store.append([Fixture.touched("a")], to: "a")
        try await store.close()
        let boundary = try Data(contentsOf: try Fixture.segments(in: directory)[0]).count
        store = try await FileEventStore(directory: directory, configuration: configuration)
        try await store.append([Fixture.captured("b"), Fixture.touched("b")], to: "b")
        try await store.close()
        return boundary
    }

    private func removeCheckpoint(_ directory: URL) {
        try? FileManager.default.removeItem(
            at: directory.appendingPathComponent("index.checkpoint"))
    }

    @Test func cutsATornTailAtEveryTruncationOffset() async throws {
        try await withTemporaryDirectory { directory in
            let boundary = try await makeJournal(in: directory)
            let segment = try Fixture.segments(in: directory)[0]
            let full = try Data(contentsOf: segment)
            #expect(full.count > boundary)
            // Every offset through the first frame's header, then a spread, then the last bytes.
            let offsets = Set(
                Array(boundary..<(boundary + 40))
                    + Array(stride(from: boundary, to: full.count, by: 13))
                    + Array((full.count - 20)..<full.count))
            // Also exactly after the call's first record: complete, but its call never finished.
            let firstLength = full[boundary..<(boundary + 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
            let afterFirstRecord = boundary + 16 + firstLength
            for cut in (offsets.union([afterFirstRecord])).sorted() {
                try full.prefix(cut).write(to: segment)
                removeCheckpoint(directory)
                let store = try await FileEventStore(
                    directory: directory, configuration: Fixture.configuration(.none))
                let events = try await store.everything()
                #expect(events.count == 2, "cut at \(cut)")
                #expect(try await store.events(forLead: "b").isEmpty)
                if cut == boundary {
                    #expect(store.recovery == nil)
                } else {
                    #expect(store.recovery?.segment == "segments/00000000000000000001.seg")
                    #expect(store.recovery?.offset == UInt64(boundary))
                    #expect(store.recovery?.bytesCut == UInt64(cut - boundary), "cut at \(cut)")
                    if cut == afterFirstRecord {
                        #expect(store.recovery?.reason.contains("did not finish") == true)
                    }
                }
                try await store.close()
                #expect(try Data(contentsOf: segment).count == boundary)
            }
            // The journal goes on from the cut, with no gap.
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration(.none))
            let result = try await store.append([Fixture.captured("c")], to: "c")
            #expect(result.positions == [JournalPosition(3)])
            try await store.close()
        }
    }

    @Test func cutsGarbageAfterTheLastRecord() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await makeJournal(in: directory)
            let segment = try Fixture.segments(in: directory)[0]
            let size = try Data(contentsOf: segment).count
            let handle = try FileHandle(forWritingTo: segment)
            try handle.seekToEnd()
            try handle.write(
                contentsOf: Data(repeating: 0, count: 4096)
                    + Data((0..<300).map { UInt8($0 % 251) }))
            try handle.close()
            removeCheckpoint(directory)
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            #expect(store.recovery?.offset == UInt64(size))
            #expect(store.recovery?.bytesCut == 4396)
            #expect(try await store.everything().count == 4)
            try await store.close()
        }
    }

    @Test func cutsALastRecordThatFailsItsChecksum() async throws {
        try await withTemporaryDirectory { directory in
            let boundary = try await makeJournal(in: directory)
            let segment = try Fixture.segments(in: directory)[0]
            var bytes = try Data(contentsOf: segment)
            bytes[bytes.count - 3] ^= 0xFF
            try bytes.write(to: segment)
            removeCheckpoint(directory)
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            // The damaged record ends an unfinished call, so the whole call is cut.
            #expect(store.recovery?.offset == UInt64(boundary))
            #expect(try await store.everything().count == 2)
            try await store.close()
        }
    }

    @Test func reportsCorruptionInTheMiddleOfASegment() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await makeJournal(in: directory)
            let segment = try Fixture.segments(in: directory)[0]
            var bytes = try Data(contentsOf: segment)
            bytes[32 + 16 + 5] ^= 0x01  // a payload byte of the first record
            try bytes.write(to: segment)
            removeCheckpoint(directory)
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await FileEventStore(
                    directory: directory, configuration: Fixture.configuration())
            }
            #expect(error?.code == .corruptRecord)
            #expect(error?.path?.hasSuffix("segments/00000000000000000001.seg") == true)
            #expect(error?.offset == 32)
            // Nothing was cut: the damaged file is left for a restore.
            #expect(try Data(contentsOf: segment) == bytes)
        }
    }

    @Test func aRecordFromANewerAccordIsUnsupportedNotCorrupt() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await makeJournal(in: directory)
            let segment = try Fixture.segments(in: directory)[0]
            var bytes = [UInt8](try Data(contentsOf: segment))
            // The first record: length at 32, CRC at 36, position at 40, payload at 48. Its
            // layout version byte becomes one this Accord does not know, with a valid CRC.
            let length = Int(bytes[32]) | Int(bytes[33]) << 8 | Int(bytes[34]) << 16 | Int(bytes[35]) << 24
            bytes[48] = 250
            let crc = CRC32C.checksum(Array(bytes[40..<(48 + length)]))
            for index in 0..<4 { bytes[36 + index] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(index))) }
            try Data(bytes).write(to: segment)
            removeCheckpoint(directory)
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await FileEventStore(directory: directory, configuration: Fixture.configuration())
            }
            #expect(error?.code == .unsupportedFormat)
            #expect(error?.message.contains("upgrade Accord") == true)
            #expect(try Data(contentsOf: segment) == Data(bytes), "nothing was cut")
        }
    }

    @Test func corruptionFoundByAReaderIsReported() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await makeJournal(in: directory)
            // The checkpoint lets the open skip the damaged record; the read still catches it.
            let segment = try Fixture.segments(in: directory)[0]
            var bytes = try Data(contentsOf: segment)
            bytes[32 + 16 + 5] ^= 0x01
            try bytes.write(to: segment)
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration())
            #expect(store.openStatistics.checkpointPosition == JournalPosition(4))
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await store.read(from: .start, limit: 10)
            }
            #expect(error?.code == .corruptRecord)
            #expect(error?.offset == 32)
            #expect(try await store.read(from: JournalPosition(2), limit: 10).count == 3)
            try await store.close()
        }
    }

    @Test func reportsDamageInASegmentThatIsNotTheLast() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = Fixture.configuration(.none, segmentSize: 4096)
            let store = try await FileEventStore(directory: directory, configuration: configuration)
            for number in 0..<40 {
                let lead = LeadID("lead-\(number)")
                try await store.append([Fixture.touched(lead, note: Fixture.longNote)], to: lead)
            }
            try await store.close()
            removeCheckpoint(directory)
            let segments = try Fixture.segments(in: directory)
            #expect(segments.count >= 3)
            let bytes = try Data(contentsOf: segments[0])
            try bytes.dropLast(10).write(to: segments[0])
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await FileEventStore(directory: directory, configuration: configuration)
            }
            #expect(error?.code == .corruptRecord)
            #expect(error?.path == segments[0].standardizedFileURL.path)

            try bytes.write(to: segments[0])
            try FileManager.default.removeItem(at: segments[1])
            let missing = await #expect(throws: EventStoreError.self) {
                _ = try await FileEventStore(directory: directory, configuration: configuration)
            }
            #expect(missing?.code == .missingRecords)
            #expect(missing?.message.contains("missing") == true)
        }
    }

    @Test func refusesSegmentsFromANewerFormat() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await makeJournal(in: directory)
            let segment = try Fixture.segments(in: directory)[0]
            var bytes = try Data(contentsOf: segment)
            bytes[8] = 9
            try bytes.write(to: segment)
            removeCheckpoint(directory)
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await FileEventStore(
                    directory: directory, configuration: Fixture.configuration())
            }
            #expect(error?.code == .unsupportedFormat)
        }
    }
}
