import Foundation
import Journal
import LeadModel
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Acknowledged records are never cut silently: a segment the index checkpoint vouches for that is
/// missing or shorter is an error naming the file, the lengths and the first lost position.
struct FileEventStoreMissingRecordsTests {
    private let configuration = Fixture.configuration(.none, segmentSize: 4096)

    /// A closed journal of `count` single-event calls over several 4 KiB segments.
    private func makeJournal(in directory: URL, count: Int = 40) async throws -> [URL] {
        let store = try await FileEventStore(directory: directory, configuration: configuration)
        for number in 0..<count {
            let lead = LeadID("lead-\(number)")
            try await store.append([Fixture.touched(lead, note: Fixture.longNote)], to: lead)
        }
        try await store.close()
        return try Fixture.segments(in: directory)
    }

    private func openFails(_ directory: URL) async -> EventStoreError? {
        await #expect(throws: EventStoreError.self) {
            _ = try await FileEventStore(directory: directory, configuration: configuration)
        }
    }

    /// The first position a segment file holds, from its name.
    private func firstPosition(_ segment: URL) -> UInt64 {
        UInt64(segment.deletingPathExtension().lastPathComponent)!
    }

    @Test func deletingTheLastSegmentIsAnErrorNamingIt() async throws {
        try await withTemporaryDirectory { directory in
            let segments = try await makeJournal(in: directory)
            #expect(segments.count >= 3)
            let last = segments[segments.count - 1]
            let length = try Data(contentsOf: last).count
            try FileManager.default.removeItem(at: last)
            let error = await openFails(directory)
            #expect(error?.code == .missingRecords)
            #expect(error?.path == last.standardizedFileURL.path)
            #expect(error?.expectedLength == UInt64(length))
            #expect(error?.foundLength == 0)
            #expect(error?.position == JournalPosition(firstPosition(last)))
            #expect(error?.description.contains("40") == true, "names the last lost position")
            #expect(!FileManager.default.fileExists(atPath: last.path), "nothing was recreated")
        }
    }

    @Test func deletingTheOnlySegmentIsAnError() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration(.none))
            try await store.append([Fixture.captured("a")], to: "a")
            try await store.close()
            let only = try #require(try Fixture.segments(in: directory).first)
            let length = try Data(contentsOf: only).count
            try FileManager.default.removeItem(at: only)
            let error = await openFails(directory)
            #expect(error?.code == .missingRecords)
            #expect(error?.path == only.standardizedFileURL.path)
            #expect(error?.expectedLength == UInt64(length))
            #expect(error?.foundLength == 0)
            #expect(error?.position == JournalPosition(1))
            #expect(try Fixture.segments(in: directory).isEmpty, "no empty journal took its place")
        }
    }

    @Test func truncatingTheLastSegmentToHalfIsAnErrorNotACut() async throws {
        try await withTemporaryDirectory { directory in
            let segments = try await makeJournal(in: directory)
            let last = segments[segments.count - 1]
            let full = try Data(contentsOf: last)
            let half = full.prefix(full.count / 2)
            try half.write(to: last)
            let error = await openFails(directory)
            #expect(error?.code == .missingRecords)
            #expect(error?.path == last.standardizedFileURL.path)
            #expect(error?.expectedLength == UInt64(full.count))
            #expect(error?.foundLength == UInt64(half.count))
            let lost = try #require(error?.position?.rawValue)
            #expect(lost > firstPosition(last) && lost <= 40)
            #expect(try #require(error?.offset) <= UInt64(half.count))
            #expect(try Data(contentsOf: last) == half, "nothing was cut")
        }
    }

    @Test func aGapInsideASegmentIsAnError() async throws {
        try await withTemporaryDirectory { directory in
            let segments = try await makeJournal(in: directory)
            let segment = segments[0]
            let bytes = [UInt8](try Data(contentsOf: segment))
            // Remove the second record: its frame starts after the header and the first frame.
            let firstLength = Int(bytes[32]) | Int(bytes[33]) << 8 | Int(bytes[34]) << 16
            let second = 32 + 16 + firstLength
            let secondLength = Int(bytes[second]) | Int(bytes[second + 1]) << 8
            let gapped = Array(bytes[..<second]) + Array(bytes[(second + 16 + secondLength)...])
            try Data(gapped).write(to: segment)
            let error = await openFails(directory)
            #expect(error?.code == .missingRecords)
            #expect(error?.path == segment.standardizedFileURL.path)
            #expect(error?.expectedLength == UInt64(bytes.count))
            #expect(error?.foundLength == UInt64(gapped.count))

            // Without the checkpoint, the scan still refuses the jump in positions.
            try FileManager.default.removeItem(at: directory.appendingPathComponent("index.checkpoint"))
            let scanned = await openFails(directory)
            #expect(scanned?.code == .corruptRecord)
            #expect(scanned?.offset == UInt64(second))
            #expect(scanned?.description.contains("position 3 where 2 was expected") == true)
        }
    }

    @Test func aTornTailAfterTheCheckpointIsStillCut() async throws {
        try await withTemporaryDirectory { directory in
            let segments = try await makeJournal(in: directory)
            let last = segments[segments.count - 1]
            let length = try Data(contentsOf: last).count
            // Half a frame appended after what the checkpoint covers, as a crash leaves it.
            let handle = try FileHandle(forWritingTo: last)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([200, 0, 0, 0, 1, 2, 3, 4, 41, 0, 0]))
            try handle.close()
            let store = try await FileEventStore(directory: directory, configuration: configuration)
            #expect(store.recovery?.offset == UInt64(length))
            #expect(store.recovery?.bytesCut == 11)
            #expect(store.recovery?.position == JournalPosition(41))
            #expect(try await store.everything().count == 40)
            try await store.close()
        }
    }

    @Test func aCheckpointedRecordThatFailsItsChecksumIsNotCut() async throws {
        try await withTemporaryDirectory { directory in
            let segments = try await makeJournal(in: directory)
            let last = segments[segments.count - 1]
            var bytes = try Data(contentsOf: last)
            bytes[bytes.count - 3] ^= 0x10  // the last record, which the checkpoint vouches for
            try bytes.write(to: last)
            let error = await openFails(directory)
            #expect(error?.code == .missingRecords)
            #expect(error?.position == JournalPosition(40))
            #expect(try Data(contentsOf: last) == bytes, "nothing was cut")
        }
    }
}

/// `verify` and the explicit cut of ``FileEventStore``.
struct FileEventStoreVerificationTests {
    private let configuration = Fixture.configuration(.none, segmentSize: 4096)

    private func makeJournal(in directory: URL) async throws {
        let store = try await FileEventStore(directory: directory, configuration: configuration)
        for number in 0..<30 {
            let lead = LeadID("lead-\(number)")
            try await store.append([Fixture.touched(lead, note: Fixture.longNote)], to: lead)
        }
        try await store.close()
    }

    @Test func aSoundJournalVerifiesAndNothingChanges() async throws {
        try await withTemporaryDirectory { directory in
            try await makeJournal(in: directory)
            let before = try Fixture.allFiles(in: directory).map { try Data(contentsOf: $0) }
            let report = FileEventStore.verify(directory: directory)
            #expect(report.isSound)
            #expect(report.eventCount == 30)
            #expect(report.checkpointValid)
            #expect(report.checkpointPosition == JournalPosition(30))
            #expect(report.segments.count == (try Fixture.segments(in: directory)).count)
            #expect(try Fixture.allFiles(in: directory).map { try Data(contentsOf: $0) } == before)
        }
    }

    @Test func verifyReportsDamageAnywhere() async throws {
        try await withTemporaryDirectory { directory in
            try await makeJournal(in: directory)
            let segments = try Fixture.segments(in: directory)
            var bytes = try Data(contentsOf: segments[0])
            bytes[60] ^= 0x01
            try bytes.write(to: segments[0])
            // The open would trust the checkpoint and skip the record; verification reads it.
            let report = FileEventStore.verify(directory: directory)
            #expect(report.problem?.code == .corruptRecord)
            #expect(report.problem?.path == segments[0].standardizedFileURL.path)
            #expect(report.problem?.offset == 32)
        }
    }

    @Test func cuttingAfterAPositionKeepsTheRemovedBytes() async throws {
        try await withTemporaryDirectory { directory in
            try await makeJournal(in: directory)
            let segments = try Fixture.segments(in: directory)
            let original = try segments.map { try Data(contentsOf: $0) }
            let side = directory.appendingPathComponent("removed")
            let written = try FileEventStore.cut(
                directory: directory, after: JournalPosition(5), sideFolder: side)
            #expect(written.count == segments.count)
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("index.checkpoint").path))
            // The removed bytes are kept byte for byte.
            let kept = try Data(contentsOf: segments[0])
            let rest = try Data(contentsOf: side.appendingPathComponent(written[0].file))
            #expect(kept + rest == original[0])
            for (number, segment) in segments.enumerated().dropFirst() {
                #expect(
                    try Data(contentsOf: side.appendingPathComponent(segment.lastPathComponent))
                        == original[number])
            }
            let store = try await FileEventStore(directory: directory, configuration: configuration)
            #expect(store.recovery == nil)
            #expect(try await store.everything().count == 5)
            let next = try await store.append([Fixture.captured("x")], to: "x")
            #expect(next.positions == [JournalPosition(6)])
            try await store.close()
        }
    }

    @Test func cuttingRefusesAPositionBeyondTheJournal() async throws {
        try await withTemporaryDirectory { directory in
            try await makeJournal(in: directory)
            let before = try Fixture.allFiles(in: directory).map { try Data(contentsOf: $0) }
            let error = #expect(throws: EventStoreError.self) {
                _ = try FileEventStore.cut(
                    directory: directory, after: JournalPosition(31),
                    sideFolder: directory.appendingPathComponent("removed"))
            }
            #expect(error?.code == .invalidRequest)
            #expect(try Fixture.allFiles(in: directory).map { try Data(contentsOf: $0) } == before)
        }
    }
}

/// The files of a journal: owner-only whatever the umask, and symbolic links refused.
struct FileEventStoreFileSafetyTests {
    private func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = lstat(path, &info)
        return info.st_mode & 0o777
    }

    @Test func filesAreOwnerOnlyEvenUnderAnOpenUmask() async throws {
        try await withTemporaryDirectory { parent in
            let directory = parent.appendingPathComponent("journal")
            let previous = umask(0)
            defer { umask(previous) }
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration(.none))
            try await store.append([Fixture.captured("a")], to: "a")
            try await store.saveSnapshot(named: "state", at: JournalPosition(1), bytes: [1, 2, 3])
            try await store.close()
            umask(previous)
            for folder in [
                directory, directory.appendingPathComponent("segments"),
                directory.appendingPathComponent("snapshots"),
            ] {
                #expect(mode(folder.path) == 0o700, "\(folder.lastPathComponent)")
            }
            let files = Fixture.allFiles(in: directory)
            #expect(files.count >= 4, "segment, snapshot, checkpoint, lock")
            for file in files {
                #expect(mode(file.path) == 0o600, "\(file.lastPathComponent)")
            }
        }
    }

    @Test func aSegmentThatIsASymbolicLinkIsRefusedAndItsTargetUntouched() async throws {
        try await withTemporaryDirectory { parent in
            let directory = parent.appendingPathComponent("journal")
            let store = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration(.none))
            try await store.append([Fixture.captured("a")], to: "a")
            try await store.close()
            let segment = try #require(try Fixture.segments(in: directory).first)
            let outside = parent.appendingPathComponent("outside.seg")
            try FileManager.default.moveItem(at: segment, to: outside)
            let before = try Data(contentsOf: outside) + Data("tail".utf8)
            try before.write(to: outside)
            try FileManager.default.createSymbolicLink(at: segment, withDestinationURL: outside)
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await FileEventStore(
                    directory: directory, configuration: Fixture.configuration(.none))
            }
            #expect(error?.code == .unsafePath)
            #expect(error?.path == segment.standardizedFileURL.path)
            #expect(error?.message.contains("symbolic link") == true)
            #expect(try Data(contentsOf: outside) == before, "the target was not cut or written")
        }
    }

    @Test func aSegmentsFolderThatIsASymbolicLinkIsRefused() async throws {
        try await withTemporaryDirectory { parent in
            let directory = parent.appendingPathComponent("journal")
            let elsewhere = parent.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                at: directory.appendingPathComponent("segments"), withDestinationURL: elsewhere)
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await FileEventStore(
                    directory: directory, configuration: Fixture.configuration(.none))
            }
            #expect(error?.code == .unsafePath)
            #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        }
    }
}

/// Waiting for the directory lock, and reading without it.
struct FileEventStoreSharingTests {
    @Test func aWriterWaitsForTheLockUpToItsLimit() async throws {
        try await withTemporaryDirectory { directory in
            var first = Fixture.configuration(.none)
            first.lockOwner = "accord signal"
            let holder = try await FileEventStore(directory: directory, configuration: first)

            var impatient = Fixture.configuration(.none)
            impatient.lockWait = .milliseconds(200)
            let clock = ContinuousClock()
            let started = clock.now
            let error = await #expect(throws: EventStoreError.self) {
                _ = try await FileEventStore(directory: directory, configuration: impatient)
            }
            #expect(clock.now - started >= .milliseconds(200))
            #expect(error?.code == .directoryLocked)
            #expect(error?.message.contains("pid \(getpid())") == true)
            #expect(error?.message.contains("accord signal") == true)

            var patient = Fixture.configuration(.none)
            patient.lockWait = .seconds(60)  // returns at the release; generous for a loaded machine
            let releaser = Task {
                try await Task.sleep(for: .milliseconds(300))
                try await holder.close()
            }
            let waiter = try await FileEventStore(directory: directory, configuration: patient)
            try await releaser.value
            try await waiter.append([Fixture.captured("a")], to: "a")
            try await waiter.close()
        }
    }

    @Test func aReadOnlyStoreReadsWhileAWriterHoldsTheLock() async throws {
        try await withTemporaryDirectory { directory in
            let writer = try await FileEventStore(
                directory: directory, configuration: Fixture.configuration(.none))
            try await writer.append([Fixture.captured("a")], to: "a")
            try await writer.append([Fixture.touched("a")], to: "a")
            // An append call in flight: half a frame at the end of the segment.
            let segment = try #require(try Fixture.segments(in: directory).first)
            let length = try Data(contentsOf: segment).count
            let handle = try FileHandle(forWritingTo: segment)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([90, 0, 0, 0, 9, 9]))
            try handle.close()

            var configuration = Fixture.configuration(.none)
            configuration.readOnly = true
            let before = Fixture.allFiles(in: directory).map(\.lastPathComponent).sorted()
            let reader = try await FileEventStore(directory: directory, configuration: configuration)
            #expect(reader.recovery == nil)
            #expect(try await reader.everything().count == 2)
            #expect(try await reader.events(forLead: "a").count == 2)
            let refused = await #expect(throws: EventStoreError.self) {
                try await reader.append([Fixture.captured("b")], to: "b")
            }
            #expect(refused?.code == .readOnly)
            try await reader.close()
            #expect(try Data(contentsOf: segment).count == length + 6, "the reader cut nothing")
            #expect(Fixture.allFiles(in: directory).map(\.lastPathComponent).sorted() == before)
            try await writer.close()
        }
    }
}
