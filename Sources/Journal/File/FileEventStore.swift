import Foundation
import LeadModel

/// An ``LeadModel/EventStore`` that keeps the journal in append-only segment files in one data directory.
///
/// Each record is framed with its length, a CRC-32C and its position; an append call is written
/// with one `write(2)` and acknowledged once it is as durable as
/// ``Configuration/durability`` promises (group commit by default: concurrent appenders share one
/// `fsync`). Readers see an event once it is durable. The store survives `kill -9` at any moment:
/// on open a torn tail is cut and reported in ``recovery``, while damage anywhere else makes
/// opening throw. One store at a time owns a directory, enforced with `flock`.
///
/// Lookups are served from in-memory indexes (positions by lead, idempotency keys, record
/// offsets); events are read from disk with `pread`, so the journal never sits in memory whole.
/// The indexes are checkpointed on ``close()`` and every
/// ``Configuration/indexCheckpointInterval`` events, so reopening a large journal is fast.
///
/// ```swift
/// let store = try await FileEventStore(directory: dataDirectory)
/// try await store.append([captured], to: "lead-1", expecting: .noStream)
/// for try await event in store.events(from: .start) { projection.apply(event) }
/// try await store.close()
/// ```
///
/// See `Documentation/Storage.md` for the file layout, recovery, erasure and backups.
public actor FileEventStore: EventStore, SnapshotStore {
    /// The data directory.
    public nonisolated let directory: URL
    /// The configuration the store was opened with.
    public nonisolated let configuration: Configuration
    /// The recovery notice: what opening cut from a torn tail, or `nil` when nothing was cut.
    public nonisolated let recovery: RecoveryReport?
    /// How opening rebuilt the indexes, and how long it took.
    public nonisolated let openStatistics: OpenStatistics

    /// How durable an acknowledged append is: ``Configuration/durability``.
    public nonisolated var durability: Durability { configuration.durability }

    /// How many `fsync` rounds the group commit ran since opening; fewer rounds than appends
    /// means appenders shared them.
    public nonisolated var fsyncRounds: Int { flusher.syncRounds }

    private enum State {
        case open
        case closed
    }

    let paths: StorePaths
    let flusher: CommitFlusher
    /// The directory lock; `nil` when opened ``Configuration/readOnly``.
    private let lock: DirectoryLock?
    let checkpointQueue = DispatchQueue(label: "accord.file-store.checkpoint")
    private var state = State.open
    var index: JournalIndex
    /// One descriptor per segment of ``index``; the last one is written to.
    var files: [FileDescriptor]
    private var eventsSinceCheckpoint = 0
    /// The position of the last erasure event; snapshots taken before it are refused.
    var lastErasure: UInt64 = 0

    /// Opens (or creates) the journal in `directory` and takes ownership of it.
    ///
    /// Opening loads the index checkpoint when it is valid and scans the records after it (the
    /// whole journal without one). A torn tail in the last segment — the records of an append
    /// call that never finished — is cut and reported in ``recovery``. Records the checkpoint
    /// vouches for are never cut: a segment it names that is missing or shorter makes opening
    /// throw `missingRecords`. The directory and every file the store creates are owner-only
    /// (0700 and 0600) whatever the umask, and a journal file that is a symbolic link is refused.
    ///
    /// With ``Configuration/readOnly`` the store takes no lock and writes nothing (see there).
    /// Otherwise, when another store holds the directory, opening retries until
    /// ``Configuration/lockWait`` has passed.
    ///
    /// - Parameters:
    ///   - directory: the data directory; created when missing (unless read-only).
    ///   - configuration: durability, segment size, checkpoint interval, lock wait, read-only.
    /// - Throws: ``LeadModel/EventStoreError`` — `directoryLocked` when another store keeps the directory
    ///   open longer than the lock wait (naming the holder when it recorded itself),
    ///   `missingRecords` (file, expected and found length, position) when acknowledged records
    ///   are gone, `corruptRecord` (with file and offset) when a record other than the tail is
    ///   damaged, `unsafePath` for a symbolic link in the journal, `unsupportedFormat` for files
    ///   from a newer version, `invalidRequest` for the ``LeadModel/Durability/memory`` mode, `io` when
    ///   the file system fails.
    public init(directory: URL, configuration: Configuration = Configuration()) async throws {
        if case .memory = configuration.durability {
            throw EventStoreError(
                .invalidRequest,
                "a FileEventStore cannot have memory durability; use .none, .fsyncEveryCommit or "
                    + ".groupCommit, or an InMemoryEventStore")
        }
        let paths = StorePaths(root: directory.standardizedFileURL.path)
        let opened = try await Self.open(paths: paths, configuration: configuration)
        self.directory = directory
        self.configuration = configuration
        self.paths = paths
        self.lock = opened.lock
        self.index = opened.index
        self.files = opened.files
        self.recovery = opened.recovery
        self.openStatistics = opened.statistics
        self.flusher = CommitFlusher(
            durability: configuration.durability, durablePosition: opened.index.lastPosition)
        flusher.start()
    }

    deinit {
        guard case .open = state else { return }
        // Dropped without close(): stop the flusher and let a queued checkpoint finish before
        // the descriptors it may sync are closed. No checkpoint is written here.
        flusher.stop()
        checkpointQueue.sync {}
        for file in files { file.close() }
        lock?.release()
    }

    /// Opens the journal, retrying while another store holds the lock, for up to
    /// ``Configuration/lockWait``; a read-only open retries once when a writer changed the files
    /// under it (an erasure rewrites segments after dropping the checkpoint it read).
    private static func open(paths: StorePaths, configuration: Configuration) async throws
        -> OpenedJournal
    {
        let mode = OpenMode(
            writable: !configuration.readOnly, lockOwner: configuration.lockOwner)
        let clock = ContinuousClock()
        let deadline = clock.now + configuration.lockWait
        var pause = Duration.milliseconds(5)
        var retriedChange = false
        while true {
            do {
                return try JournalLoader.open(paths: paths, mode: mode)
            } catch let error as EventStoreError
                where error.code == .missingRecords && configuration.readOnly && !retriedChange
            {
                retriedChange = true
                try await Task.sleep(for: .milliseconds(50))
            } catch var error as EventStoreError where error.code == .directoryLocked {
                let now = clock.now
                guard now < deadline else {
                    if configuration.lockWait > .zero {
                        error.message += " (waited \(configuration.lockWait))"
                    }
                    throw error
                }
                // Jittered, growing pauses, so many waiting processes do not retry in step.
                let jitter = Double.random(in: 0.5...1.5)
                try await Task.sleep(for: min(pause * jitter, deadline - now))
                pause = min(pause * 2, .milliseconds(100))
            }
        }
    }

    // MARK: Appending

    /// Appends events to one or more lead streams, atomically, and returns once they are as
    /// durable as ``durability`` promises.
    ///
    /// The events are encoded on the caller's task; the actor checks expected versions and
    /// idempotency keys, writes all new records with one `write(2)`, and is free for the next
    /// appender while this one waits for its `fsync`.
    ///
    /// - Parameter requests: the events per lead, with the expected version of each stream.
    /// - Returns: one result per request, in order.
    /// - Throws: ``LeadModel/EventStoreError`` — `versionConflict` (nothing appended), `invalidRequest`
    ///   for an event of another lead, `io` when writing or syncing fails (after a failed sync
    ///   the store refuses further appends), `closed` after ``close()``.
    public nonisolated func append(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        // Encoding is the costly part of an append; it runs here, off the actor.
        let encoded = requests.map { EncodedEvents($0.events) }
        return try await commit(requests, encoded: encoded)
    }

    /// Plans, writes and registers one append call, then waits for its durability.
    private func commit(_ requests: [AppendRequest], encoded: [EncodedEvents]) async throws
        -> [AppendResult]
    {
        try checkWritable()
        let plan = try AppendPlan(
            requests, nextPosition: JournalPosition(index.lastPosition + 1),
            version: { index.version(of: $0) },
            recordedPosition: { key in
                try index.position(forKey: key, storedKey: storedKey(at:)).map { JournalPosition($0) }
            })
        if let lastNew = plan.lastNew {
            try write(requests, encoded: encoded, plan: plan, lastNew: lastNew.rawValue)
        }
        // A duplicate may point at an event another appender wrote but has not yet seen synced.
        let newest = plan.entries.lazy.flatMap { $0.positions }.max()?.rawValue ?? 0
        try await flusher.waitUntilDurable(newest)
        return plan.results(for: requests)
    }

    /// Frames the fresh events, writes them with one `write(2)` and indexes them.
    private func write(
        _ requests: [AppendRequest], encoded: [EncodedEvents], plan: AppendPlan, lastNew: UInt64
    ) throws {
        let firstNew = plan.firstNew.rawValue
        var buffer: [UInt8] = []
        buffer.reserveCapacity(
            encoded.reduce(0) { $0 + $1.bytes.count }
                + SegmentFormat.frameHeaderSize * Int(lastNew - firstNew + 1))
        var frameOffsets: [Int] = []
        for (number, entry) in plan.entries.enumerated() {
            for (slot, isFresh) in entry.fresh.enumerated() where isFresh {
                let position = entry.positions[slot].rawValue
                frameOffsets.append(buffer.count)
                encoded[number].withPayload(slot) { payload in
                    SegmentFormat.appendFrame(
                        position: position, commits: position == lastNew, payload: payload,
                        to: &buffer)
                }
            }
        }
        if index.segments[index.segments.count - 1].size > UInt64(SegmentFormat.headerSize),
            index.segments[index.segments.count - 1].size + UInt64(buffer.count)
                > configuration.effectiveSegmentSize
        {
            try rollSegment(firstPosition: firstNew)
        }
        let segment = index.segments.count - 1
        let file = files[segment]
        let start = index.segments[segment].size
        do {
            try file.write(buffer, at: start)
        } catch {
            // Remove whatever part was written so the next append starts on a clean frame.
            try? file.truncate(to: start)
            throw error
        }
        index.segments[segment].size = start + UInt64(buffer.count)
        var frame = 0
        for (number, request) in requests.enumerated() {
            let entry = plan.entries[number]
            for (slot, event) in request.events.enumerated() where entry.fresh[slot] {
                index.add(
                    position: entry.positions[slot].rawValue, offset: start + UInt64(frameOffsets[frame]),
                    lead: event.leadID, key: event.idempotencyKey)
                frame += 1
            }
        }
        flusher.noteWritten(upTo: lastNew, in: file)
        eventsSinceCheckpoint += Int(lastNew - firstNew + 1)
        if configuration.indexCheckpointInterval > 0,
            eventsSinceCheckpoint >= configuration.indexCheckpointInterval
        {
            scheduleCheckpoint()
        }
    }

    /// Starts a new segment whose first record will be `firstPosition`.
    private func rollSegment(firstPosition: UInt64) throws {
        let file = try JournalLoader.createSegment(paths: paths, firstPosition: firstPosition)
        files.append(file)
        index.segments.append(
            .init(firstPosition: firstPosition, size: UInt64(SegmentFormat.headerSize)))
    }

    /// Throws unless the store is open, writable and healthy.
    func checkWritable() throws {
        guard case .open = state else {
            throw EventStoreError(.closed, "the store was closed; open a new FileEventStore")
        }
        if configuration.readOnly {
            throw EventStoreError(
                .readOnly,
                "the store was opened read-only; open it without readOnly (which takes the "
                    + "directory's lock) to write",
                path: paths.root)
        }
        try flusher.checkHealthy()
    }

    /// The idempotency key of the stored event at `position`.
    private func storedKey(at position: UInt64) throws -> String? {
        let chunk = try rawRecords(positions: position...position)
        return try chunk.decode().first?.idempotencyKey
    }

    // MARK: Reading

    /// Reads up to `limit` durable events in journal order, starting at `position`, from disk.
    ///
    /// - Parameters:
    ///   - position: the first position to read; positions before 1 read from the start.
    ///   - limit: the most events to return.
    /// - Returns: the events with their positions; empty past the end.
    /// - Throws: ``LeadModel/EventStoreError`` — `corruptRecord` naming file and offset when a record
    ///   fails its checksum, `io`, or `closed` after ``close()``.
    public nonisolated func read(from position: JournalPosition, limit: Int) async throws
        -> [LeadEvent]
    {
        // Only the `pread` runs on the actor; checking and decoding run off it, a large read
        // split across the cores. Pages of `events(from:)` are smaller than a split: it reads
        // several ahead at once instead, which spares joining the parts.
        let parts = try await rawRecords(from: position, limit: limit).flatMap {
            $0.split(into: Self.decodingParallelism)
        }
        if parts.count <= 1 { return try parts.first?.decode() ?? [] }
        var decoded = try await withThrowingTaskGroup(of: (Int, [LeadEvent]).self) { group in
            for (index, part) in parts.enumerated() {
                group.addTask { (index, try part.decode()) }
            }
            var results = [[LeadEvent]](repeating: [], count: parts.count)
            for try await (index, events) in group { results[index] = events }
            return results
        }
        // The first part becomes the result (moved, not copied); the others are appended.
        var events: [LeadEvent] = []
        swap(&events, &decoded[0])
        events.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in decoded.dropFirst() { events.append(contentsOf: part) }
        return events
    }

    /// Every durable event of one lead's stream, oldest first, found through the per-lead index.
    ///
    /// - Parameter id: the lead.
    /// - Returns: the events; empty for an unknown lead.
    /// - Throws: ``LeadModel/EventStoreError`` — `corruptRecord`, `io`, or `closed` after ``close()``.
    public nonisolated func events(forLead id: LeadID) async throws -> [LeadEvent] {
        let chunks = try await rawRecords(forLead: id)
        var events: [LeadEvent] = []
        for chunk in chunks { events.append(contentsOf: try chunk.decode()) }
        return events
    }

    /// How many parts a large read is decoded in at once.
    static let decodingParallelism = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    /// The last position readers may see: durable and indexed.
    private var visiblePosition: UInt64 { min(index.lastPosition, flusher.durablePosition) }

    private func rawRecords(from position: JournalPosition, limit: Int) throws -> [RawRecords] {
        try checkReadable()
        let first = max(position.rawValue, 1)
        let last = min(visiblePosition, first &+ UInt64(max(limit, 0)) &- 1)
        guard limit > 0, first <= last else { return [] }
        var chunks: [RawRecords] = []
        var start = first
        while start <= last {
            let segment = index.segmentIndex(of: start)
            let segmentEnd =
                segment + 1 < index.segments.count
                ? index.segments[segment + 1].firstPosition - 1 : index.lastPosition
            let end = min(last, segmentEnd)
            chunks.append(try rawRecords(positions: start...end))
            start = end + 1
        }
        return chunks
    }

    private func rawRecords(forLead id: LeadID) throws -> [RawRecords] {
        try checkReadable()
        let visible = visiblePosition
        var chunks: [RawRecords] = []
        var run: ClosedRange<UInt64>?
        for position in index.streams[id] ?? [] where position <= visible {
            if let current = run, current.upperBound + 1 == position,
                index.segmentIndex(of: position) == index.segmentIndex(of: current.lowerBound)
            {
                run = current.lowerBound...position
            } else {
                if let current = run { chunks.append(try rawRecords(positions: current)) }
                run = position...position
            }
        }
        if let current = run { chunks.append(try rawRecords(positions: current)) }
        return chunks
    }

    /// The bytes of consecutive records, all in one segment, read with one `pread`.
    func rawRecords(positions: ClosedRange<UInt64>) throws -> RawRecords {
        let (segment, firstRange) = index.location(of: positions.lowerBound)
        let end = index.location(of: positions.upperBound).range.upperBound
        let file = files[segment]
        let bytes = try file.read(
            count: Int(end - firstRange.lowerBound), at: firstRange.lowerBound)
        return RawRecords(
            path: file.path, offset: firstRange.lowerBound, firstPosition: positions.lowerBound,
            count: positions.count, bytes: bytes)
    }

    func checkReadable() throws {
        guard case .open = state else {
            throw EventStoreError(.closed, "the store was closed; open a new FileEventStore")
        }
    }

    // MARK: Closing

    /// Waits for pending appends to become durable, writes an index checkpoint, and releases the
    /// directory. Later calls throw ``LeadModel/EventStoreError`` with code `closed`; closing twice is a
    /// no-op.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io` when the final sync fails.
    public func close() async throws {
        guard case .open = state else { return }
        var failure: (any Error)?
        // Wait until everything written is durable, with no append slipping in after the wait.
        while true {
            let last = index.lastPosition
            do { try await flusher.waitUntilDurable(last) } catch {
                failure = error
                break
            }
            if index.lastPosition == last { break }
        }
        guard case .open = state else { return }
        state = .closed
        flusher.stop()
        if configuration.readOnly {
            for file in files { file.close() }
            return
        }
        for file in files {
            do { try file.sync() } catch { failure = failure ?? error }
        }
        if failure == nil {
            let bytes = checkpointBytes()
            checkpointQueue.sync {
                try? FileSystem.writeAtomically(bytes, to: paths.checkpoint, directory: paths.root)
            }
        } else {
            checkpointQueue.sync {}
        }
        for file in files { file.close() }
        lock?.release()
        if let failure { throw failure }
    }

    // MARK: Index checkpoints

    /// The current index, serialised.
    func checkpointBytes() -> [UInt8] {
        var checksum: UInt32 = 0
        if index.lastPosition > 0,
            let record = try? rawRecords(positions: index.lastPosition...index.lastPosition)
        {
            checksum = record.bytes.withUnsafeBytes { SegmentFormat.uint32($0, at: 4) }
        }
        return IndexCheckpoint.encode(index, lastChecksum: checksum)
    }

    /// Serialises the index here and writes it on the checkpoint queue, off the actor.
    ///
    /// The queue first syncs the segments the newest records are in, so a checkpoint never
    /// covers records that a power loss could take away. Segment descriptors stay open until
    /// ``close()`` or an erasure, and both wait for the queue before closing any.
    private func scheduleCheckpoint() {
        eventsSinceCheckpoint = 0
        let bytes = checkpointBytes()
        let paths = paths
        let recent = Array(files.suffix(2))
        checkpointQueue.async {
            // Best effort: a missing or stale checkpoint only makes the next open scan more.
            do {
                for file in recent { try file.sync() }
                try FileSystem.writeAtomically(bytes, to: paths.checkpoint, directory: paths.root)
            } catch {}
        }
    }

    /// Removes the index checkpoint, after waiting for a pending write of it.
    func dropCheckpoint() throws {
        checkpointQueue.sync {}
        eventsSinceCheckpoint = 0
        try FileSystem.remove(paths.checkpoint)
        try FileSystem.syncDirectory(paths.root)
    }
}
