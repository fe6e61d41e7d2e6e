import Dispatch
import LeadModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileEventStore {
    /// Removes a lead's personal data from every file of the store, then records the erasure.
    ///
    /// Every segment holding one of the lead's events is rewritten with the redacted events (see
    /// ``LeadModel/LeadEvent/redactingPersonalData()``) at the same positions: the new segment is written
    /// to a temporary file, synced and renamed over the old one, and the directory is synced, so
    /// a crash leaves either the old or the new segment, never a mix. The index checkpoint and
    /// every projection snapshot are removed, since they may hold personal data; then `erasure`
    /// is appended. A crash before that append leaves some segments redacted and no erasure
    /// event: erase again (it is idempotent).
    ///
    /// Appends wait while the segments are rewritten.
    ///
    /// - Parameters:
    ///   - id: the lead to erase.
    ///   - erasure: the event to append afterwards, normally with an ``LeadModel/Erasure`` payload; its
    ///     lead is set to `id` and its idempotency key cleared.
    /// - Returns: the erasure event as appended, with its position.
    /// - Throws: ``LeadModel/EventStoreError`` — `unknownLead` when the lead has no events, `corruptRecord`
    ///   or `io` when a segment cannot be read or rewritten, `closed` after ``close()``.
    public func erase(lead id: LeadID, recording erasure: LeadEvent) async throws -> LeadEvent {
        try checkWritable()
        guard let known = index.streams[id], !known.isEmpty else {
            throw EventStoreError(.unknownLead, "no events to erase", leadID: id)
        }
        let previousErasure = lastErasure
        lastErasure = .max  // refuse snapshots until the erasure event has its position
        do {
            // Rewrite only what is durable, and without suspending until the rewrite is done, so
            // no append slips in between.
            while true {
                let written = index.lastPosition
                try await flusher.waitUntilDurable(written)
                try checkWritable()
                if index.lastPosition == written { break }
            }
            // The checkpoint goes first (and no queued one may still use a descriptor closed
            // below): once a segment is rewritten shorter, a checkpoint vouching for its old
            // length would make the next open report the redacted bytes as missing records.
            try dropCheckpoint()
            try rewriteSegments(erasing: Set(index.streams[id] ?? []))
            try dropSnapshots()
        } catch {
            lastErasure = previousErasure
            throw error
        }

        var event = erasure
        event.leadID = id
        event.idempotencyKey = nil
        let result = try await append([AppendRequest(leadID: id, events: [event])])
        event.position = result[0].positions[0]
        lastErasure = result[0].positions[0].rawValue
        return event
    }

    /// Rewrites each segment holding one of `positions` with those events redacted.
    private func rewriteSegments(erasing positions: Set<UInt64>) throws {
        let bySegment = Dictionary(grouping: positions) { index.segmentIndex(of: $0) }
        for segment in bySegment.keys.sorted() {
            let first = index.segments[segment].firstPosition
            let last =
                segment + 1 < index.segments.count
                ? index.segments[segment + 1].firstPosition - 1 : index.lastPosition
            let file = files[segment]
            let old = try file.read(count: Int(index.segments[segment].size), at: 0)
            var new = SegmentFormat.header(firstPosition: first)
            new.reserveCapacity(old.count)
            var offsets: [UInt32] = []
            try old.withUnsafeBytes { raw in
                var cursor = SegmentFormat.headerSize
                for position in first...last {
                    guard case .success(let frame) = SegmentFormat.parseFrame(raw, at: cursor),
                        frame.position == position
                    else {
                        throw EventStoreError(
                            .corruptRecord,
                            "the record at position \(position) is damaged; erasure stopped before "
                                + "changing this segment — restore it from a backup and erase again",
                            path: file.path, offset: UInt64(cursor))
                    }
                    offsets.append(UInt32(new.count))
                    if positions.contains(position) {
                        let event = try JournalLoader.decode(
                            UnsafeRawBufferPointer(rebasing: raw[frame.payload]),
                            position: position,
                            path: file.path, offset: UInt64(cursor))
                        if let key = event.idempotencyKey {
                            index.remove(key: key, position: position)
                        }
                        var payload: [UInt8] = []
                        EventCodec.encode(event.redactingPersonalData(), into: &payload)
                        payload.withUnsafeBytes {
                            SegmentFormat.appendFrame(
                                position: position, commits: frame.commits, payload: $0, to: &new)
                        }
                    } else {
                        new.append(contentsOf: raw[cursor..<(cursor + frame.size)])
                    }
                    cursor += frame.size
                }
            }
            let path = paths.segment(first)
            try FileSystem.writeAtomically(new, to: path, directory: paths.segments)
            let isLast = segment == files.count - 1
            let replacement = try FileDescriptor.open(path, flags: isLast ? O_RDWR : O_RDONLY)
            file.close()
            files[segment] = replacement
            index.offsets.replaceSubrange(Int(first - 1)..<Int(last), with: offsets)
            index.segments[segment].size = UInt64(new.count)
        }
    }
}
