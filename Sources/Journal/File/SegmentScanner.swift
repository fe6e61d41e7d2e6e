import LeadModel

/// Walks the records of one segment, checking framing, checksums, position order and commit
/// markers, and decides whether a bad ending is a torn tail (cut it) or corruption (refuse).
struct SegmentScanner {
    /// One checked record.
    struct Record {
        /// The journal position.
        var position: UInt64
        /// The frame's offset in the segment file.
        var offset: UInt64
        /// The payload, within the scanned bytes.
        var payload: Range<Int>
    }

    /// What the scan found at the end of the segment.
    struct Outcome {
        /// The end of the last complete append call: the size the file should have.
        var validEnd: UInt64
        /// The next position after the last committed record.
        var nextPosition: UInt64
        /// Why the bytes after ``validEnd`` (if any) are not part of the journal.
        var tornReason: String?
    }

    /// The segment's path, for errors.
    let path: String

    /// Scans `bytes`, which hold the segment file from byte `base` to its end.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes from `base` on.
    ///   - base: the file offset of `bytes[0]` (just after the header, or a checkpoint's end).
    ///   - expected: the position the first record must have.
    ///   - isLast: whether this is the last segment, the only one that may have a torn tail.
    ///   - commit: called with each append call's records once its last record is seen.
    /// - Throws: ``LeadModel/EventStoreError`` with code `corruptRecord` naming the file and offset, or
    ///   what `commit` throws.
    func scan(
        _ bytes: UnsafeRawBufferPointer, base: UInt64, expected: UInt64, isLast: Bool,
        commit: ([Record]) throws -> Void
    ) throws -> Outcome {
        var offset = 0
        var next = expected
        var pending: [Record] = []
        var committedEnd = 0
        var committedNext = expected
        while offset < bytes.count {
            switch SegmentFormat.parseFrame(bytes, at: offset) {
            case .success(let frame):
                guard frame.position == next else {
                    throw corruption(
                        "a record has position \(frame.position) where \(next) was expected",
                        at: base + UInt64(offset))
                }
                pending.append(
                    Record(position: next, offset: base + UInt64(offset), payload: frame.payload))
                next += 1
                offset += frame.size
                if frame.commits {
                    try commit(pending)
                    pending.removeAll(keepingCapacity: true)
                    committedEnd = offset
                    committedNext = next
                }
            case .failure(let problem):
                let reason: String
                switch problem {
                case .short: reason = "a record is incomplete"
                case .badLength: reason = "a record has an impossible length"
                case .badChecksum: reason = "a record fails its checksum"
                }
                guard isLast else {
                    throw corruption(
                        reason + " in a segment that is not the last", at: base + UInt64(offset))
                }
                if let later = validFrame(in: bytes, after: offset, minimumPosition: next) {
                    throw corruption(
                        reason + ", yet a valid record follows at offset \(base + UInt64(later))",
                        at: base + UInt64(offset))
                }
                return Outcome(
                    validEnd: base + UInt64(committedEnd), nextPosition: committedNext,
                    tornReason: committedEnd == offset
                        ? "torn tail: " + reason
                        : "torn tail: an unfinished append call, then " + reason)
            }
        }
        guard pending.isEmpty else {
            guard isLast else {
                throw corruption(
                    "the segment ends inside an append call but is not the last",
                    at: base + UInt64(committedEnd))
            }
            return Outcome(
                validEnd: base + UInt64(committedEnd), nextPosition: committedNext,
                tornReason: "torn tail: an append call that did not finish")
        }
        return Outcome(validEnd: base + UInt64(offset), nextPosition: next, tornReason: nil)
    }

    /// The offset of a valid frame after `offset`, if any: proof that the damage is not a tail.
    private func validFrame(
        in bytes: UnsafeRawBufferPointer, after offset: Int, minimumPosition: UInt64
    ) -> Int? {
        let remaining = UInt64(bytes.count - offset)
        var candidate = offset + 1
        while candidate + SegmentFormat.frameHeaderSize <= bytes.count {
            let length = Int(SegmentFormat.uint32(bytes, at: candidate))
            let position =
                SegmentFormat.uint64(bytes, at: candidate + 8) & ~SegmentFormat.commitFlag
            if length <= bytes.count - candidate - SegmentFormat.frameHeaderSize,
                position >= minimumPosition, position <= minimumPosition + remaining,
                case .success = SegmentFormat.parseFrame(bytes, at: candidate)
            {
                return candidate
            }
            candidate += 1
        }
        return nil
    }

    private func corruption(_ what: String, at offset: UInt64) -> EventStoreError {
        EventStoreError(
            .corruptRecord,
            "\(what); the journal is damaged before its end, so it was not opened — restore the "
                + "segment from a backup",
            path: path, offset: offset)
    }
}
