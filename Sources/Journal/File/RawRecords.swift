import LeadModel

/// Consecutive records of one segment as read from disk, checked and decoded off the actor.
struct RawRecords: Sendable {
    /// The segment file, for errors.
    var path: String
    /// The file offset of ``bytes``.
    var offset: UInt64
    /// The position of the first record.
    var firstPosition: UInt64
    /// How many records ``bytes`` holds.
    var count: Int
    /// The framed records.
    var bytes: [UInt8]

    /// The events, after checking each frame's checksum and position.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `corruptRecord`, naming the file and offset.
    func decode() throws -> [LeadEvent] {
        try bytes.withUnsafeBytes { raw in
            var events: [LeadEvent] = []
            events.reserveCapacity(count)
            var cursor = 0
            for expected in firstPosition..<(firstPosition + UInt64(count)) {
                let at = offset + UInt64(cursor)
                guard case .success(let frame) = SegmentFormat.parseFrame(raw, at: cursor) else {
                    throw EventStoreError(
                        .corruptRecord,
                        "the record at position \(expected) fails its checksum; the file was "
                            + "damaged after it was written — restore it from a backup",
                        path: path, offset: at)
                }
                guard frame.position == expected else {
                    throw EventStoreError(
                        .corruptRecord,
                        "the record at this offset has position \(frame.position), not \(expected)",
                        path: path, offset: at)
                }
                events.append(
                    try JournalLoader.decode(
                        UnsafeRawBufferPointer(rebasing: raw[frame.payload]), position: expected,
                        path: path, offset: at))
                cursor += frame.size
            }
            return events
        }
    }
}

extension RawRecords {
    /// The records split into up to `parts` runs of consecutive records, cut at frame
    /// boundaries, so that large reads can be checked and decoded on several cores.
    ///
    /// Records are split only when each part gets at least `minimumRecords`: below that, joining
    /// the decoded parts costs more than it saves, and `events(from:)` reads its pages (4,096 or
    /// 8,192 events) several at a time instead.
    ///
    /// Only the length fields are read here; ``decode()`` checks every frame. A frame whose length
    /// runs past the buffer ends the split, leaving the damage to the last part's `decode()`.
    func split(into parts: Int, minimumRecords: Int = 8_192) -> [RawRecords] {
        guard parts > 1, count >= parts * minimumRecords else { return [self] }
        let perPart = (count + parts - 1) / parts
        var result: [RawRecords] = []
        bytes.withUnsafeBytes { raw in
            var cursor = 0
            var first = firstPosition
            var remaining = count
            while remaining > 0 {
                let take = result.count == parts - 1 ? remaining : min(perPart, remaining)
                var end = cursor
                for _ in 0..<take {
                    guard raw.count - end >= SegmentFormat.frameHeaderSize else {
                        end = raw.count
                        break
                    }
                    end += SegmentFormat.frameHeaderSize + Int(SegmentFormat.uint32(raw, at: end))
                }
                if end >= raw.count || remaining == take {
                    end = raw.count
                    result.append(
                        RawRecords(
                            path: path, offset: offset + UInt64(cursor), firstPosition: first,
                            count: remaining, bytes: Array(raw[cursor..<end])))
                    return
                }
                result.append(
                    RawRecords(
                        path: path, offset: offset + UInt64(cursor), firstPosition: first, count: take,
                        bytes: Array(raw[cursor..<end])))
                cursor = end
                first += UInt64(take)
                remaining -= take
            }
        }
        return result
    }
}

/// The encoded payloads of one request's events, made before the append reaches the actor.
struct EncodedEvents: Sendable {
    /// All payloads, back to back.
    var bytes: [UInt8] = []
    /// Where each event's payload ends in ``bytes``.
    var ends: [Int] = []

    /// Encodes `events` with ``EventCodec``.
    init(_ events: [LeadEvent]) {
        for event in events {
            EventCodec.encode(event, into: &bytes)
            ends.append(bytes.count)
        }
    }

    /// Calls `body` with the payload of event `slot`.
    func withPayload<R>(_ slot: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = slot == 0 ? 0 : ends[slot - 1]
        return try bytes.withUnsafeBytes {
            try body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[slot]]))
        }
    }
}
