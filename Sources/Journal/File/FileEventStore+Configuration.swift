import LeadModel

extension FileEventStore {
    /// How a ``FileEventStore`` writes: durability, segment size and index checkpoints.
    ///
    /// ```swift
    /// var configuration = FileEventStore.Configuration()
    /// configuration.durability = .fsyncEveryCommit
    /// let store = try await FileEventStore(directory: dataDirectory, configuration: configuration)
    /// ```
    public struct Configuration: Hashable, Sendable {
        /// How durable an acknowledged append is. The default, group commit with a 2 ms window,
        /// survives power loss and lets concurrent appenders share one `fsync`.
        /// ``LeadModel/Durability/memory`` is not a file-store mode and is rejected on open.
        public var durability: Durability
        /// The size in bytes at which the current segment file is closed and a new one started.
        /// One append call never spans two segments, so a large call may exceed it. Clamped to
        /// 4 KiB…4 GiB.
        public var segmentSize: Int
        /// How many appended events between two index checkpoints, which let a reopen skip the
        /// scan of the records they cover; 0 writes one only on ``FileEventStore/close()``.
        public var indexCheckpointInterval: Int
        /// How long opening waits for another store (in this or another process) to release the
        /// directory before it throws `directoryLocked`; zero (the default) does not wait.
        public var lockWait: Duration = .zero
        /// A label for this store's process written into the lock file, so a process waiting
        /// for the lock can say who holds it (a command name such as `accord signal`). Never
        /// put personal data here: other local users' tools may print it.
        public var lockOwner: String = ""
        /// Opens the journal for reading only: without the directory lock, so it works while
        /// another process writes. Opening never cuts, repairs or writes anything (no index
        /// checkpoint, no snapshot), and reads up to the last complete, checksummed append call
        /// it finds; events appended after opening are not seen. Writing calls throw
        /// `readOnly`.
        public var readOnly: Bool = false

        /// The default segment size: 64 MiB.
        public static let defaultSegmentSize = 64 << 20

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - durability: how durable an acknowledged append is.
        ///   - segmentSize: bytes per segment file before rolling to a new one.
        ///   - indexCheckpointInterval: events between index checkpoints (0: only on close).
        public init(
            durability: Durability = .groupCommit(maxLatency: .milliseconds(2)),
            segmentSize: Int = Configuration.defaultSegmentSize,
            indexCheckpointInterval: Int = 250_000
        ) {
            self.durability = durability
            self.segmentSize = segmentSize
            self.indexCheckpointInterval = indexCheckpointInterval
        }

        /// The segment size actually used.
        var effectiveSegmentSize: UInt64 {
            UInt64(min(max(segmentSize, 4096), Int(UInt32.max)))
        }
    }
}
