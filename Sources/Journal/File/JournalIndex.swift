import LeadModel

/// The file store's in-memory indexes, rebuilt on open from the segments (or loaded from an index
/// checkpoint): where each record lies, each lead's positions, and the idempotency keys.
///
/// Memory per event is about 4 bytes of offset, 8 of stream entry and 16 per idempotency key:
/// keys are kept as 64-bit hashes and verified against the stored event on a hit, with the rare
/// colliding key kept in full.
struct JournalIndex: Sendable, Equatable {
    /// One segment file, in journal order.
    struct Segment: Sendable, Equatable {
        /// The position of the segment's first record (also its file name).
        var firstPosition: UInt64
        /// The bytes of the file that hold complete records (header included).
        var size: UInt64
    }

    /// Every segment, ordered by first position.
    var segments: [Segment] = []
    /// The offset of each record within its segment; index `position - 1`.
    var offsets: [UInt32] = []
    /// Each lead's positions, oldest first.
    var streams: [LeadID: [UInt64]] = [:]
    /// The position first recorded with each idempotency key, by the key's hash.
    var keyHashes: [UInt64: UInt64] = [:]
    /// Keys whose hash collided with an earlier, different key.
    var keyOverflow: [String: UInt64] = [:]

    /// The position of the last record, 0 when empty.
    var lastPosition: UInt64 { UInt64(offsets.count) }

    /// The number of events in a lead's stream.
    func version(of lead: LeadID) -> Int { streams[lead]?.count ?? 0 }

    /// The index of the segment holding `position` (which must exist).
    func segmentIndex(of position: UInt64) -> Int {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].firstPosition <= position {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }

    /// Where the record at `position` lies: its segment index and byte range in that file.
    func location(of position: UInt64) -> (segment: Int, range: Range<UInt64>) {
        let segment = segmentIndex(of: position)
        let start = UInt64(offsets[Int(position - 1)])
        let isLastInSegment =
            position == lastPosition
            || (segment + 1 < segments.count && segments[segment + 1].firstPosition == position + 1)
        let end = isLastInSegment ? segments[segment].size : UInt64(offsets[Int(position)])
        return (segment, start..<end)
    }

    /// Records a new event at `position` (the next one), stored at `offset` of the last segment.
    mutating func add(position: UInt64, offset: UInt64, lead: LeadID, key: String?) {
        offsets.append(UInt32(offset))
        streams[lead, default: []].append(position)
        if let key { insert(key: key, position: position) }
    }

    /// Remembers that `key` was first recorded at `position`.
    mutating func insert(key: String, position: UInt64) {
        let hash = KeyHash.of(key)
        if keyHashes[hash] == nil {
            keyHashes[hash] = position
        } else {
            keyOverflow[key] = position
        }
    }

    /// Forgets `key`, recorded at `position` (erasure).
    mutating func remove(key: String, position: UInt64) {
        if keyOverflow[key] == position {
            keyOverflow[key] = nil
        } else if keyHashes[KeyHash.of(key)] == position {
            keyHashes[KeyHash.of(key)] = nil
        }
    }

    /// The position first recorded with `key`, if any.
    ///
    /// - Parameter storedKey: reads the idempotency key of the event at a position, to tell a
    ///   real hit from a hash collision.
    /// - Throws: what `storedKey` throws.
    func position(
        forKey key: String, storedKey: (UInt64) throws -> String?
    ) throws -> UInt64? {
        if let position = keyOverflow[key] { return position }
        guard let position = keyHashes[KeyHash.of(key)] else { return nil }
        return try storedKey(position) == key ? position : nil
    }
}

/// A stable 64-bit hash of idempotency keys (FNV-1a with a final mix). Unlike `Hasher`, it is
/// the same in every process, so hashes can be saved in index checkpoints.
enum KeyHash {
    /// The hash of `key`'s UTF-8 bytes.
    static func of(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
