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
    var lock: DirectoryLock
    var index: JournalIndex
    /// One descriptor per segment, the last one writable.
    var files: [FileDescriptor]
    var recovery: FileEventStore.RecoveryReport?
    var statistics: FileEventStore.OpenStatistics
}

/// Opens a data directory: takes its lock, loads the index checkpoint when it is valid, scans the
/// records after it (all of them without one), and cuts a torn tail.
enum JournalLoader {
    /// Opens the directory at `paths`, creating it when missing.
    ///
    /// - Throws: ``EventStoreError`` — `directoryLocked`, `corruptRecord`, `unsupportedFormat`
    ///   or `io`, naming the file and offset.
    static func open(paths: StorePaths) throws -> OpenedJournal {
        let clock = ContinuousClock()
        let started = clock.now
        try FileSystem.makeDirectory(paths.segments)
        try FileSystem.makeDirectory(paths.snapshots)
        let lock = try DirectoryLock(directory: paths.root)
        var files: [FileDescriptor] = []
        do {
            try removeTemporaries(paths)
            let firsts = try FileSystem.names(in: paths.segments)
                .compactMap(SegmentFormat.firstPosition(fileName:)).sorted()
            for (number, first) in firsts.enumerated() {
                let writable = number == firsts.count - 1
                files.append(
                    try FileDescriptor.open(
                        paths.segment(first), flags: writable ? O_RDWR : O_RDONLY))
            }
            if files.isEmpty {
                files.append(try createSegment(paths: paths, firstPosition: 1))
            }
            let segmentFirsts = firsts.isEmpty ? [1] : firsts

            var index = JournalIndex()
            var resume = (segment: 0, offset: UInt64(SegmentFormat.headerSize))
            var checkpointPosition: JournalPosition?
            if let loaded = try loadCheckpoint(paths, firsts: segmentFirsts, files: files) {
                index = loaded
                resume = (index.segments.count - 1, index.segments[index.segments.count - 1].size)
                checkpointPosition = JournalPosition(index.lastPosition)
            }

            var recovery: FileEventStore.RecoveryReport?
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
                        .corruptRecord,
                        "the segment starts at position \(first) but the previous one ends at "
                            + "\(index.lastPosition); a segment file is missing or misnamed",
                        path: file.path, offset: 0)
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
                    try file.truncate(to: outcome.validEnd)
                    try file.sync()
                    recovery = FileEventStore.RecoveryReport(
                        segment: paths.relativeSegment(first), offset: outcome.validEnd,
                        bytesCut: size - outcome.validEnd, reason: reason)
                }
            }
            let statistics = FileEventStore.OpenStatistics(
                checkpointPosition: checkpointPosition, scannedRecords: scanned,
                eventCount: index.lastPosition, duration: clock.now - started)
            return OpenedJournal(
                lock: lock, index: index, files: files, recovery: recovery, statistics: statistics)
        } catch {
            for file in files { file.close() }
            lock.release()
            throw error
        }
    }

    /// Creates an empty segment atomically (header written to a temporary file, synced, renamed).
    ///
    /// - Returns: the new segment, open for reading and writing.
    /// - Throws: ``EventStoreError`` with code `io`.
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
    /// - Throws: ``EventStoreError`` with code `corruptRecord` or `unsupportedFormat`.
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

    /// The checkpointed index, when the checkpoint matches the segments on disk.
    private static func loadCheckpoint(
        _ paths: StorePaths, firsts: [UInt64], files: [FileDescriptor]
    ) throws -> JournalIndex? {
        guard let file = try FileDescriptor.openExisting(paths.checkpoint, flags: O_RDONLY) else {
            return nil
        }
        defer { file.close() }
        guard let bytes = try? file.read(count: Int(file.size()), at: 0),
            let (index, lastChecksum) = IndexCheckpoint.decode(bytes),
            !index.segments.isEmpty, index.segments.count <= firsts.count,
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
                && SegmentFormat.uint32(raw, at: 4) == lastChecksum
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
