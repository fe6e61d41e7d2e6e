import LeadModel

/// A saved copy of the store's ``JournalIndex``, so that reopening a large journal reads the
/// index and scans only the records appended after it instead of the whole journal.
///
/// Layout (little-endian): magic "ACCIDX01", format version u32, 0 u32, the covered last position
/// u64, the covered record's checksum u32; the segments (count, then first position and size);
/// the offsets; the streams (lead id and positions); the key hashes; the colliding keys; then a
/// CRC-32C of everything before it. A checkpoint that fails any check is ignored and the journal
/// is scanned in full.
enum IndexCheckpoint {
    /// The checkpoint's file name inside the data directory.
    static let fileName = "index.checkpoint"
    private static let magic: [UInt8] = Array("ACCIDX01".utf8)
    private static let version: UInt32 = 1

    /// Serialises `index`; `lastChecksum` is the stored CRC of its last record (0 when empty).
    static func encode(_ index: JournalIndex, lastChecksum: UInt32) -> [UInt8] {
        var bytes = magic
        bytes.reserveCapacity(64 + index.offsets.count * 24)
        SegmentFormat.put(version, into: &bytes)
        SegmentFormat.put(UInt32(0), into: &bytes)
        SegmentFormat.put(index.lastPosition, into: &bytes)
        SegmentFormat.put(lastChecksum, into: &bytes)
        SegmentFormat.put(UInt64(index.segments.count), into: &bytes)
        for segment in index.segments {
            SegmentFormat.put(segment.firstPosition, into: &bytes)
            SegmentFormat.put(segment.size, into: &bytes)
        }
        SegmentFormat.put(UInt64(index.offsets.count), into: &bytes)
        for offset in index.offsets { SegmentFormat.put(offset, into: &bytes) }
        SegmentFormat.put(UInt64(index.streams.count), into: &bytes)
        for (lead, positions) in index.streams {
            putString(lead.rawValue, into: &bytes)
            SegmentFormat.put(UInt64(positions.count), into: &bytes)
            for position in positions { SegmentFormat.put(position, into: &bytes) }
        }
        SegmentFormat.put(UInt64(index.keyHashes.count), into: &bytes)
        for (hash, position) in index.keyHashes {
            SegmentFormat.put(hash, into: &bytes)
            SegmentFormat.put(position, into: &bytes)
        }
        SegmentFormat.put(UInt64(index.keyOverflow.count), into: &bytes)
        for (key, position) in index.keyOverflow {
            putString(key, into: &bytes)
            SegmentFormat.put(position, into: &bytes)
        }
        SegmentFormat.put(CRC32C.checksum(bytes), into: &bytes)
        return bytes
    }

    /// The index in `bytes` and the checksum of its last record, or `nil` when the checkpoint is
    /// damaged or of another version.
    static func decode(_ bytes: [UInt8]) -> (index: JournalIndex, lastChecksum: UInt32)? {
        guard bytes.count >= magic.count + 28, bytes.starts(with: magic) else { return nil }
        return bytes.withUnsafeBytes { raw -> (JournalIndex, UInt32)? in
            let body = UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 4)])
            guard CRC32C.checksum(body) == SegmentFormat.uint32(raw, at: raw.count - 4) else {
                return nil
            }
            var reader = Reader(bytes: body, offset: magic.count)
            guard let format = reader.uint32(), format == version, reader.uint32() != nil,
                let last = reader.uint64(), let checksum = reader.uint32()
            else { return nil }
            var index = JournalIndex()
            guard let segmentCount = reader.count(each: 16) else { return nil }
            for _ in 0..<segmentCount {
                guard let first = reader.uint64(), let size = reader.uint64() else { return nil }
                index.segments.append(.init(firstPosition: first, size: size))
            }
            guard let offsetCount = reader.count(each: 4), UInt64(offsetCount) == last else {
                return nil
            }
            index.offsets.reserveCapacity(offsetCount)
            for _ in 0..<offsetCount {
                guard let offset = reader.uint32() else { return nil }
                index.offsets.append(offset)
            }
            guard let streamCount = reader.count(each: 12) else { return nil }
            index.streams.reserveCapacity(streamCount)
            for _ in 0..<streamCount {
                guard let lead = reader.string(), let count = reader.count(each: 8) else {
                    return nil
                }
                var positions: [UInt64] = []
                positions.reserveCapacity(count)
                for _ in 0..<count {
                    guard let position = reader.uint64(), position >= 1, position <= last else {
                        return nil
                    }
                    positions.append(position)
                }
                index.streams[LeadID(lead)] = positions
            }
            guard let hashCount = reader.count(each: 16) else { return nil }
            index.keyHashes.reserveCapacity(hashCount)
            for _ in 0..<hashCount {
                guard let hash = reader.uint64(), let position = reader.uint64() else { return nil }
                index.keyHashes[hash] = position
            }
            guard let overflowCount = reader.count(each: 12) else { return nil }
            for _ in 0..<overflowCount {
                guard let key = reader.string(), let position = reader.uint64() else { return nil }
                index.keyOverflow[key] = position
            }
            guard reader.offset == body.count else { return nil }
            return (index, checksum)
        }
    }

    private static func putString(_ string: String, into bytes: inout [UInt8]) {
        let utf8 = Array(string.utf8)
        SegmentFormat.put(UInt32(utf8.count), into: &bytes)
        bytes.append(contentsOf: utf8)
    }

    /// A bounds-checked cursor over the checkpoint's bytes.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        mutating func uint32() -> UInt32? {
            guard bytes.count - offset >= 4 else { return nil }
            defer { offset += 4 }
            return SegmentFormat.uint32(bytes, at: offset)
        }

        mutating func uint64() -> UInt64? {
            guard bytes.count - offset >= 8 else { return nil }
            defer { offset += 8 }
            return SegmentFormat.uint64(bytes, at: offset)
        }

        /// A count of items of at least `each` bytes, rejected when they cannot fit.
        mutating func count(each: Int) -> Int? {
            guard let value = uint64(), value <= UInt64(bytes.count - offset) / UInt64(each) else {
                return nil
            }
            return Int(value)
        }

        mutating func string() -> String? {
            guard let length = uint32().map(Int.init), bytes.count - offset >= length else {
                return nil
            }
            defer { offset += length }
            return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
        }
    }
}
