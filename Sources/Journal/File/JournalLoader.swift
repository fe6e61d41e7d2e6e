import LeadModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The paths of a data directory's files.
struct StorePaths: Sendable {
    /// The data directory.
    let root: String

    /// The folder of segment files.
    var segments: String { root + "/segments" }
    /// The folder of projection snapshots.
    var snapshots: String { root + "/snapshots" }
    /// The index checkpoint.
    var checkpoint: String { root + "/" + IndexCheckpoint.fileName }

    /// The segment file whose first record has `firstPosition`.
    func segment(_ firstPosition: UInt64) -> String {
        segments + "/" + SegmentFormat.fileName(firstPosition: firstPosition)
    }

    /// A segment file's path relative to the data directory, for reports.
    func relativeSegment(_ firstPosition: UInt64) -> String {
        "segments/" + SegmentFormat.fileName(firstPosition: firstPosition)
    }
}

/// What opening a data directory produced.
struct OpenedJournal {
    /// The directory's lock; `nil` for a read-only open.
    var lock: DirectoryLock?
    var index: JournalIndex
    /// One descriptor per segment, the last one writable (all read-only for a read-only open).
    var files: [FileDescriptor]
    var recovery: FileEventStore.RecoveryReport?
    var statistics: FileEventStore.OpenStatistics
    /// What the scan found past the last complete append call (a read-only open leaves it).
    var unfinishedTail: FileEventStore.RecoveryReport?
    /// Whether a valid index checkpoint was found, and its last position.
    var checkpoint: (valid: Bool, position: UInt64)?
}

/// How a data directory is opened.
struct OpenMode {
    /// Take the lock, create what is missing and cut a torn tail; otherwise read only, without
    /// the lock, up to the last complete append call found.
    var writable = true
    /// Who holds the lock, written into the lock file for processes that wait for it.
    var lockOwner = ""
    /// Scan every record even when a valid checkpoint covers them (verification).
    var scanAll = false
}

/// Opens a data directory: takes its lock, loads the index checkpoint when it is valid, scans the
/// records after it (all of them without one), and cuts a torn tail.
enum JournalLoader {
    /// Opens the directory at `paths`, creating it when missing (unless read-only).
    ///
    /// - Throws: ``LeadModel/EventStoreError`` — `directoryLocked`, `corruptRecord`, `missingRecords`,
    ///   `unsafePath`, `unsupportedFormat` or `io`, naming the file and offset.
    static func open(paths: StorePaths, mode: OpenMode = OpenMode()) throws -> OpenedJournal {
        let clock = ContinuousClock()
        let started = clock.now
        for folder in [paths.segments, paths.snapshots] {
            try FileSystem.refuseLink(folder)
        }
        var lock: DirectoryLock?
        if mode.writable {
            try FileSystem.makeDirectory(paths.segments)
            try FileSystem.makeDirectory(paths.snapshots)
            lock = try DirectoryLock(directory: paths.root, owner: mode.lockOwner)
        }
        var files: [FileDescriptor] = []
        do {
            if mode.writable { try removeTemporaries(paths) }
            // The checkpoint is read before the segments are listed: a writer creates segments
            // before it checkpoints them, so every segment the checkpoint names is then listed.
            let saved = readCheckpoint(paths)
            let firsts = try FileSystem.names(in: paths.segments)
                .compactMap(SegmentFormat.firstPosition(fileName:)).sorted()
            for (number, first) in firsts.enumerated() {
                let writable = mode.writable && number == firsts.count - 1
                files.append(
                    try FileDescriptor.open(
                        paths.segment(first), flags: writable ? O_RDWR : O_RDONLY))
            }
            if let saved {
                try checkNothingMissing(saved.index, paths: paths, firsts: firsts, files: files)
            }
            if files.isEmpty, mode.writable {
                files.append(try createSegment(paths: paths, firstPosition: 1))
            }
            let segmentFirsts = firsts.isEmpty ? [1] : firsts

            var index = JournalIndex()
            var resume = (segment: 0, offset: UInt64(SegmentFormat.headerSize))
            var checkpointPosition: JournalPosition?
            var checkpointValid = false
            if let saved, !files.isEmpty,
                let loaded = try validCheckpoint(saved, firsts: segmentFirsts, files: files)
            {
                checkpointValid = true
                if !mode.scanAll {
                    index = loaded
                    resume = (
                        index.segments.count - 1, index.segments[index.segments.count - 1].size
                    )
                    checkpointPosition = JournalPosition(index.lastPosition)
                }
            }

            var recovery: FileEventStore.RecoveryReport?
            var unfinished: FileEventStore.RecoveryReport?
            var scanned = 0
            for number in resume.segment..<files.count {
                let first = segmentFirsts[number]
                let file = files[number]
                let isLast = number == files.count - 1
                let size = try file.size()
                let header = try file.read(count: SegmentFormat.headerSize, at: 0)
                if let (code, message) = header.withUnsafeBytes({
                    SegmentFormat.headerProblem($0, firstPosition: first)
                }) {
                    throw EventStoreError(code, message, path: file.path, offset: 0)
                }
                let resumesCheckpoint = number == resume.segment && checkpointPosition != nil
                guard resumesCheckpoint || first == index.lastPosition + 1 else {
                    throw EventStoreError(
                        .missingRecords,
                        "the segment starts at position \(first) but the previous one ends at "
                            + "\(index.lastPosition); a segment file is missing or misnamed — "
                            + "restore it from a backup (see accord verify)",
                        path: file.path, offset: 0, position: JournalPosition(index.lastPosition + 1))
                }
                let base =
                    number == resume.segment ? resume.offset : UInt64(SegmentFormat.headerSize)
                if resumesCheckpoint {
                    index.segments[number].size = base
                } else {
                    index.segments.append(.init(firstPosition: first, size: base))
                }
                let bytes = try file.read(count: Int(size - min(size, base)), at: base)
                let scanner = SegmentScanner(path: file.path)
                let outcome = try bytes.withUnsafeBytes { raw in
                    try scanner.scan(
                        raw, base: base, expected: index.lastPosition + 1, isLast: isLast
                    ) { records in
                        for record in records {
                            let event = try decode(
                                UnsafeRawBufferPointer(rebasing: raw[record.payload]),
                                position: record.position, path: file.path, offset: record.offset)
                            index.add(
                                position: record.position, offset: record.offset,
                                lead: event.leadID, key: event.idempotencyKey)
                            scanned += 1
                        }
                    }
                }
                index.segments[number].size = outcome.validEnd
                if let reason = outcome.tornReason {
                    // A cut never reaches into what the checkpoint vouches for, even when the
                    // checkpoint could not be used (its last record changed, say).
                    if let vouched = saved?.index.segments.first(where: { $0.firstPosition == first }),
                        outcome.validEnd < vouched.size
                    {
                        throw EventStoreError(
                            .missingRecords,
                            "\(reason) at offset \(outcome.validEnd), inside the \(vouched.size) "
                                + "bytes the index checkpoint says this segment held; those records "
                                + "were acknowledged, so they are not cut — restore the segment from "
                                + "a backup, or see accord verify and accord repair",
                            path: file.path, offset: outcome.validEnd,
                            position: JournalPosition(index.lastPosition + 1),
                            expectedLength: vouched.size, foundLength: size)
                    }
                    let report = FileEventStore.RecoveryReport(
                        segment: paths.relativeSegment(first), offset: outcome.validEnd,
                        bytesCut: size - outcome.validEnd, reason: reason,
                        position: JournalPosition(index.lastPosition + 1))
                    if mode.writable {
                        try file.truncate(to: outcome.validEnd)
                        try file.sync()
                        recovery = report
                    } else {
                        unfinished = report
                    }
                }
            }
            let statistics = FileEventStore.OpenStatistics(
                checkpointPosition: checkpointPosition, scannedRecords: scanned,
                eventCount: index.lastPosition, duration: clock.now - started)
            return OpenedJournal(
                lock: lock, index: index, files: files, recovery: recovery, statistics: statistics,
                unfinishedTail: unfinished,
                checkpoint: saved.map { (checkpointValid, $0.index.lastPosition) })
        } catch {
            for file in files { file.close() }
            lock?.release()
            throw error
        }
    }

    /// Creates an empty segment atomically (header written to a temporary file, synced, renamed).
    ///
    /// - Returns: the new segment, open for reading and writing.
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    static func createSegment(paths: StorePaths, firstPosition: UInt64) throws -> FileDescriptor {
        let path = paths.segment(firstPosition)
        try FileSystem.writeAtomically(
            SegmentFormat.header(firstPosition: firstPosition), to: path,
            directory: paths.segments)
        return try FileDescriptor.open(path, flags: O_RDWR)
    }

    /// Decodes one record's payload, turning a codec failure into `corruptRecord` — or into
    /// `unsupportedFormat` when a newer Accord wrote the record (upgrade, do not repair).
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `corruptRecord` or `unsupportedFormat`.
    static func decode(
        _ payload: UnsafeRawBufferPointer, position: UInt64, path: String, offset: UInt64
    ) throws -> LeadEvent {
        do {
            return try EventCodec.decode(payload, position: JournalPosition(position))
        } catch  where error.code == .unsupportedVersion {
            throw EventStoreError(
                .unsupportedFormat,
                "the record at position \(position) was written by a newer Accord (\(error.message)); "
                    + "upgrade Accord to read this journal — the record is not damaged",
                path: path, offset: offset)
        } catch {
            throw EventStoreError(
                .corruptRecord,
                "the record at position \(position) passes its checksum but does not decode "
                    + "(\(error)); it was written by an incompatible build",
                path: path, offset: offset)
        }
    }

    /// The index checkpoint and its last record's checksum, or `nil` when there is none or it
    /// fails its checks (a damaged checkpoint only means a longer scan).
    private static func readCheckpoint(_ paths: StorePaths) -> (
        index: JournalIndex, lastChecksum: UInt32
    )? {
        guard let file = try? FileDescriptor.openExisting(paths.checkpoint, flags: O_RDONLY) else {
            return nil
        }
        defer { file.close() }
        guard let bytes = try? file.read(count: Int(file.size()), at: 0),
            let (index, lastChecksum) = IndexCheckpoint.decode(bytes), !index.segments.isEmpty
        else { return nil }
        return (index, lastChecksum)
    }

    /// Throws when a segment the (valid) checkpoint names is missing or shorter than the records
    /// it held: those records were acknowledged, so losing them is never a torn tail.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `missingRecords` naming the file, the length it
    ///   should have, the length it has and the first position that is gone.
    static func checkNothingMissing(
        _ checkpoint: JournalIndex, paths: StorePaths, firsts: [UInt64], files: [FileDescriptor]
    ) throws {
        let header = UInt64(SegmentFormat.headerSize)
        for (number, segment) in checkpoint.segments.enumerated() where segment.size > header {
            let path = paths.segment(segment.firstPosition)
            let lastInSegment =
                number + 1 < checkpoint.segments.count
                ? checkpoint.segments[number + 1].firstPosition - 1 : checkpoint.lastPosition
            guard let file = firsts.firstIndex(of: segment.firstPosition) else {
                throw EventStoreError(
                    .missingRecords,
                    "the segment file is missing, yet the index checkpoint says it holds positions "
                        + "\(segment.firstPosition)–\(lastInSegment) (\(segment.size) bytes); "
                        + "restore it from a backup — opening would lose those records",
                    path: path, offset: 0, position: JournalPosition(segment.firstPosition),
                    expectedLength: segment.size, foundLength: 0)
            }
            let size = try files[file].size()
            guard size < segment.size else { continue }
            // The first record that does not fit in what is left of the file.
            var low = segment.firstPosition
            var high = lastInSegment
            while low < high {
                let middle = (low + high) / 2
                if checkpoint.location(of: middle).range.upperBound > size {
                    high = middle
                } else {
                    low = middle + 1
                }
            }
            let offset = checkpoint.location(of: low).range.lowerBound
            throw EventStoreError(
                .missingRecords,
                "the segment is \(size) bytes but the index checkpoint says it holds "
                    + "\(segment.size) bytes, up to position \(lastInSegment); positions "
                    + "\(low)–\(lastInSegment) from offset \(offset) are gone, more than a crash "
                    + "can tear — restore the segment from a backup, or see accord verify and "
                    + "accord repair",
                path: path, offset: offset, position: JournalPosition(low),
                expectedLength: segment.size, foundLength: size)
        }
    }

    /// The checkpointed index, when the checkpoint matches the segments on disk.
    private static func validCheckpoint(
        _ saved: (index: JournalIndex, lastChecksum: UInt32), firsts: [UInt64],
        files: [FileDescriptor]
    ) throws -> JournalIndex? {
        let index = saved.index
        guard index.segments.count <= firsts.count,
            index.segments.map(\.firstPosition) == Array(firsts.prefix(index.segments.count))
        else { return nil }
        for (number, segment) in index.segments.enumerated() {
            let size = try files[number].size()
            let isLastCovered = number == index.segments.count - 1
            guard isLastCovered ? size >= segment.size : size == segment.size else { return nil }
        }
        let last = index.lastPosition
        guard last > 0 else { return index }
        let (segment, range) = index.location(of: last)
        let frame = try files[segment].read(
            count: Int(range.upperBound - range.lowerBound), at: range.lowerBound)
        let valid = frame.withUnsafeBytes { raw -> Bool in
            guard case .success(let parsed) = SegmentFormat.parseFrame(raw, at: 0) else {
                return false
            }
            return parsed.position == last && parsed.commits && parsed.size == raw.count
                && SegmentFormat.uint32(raw, at: 4) == saved.lastChecksum
        }
        return valid ? index : nil
    }

    /// Removes temporary files a crash may have left behind.
    private static func removeTemporaries(_ paths: StorePaths) throws {
        for folder in [paths.root, paths.segments, paths.snapshots] {
            for name in try FileSystem.names(in: folder) where name.hasSuffix(".tmp") {
                try FileSystem.remove(folder + "/" + name)
            }
        }
    }
}
