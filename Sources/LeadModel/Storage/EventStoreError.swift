/// An error from an ``EventStore``.
///
/// Match on ``code``. Descriptions name the file, offset, lead or position involved and say what
/// to do next; they never contain event payloads (which hold personal data).
public struct EventStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. Opaque so that codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A lead's stream did not have the expected version; nothing was appended.
        public static let versionConflict = Code("versionConflict")
        /// Another process owns the data directory.
        public static let directoryLocked = Code("directoryLocked")
        /// A record failed its checksum or framing check somewhere other than the torn tail.
        public static let corruptRecord = Code("corruptRecord")
        /// A file was written by an unknown (newer) format version.
        public static let unsupportedFormat = Code("unsupportedFormat")
        /// An operating-system call failed.
        public static let io = Code("io")
        /// The request itself is malformed (an event for another lead, an empty id).
        public static let invalidRequest = Code("invalidRequest")
        /// The lead has no events in this store.
        public static let unknownLead = Code("unknownLead")
        /// The store was closed.
        public static let closed = Code("closed")
        /// Records the journal vouches for are gone: a segment the index checkpoint names is
        /// missing or shorter than it was, or a cut would remove more than an unfinished append.
        /// ``EventStoreError/expectedLength``, ``EventStoreError/foundLength`` and
        /// ``EventStoreError/position`` say how much and from where.
        public static let missingRecords = Code("missingRecords")
        /// A journal file or folder is a symbolic link (or not a regular file); it was refused,
        /// not followed.
        public static let unsafePath = Code("unsafePath")
        /// The store was opened read-only and the call would write.
        public static let readOnly = Code("readOnly")
    }

    public var code: Code
    /// What happened and what to do next.
    public var message: String
    /// The lead concerned, when there is one.
    public var leadID: LeadID?
    /// The file concerned, when there is one.
    public var path: String?
    /// The byte offset in ``path`` concerned, when there is one.
    public var offset: UInt64?
    /// The journal position concerned (for `missingRecords`, the first record that is gone).
    public var position: JournalPosition?
    /// For `missingRecords`: the length in bytes ``path`` should have at least.
    public var expectedLength: UInt64?
    /// For `missingRecords`: the length in bytes ``path`` has (0 when it is missing).
    public var foundLength: UInt64?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - message: what happened and what to do next, without personal data.
    ///   - leadID: the lead concerned.
    ///   - path: the file concerned.
    ///   - offset: the byte offset in `path` concerned.
    ///   - position: the journal position concerned.
    ///   - expectedLength: the length `path` should have.
    ///   - foundLength: the length `path` has.
    public init(
        _ code: Code, _ message: String, leadID: LeadID? = nil, path: String? = nil,
        offset: UInt64? = nil, position: JournalPosition? = nil, expectedLength: UInt64? = nil,
        foundLength: UInt64? = nil
    ) {
        self.code = code
        self.message = message
        self.leadID = leadID
        self.path = path
        self.offset = offset
        self.position = position
        self.expectedLength = expectedLength
        self.foundLength = foundLength
    }

    public var description: String {
        var text = message
        if let leadID { text += " (lead \(leadID))" }
        if let path { text += " [\(path)\(offset.map { " @\($0)" } ?? "")]" }
        return text
    }
}
