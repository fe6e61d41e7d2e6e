import Dispatch
import LeadModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileEventStore {
    private static let snapshotMagic: [UInt8] = Array("ACCSNAP1".utf8)
    private static let snapshotHeaderSize = 28

    /// Saves (replaces) the snapshot called `name`, taken at `position`, atomically: written to
    /// a temporary file, synced, renamed into `snapshots/`, and the folder synced. The write runs
    /// off the actor, so appends go on meanwhile.
    ///
    /// A snapshot taken before the latest erasure of this session is dropped rather than saved,
    /// since it may hold the erased personal data; ``loadSnapshot(named:)`` then returns the state
    /// it would after a drop.
    ///
    /// - Parameters:
    ///   - name: the snapshot's name; any string.
    ///   - position: the journal position the snapshot reflects.
    ///   - bytes: the snapshot's content.
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`, `readOnly` for a read-only store, or
    ///   `closed` after ``close()``.
    public func saveSnapshot(named name: String, at position: JournalPosition, bytes: [UInt8])
        async throws
    {
        try checkWritable()
        guard position.rawValue >= lastErasure || lastErasure == 0 else { return }
        var content = Self.snapshotMagic
        content.reserveCapacity(Self.snapshotHeaderSize + bytes.count)
        SegmentFormat.put(position.rawValue, into: &content)
        SegmentFormat.put(UInt64(bytes.count), into: &content)
        SegmentFormat.put(CRC32C.checksum(bytes), into: &content)
        content.append(contentsOf: bytes)
        let file = content
        let path = snapshotPath(name)
        let folder = paths.snapshots
        try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Void, any Error>) in
            checkpointQueue.async {
                do {
                    try FileSystem.writeAtomically(file, to: path, directory: folder)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// The latest snapshot called `name`, or `nil` when there is none, it was dropped by an
    /// erasure, or its checksum fails (a damaged snapshot is only a cache miss).
    ///
    /// - Parameter name: the snapshot's name.
    /// - Throws: ``LeadModel/EventStoreError`` with code `io` when the file exists but cannot be read,
    ///   `unsafePath` when it is a symbolic link, or `closed` after ``close()``.
    public func loadSnapshot(named name: String) async throws -> (
        position: JournalPosition, bytes: [UInt8]
    )? {
        try checkReadable()
        let path = snapshotPath(name)
        guard let file = try FileDescriptor.openExisting(path, flags: O_RDONLY) else { return nil }
        defer { file.close() }
        let content = try file.read(count: Int(try file.size()), at: 0)
        guard content.count >= Self.snapshotHeaderSize, content.starts(with: Self.snapshotMagic)
        else { return nil }
        return content.withUnsafeBytes { raw -> (JournalPosition, [UInt8])? in
            let position = SegmentFormat.uint64(raw, at: 8)
            let length = SegmentFormat.uint64(raw, at: 16)
            let checksum = SegmentFormat.uint32(raw, at: 24)
            let body = UnsafeRawBufferPointer(rebasing: raw[Self.snapshotHeaderSize...])
            guard UInt64(body.count) == length, CRC32C.checksum(body) == checksum else {
                return nil
            }
            return (JournalPosition(position), Array(body))
        }
    }

    /// Removes every projection snapshot (erasure), after pending snapshot writes finished.
    func dropSnapshots() throws {
        checkpointQueue.sync {}
        for name in try FileSystem.names(in: paths.snapshots) {
            try FileSystem.remove(paths.snapshots + "/" + name)
        }
        try FileSystem.syncDirectory(paths.snapshots)
    }

    /// The file of snapshot `name`: safe characters kept, every other byte as `%XX`.
    private func snapshotPath(_ name: String) -> String {
        var encoded = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return paths.snapshots + "/s-" + encoded + ".snap"
    }
}
