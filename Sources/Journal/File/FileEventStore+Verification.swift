import Foundation
import LeadModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileEventStore {
    /// What ``verify(directory:)`` found: every segment checked record by record against the
    /// index checkpoint.
    public struct VerificationReport: Hashable, Sendable {
        /// One segment file as the scan found it.
        public struct Segment: Hashable, Sendable {
            /// The file, relative to the data directory.
            public var file: String
            /// The position its first record has (from its name).
            public var firstPosition: JournalPosition
            /// Its length in bytes.
            public var length: UInt64
        }

        /// The segments, in order (those before a problem, and the one with it).
        public var segments: [Segment]
        /// The number of complete, checksummed records found (before a problem, if any).
        public var eventCount: UInt64
        /// Whether an index checkpoint file exists.
        public var checkpointPresent: Bool
        /// Whether the checkpoint passed its checks and matches the segments.
        public var checkpointValid: Bool
        /// The last position the checkpoint covers, when it decoded.
        public var checkpointPosition: JournalPosition?
        /// Bytes after the last complete append call of the last segment: an append that is
        /// still being written by another process, or a torn tail the next writable open cuts.
        public var unfinishedTail: RecoveryReport?
        /// The problem that stopped the scan: missing records, a damaged record, a gap between
        /// segments, a symbolic link. `nil` when the journal is sound.
        public var problem: EventStoreError?

        /// The last record that ends an append call with every record before it sound and in
        /// sequence: where ``cut(directory:after:sideFolder:)`` may cut to keep all good records.
        public var lastGoodPosition: JournalPosition

        /// Whether the journal is sound.
        public var isSound: Bool { problem == nil }
    }

    /// Checks a journal without changing it: every record's checksum and position, the segments'
    /// continuity, and every segment the index checkpoint names against its length on disk.
    ///
    /// Verification takes no lock and writes nothing, so it can run while another process
    /// writes; it then checks the prefix of the journal complete when it looked.
    ///
    /// - Parameter directory: the data directory.
    /// - Returns: the report; a damaged or unreadable journal is reported in
    ///   ``VerificationReport/problem``, never thrown.
    public static func verify(directory: URL) -> VerificationReport {
        let paths = StorePaths(root: directory.standardizedFileURL.path)
        let checkpointPresent = FileManager.default.fileExists(atPath: paths.checkpoint)
        var report = VerificationReport(
            segments: [], eventCount: 0, checkpointPresent: checkpointPresent,
            checkpointValid: false, checkpointPosition: nil, unfinishedTail: nil, problem: nil,
            lastGoodPosition: JournalPosition(lastSoundCall(paths)))
        do {
            let opened = try JournalLoader.open(
                paths: paths, mode: OpenMode(writable: false, scanAll: true))
            defer { for file in opened.files { file.close() } }
            report.eventCount = opened.index.lastPosition
            report.unfinishedTail = opened.unfinishedTail
            if let checkpoint = opened.checkpoint {
                report.checkpointValid = checkpoint.valid
                report.checkpointPosition = JournalPosition(checkpoint.position)
            }
            for segment in opened.index.segments {
                report.segments.append(
                    .init(
                        file: paths.relativeSegment(segment.firstPosition),
                        firstPosition: JournalPosition(segment.firstPosition),
                        length: try FileDescriptor.open(
                            paths.segment(segment.firstPosition), flags: O_RDONLY
                        ).sizeAndClose()))
            }
        } catch let error as EventStoreError {
            report.problem = error
        } catch {
            report.problem = EventStoreError(.io, "\(error)", path: paths.root)
        }
        return report
    }

    /// Cuts the journal after `position`, keeping every removed byte in a side folder: the rest
    /// of the segment holding `position` and every later segment are moved there, the index
    /// checkpoint and the snapshots (which may reflect removed records) are dropped.
    ///
    /// This is the explicit, last-resort repair for a journal whose damage cannot be restored
    /// from a backup: the records after `position` are no longer part of the journal. Run
    /// ``verify(directory:)`` first to find the last good position. The directory's lock is
    /// taken, so no store may have it open.
    ///
    /// - Parameters:
    ///   - directory: the data directory.
    ///   - position: the last record to keep; it must end an append call (`0` empties the
    ///     journal).
    ///   - sideFolder: where the removed bytes go; created, and must not exist yet.
    /// - Returns: the files written into `sideFolder`, with the number of bytes each holds.
    /// - Throws: ``LeadModel/EventStoreError`` — `directoryLocked`, `invalidRequest` when `position` is
    ///   not the end of an append call or lies beyond the journal (nothing is changed then),
    ///   `corruptRecord` when a record before it is damaged, `io`.
    public static func cut(directory: URL, after position: JournalPosition, sideFolder: URL)
        throws -> [(file: String, bytes: UInt64)]
    {
        let paths = StorePaths(root: directory.standardizedFileURL.path)
        try FileSystem.refuseLink(paths.segments)
        let lock = try DirectoryLock(directory: paths.root, owner: "repair")
        defer { lock.release() }
        let firsts = try FileSystem.names(in: paths.segments)
            .compactMap(SegmentFormat.firstPosition(fileName:)).sorted()
        let keep = position.rawValue
        // The segment holding `keep` (or, for 0, the first) and the offset its record ends at.
        guard let holder = firsts.lastIndex(where: { $0 <= max(keep, 1) }) else {
            throw EventStoreError(
                .invalidRequest, "the journal has no segment holding position \(keep)",
                path: paths.segments, position: position)
        }
        let file = try FileDescriptor.open(paths.segment(firsts[holder]), flags: O_RDWR)
        defer { file.close() }
        let bytes = try file.read(count: Int(try file.size()), at: 0)
        var cutOffset = UInt64(SegmentFormat.headerSize)
        if keep >= firsts[holder] {
            cutOffset = try bytes.withUnsafeBytes { raw in
                try endOfRecord(keep, in: raw, path: file.path)
            }
        }
        let sidePath = sideFolder.standardizedFileURL.path
        guard !FileManager.default.fileExists(atPath: sidePath) else {
            throw EventStoreError(
                .invalidRequest, "the side folder already exists; name a new one",
                path: sidePath)
        }
        try FileSystem.makeDirectory(sidePath)
        var written: [(file: String, bytes: UInt64)] = []
        let rest = Array(bytes[Int(cutOffset)...])
        if !rest.isEmpty {
            let name = SegmentFormat.fileName(firstPosition: firsts[holder]) + ".from-\(cutOffset)"
            try FileSystem.writeAtomically(rest, to: sidePath + "/" + name, directory: sidePath)
            written.append((name, UInt64(rest.count)))
        }
        for first in firsts[(holder + 1)...] {
            let name = SegmentFormat.fileName(firstPosition: first)
            try FileSystem.rename(paths.segment(first), to: sidePath + "/" + name)
            let size = try FileDescriptor.open(sidePath + "/" + name, flags: O_RDONLY)
                .sizeAndClose()
            written.append((name, size))
        }
        try FileSystem.syncDirectory(sidePath)
        try FileSystem.remove(paths.checkpoint)
        try FileSystem.syncDirectory(paths.root)
        try file.truncate(to: cutOffset)
        try file.sync()
        try FileSystem.syncDirectory(paths.segments)
        for name in try FileSystem.names(in: paths.snapshots) {
            try FileSystem.remove(paths.snapshots + "/" + name)
        }
        try FileSystem.syncDirectory(paths.snapshots)
        return written
    }

    /// The last position that ends an append call with every record before it sound and in
    /// sequence, reading the segments in order and stopping at the first damage or gap.
    private static func lastSoundCall(_ paths: StorePaths) -> UInt64 {
        guard
            let firsts = try? FileSystem.names(in: paths.segments)
                .compactMap(SegmentFormat.firstPosition(fileName:)).sorted()
        else { return 0 }
        var expected: UInt64 = 1
        var lastCommit: UInt64 = 0
        for first in firsts {
            guard first == expected,
                let file = try? FileDescriptor.open(paths.segment(first), flags: O_RDONLY)
            else { return lastCommit }
            defer { file.close() }
            guard let bytes = try? file.read(count: Int(file.size()), at: 0) else { return lastCommit }
            let complete = bytes.withUnsafeBytes { raw -> Bool in
                guard SegmentFormat.headerProblem(raw, firstPosition: first) == nil else { return false }
                var offset = SegmentFormat.headerSize
                while offset < raw.count {
                    guard case .success(let frame) = SegmentFormat.parseFrame(raw, at: offset),
                        frame.position == expected
                    else { return false }
                    expected += 1
                    if frame.commits { lastCommit = frame.position }
                    offset += frame.size
                }
                return true
            }
            guard complete else { return lastCommit }
        }
        return lastCommit
    }

    /// The offset just after the record at `position`, which must end an append call.
    private static func endOfRecord(
        _ position: UInt64, in raw: UnsafeRawBufferPointer, path: String
    ) throws -> UInt64 {
        var offset = SegmentFormat.headerSize
        while true {
            guard offset < raw.count else {
                throw EventStoreError(
                    .invalidRequest,
                    "the segment ends before position \(position); nothing was cut",
                    path: path, offset: UInt64(offset), position: JournalPosition(position))
            }
            guard case .success(let frame) = SegmentFormat.parseFrame(raw, at: offset) else {
                throw EventStoreError(
                    .corruptRecord,
                    "the record at offset \(offset) is damaged before position \(position); cut "
                        + "after an earlier position (accord verify names the last good one)",
                    path: path, offset: UInt64(offset), position: JournalPosition(position))
            }
            offset += frame.size
            guard frame.position < position else {
                guard frame.position == position, frame.commits else {
                    throw EventStoreError(
                        .invalidRequest,
                        "position \(position) is inside an append call (its records are kept or "
                            + "cut together); cut after the call's last record",
                        path: path, offset: UInt64(offset), position: JournalPosition(position))
                }
                return UInt64(offset)
            }
        }
    }
}

extension FileDescriptor {
    /// The file's size; the descriptor is closed.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    fileprivate func sizeAndClose() throws -> UInt64 {
        defer { close() }
        return try size()
    }
}
