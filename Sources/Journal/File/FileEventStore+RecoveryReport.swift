import LeadModel

extension FileEventStore {
    /// The recovery notice: what opening the store cut from the end of the journal.
    ///
    /// A crash can leave the last segment with a torn tail — a record written in part, or the
    /// records of an append call that never finished. None of them was acknowledged, so opening
    /// cuts them and reports it here. Damage anywhere else is not cut: opening throws
    /// ``LeadModel/EventStoreError`` with code `corruptRecord`.
    public struct RecoveryReport: Hashable, Sendable, CustomStringConvertible {
        /// The segment file that was cut, relative to the data directory.
        public var segment: String
        /// The byte offset where the file now ends.
        public var offset: UInt64
        /// How many bytes were cut.
        public var bytesCut: UInt64
        /// Why: a short or failing record, or an unfinished append call.
        public var reason: String
        /// The first position that was cut (the position the next append takes).
        public var position: JournalPosition?

        /// Creates a report.
        ///
        /// - Parameters:
        ///   - segment: the segment file, relative to the data directory.
        ///   - offset: where the file now ends.
        ///   - bytesCut: how many bytes were removed.
        ///   - reason: why they were removed.
        ///   - position: the first position that was cut.
        public init(
            segment: String, offset: UInt64, bytesCut: UInt64, reason: String,
            position: JournalPosition? = nil
        ) {
            self.segment = segment
            self.offset = offset
            self.bytesCut = bytesCut
            self.reason = reason
            self.position = position
        }

        /// The notice as one line for a log.
        public var description: String {
            "recovered \(segment): cut \(bytesCut) bytes at offset \(offset) (\(reason))"
        }
    }

    /// How opening rebuilt the indexes.
    public struct OpenStatistics: Hashable, Sendable {
        /// The last position covered by the index checkpoint that was loaded, or `nil` when the
        /// whole journal was scanned.
        public var checkpointPosition: JournalPosition?
        /// How many records were scanned after the checkpoint (all, without one).
        public var scannedRecords: Int
        /// The number of events in the journal after opening.
        public var eventCount: UInt64
        /// Wall-clock time spent opening.
        public var duration: Duration
    }
}
