import LeadModel

/// The byte layout of segment files: a fixed header, then framed records.
///
/// ```
/// header  magic "ACCJRNL1" (8) | format version u32 | header size u32 | first position u64 | 0 u64
/// record  payload length u32 | crc32c u32 | position u64 | payload
/// ```
/// All integers are little-endian. The CRC-32C covers the position field and the payload. Bit 63
/// of the position field marks the last record of one `append` call: records after the last
/// marked one are an unfinished call and are cut on recovery, so a call is all-or-nothing.
enum SegmentFormat {
    /// The first eight bytes of every segment.
    static let magic: [UInt8] = Array("ACCJRNL1".utf8)
    /// The version this code writes and the newest it reads.
    static let formatVersion: UInt32 = 1
    /// The size of the segment header.
    static let headerSize = 32
    /// The size of a record's frame before its payload.
    static let frameHeaderSize = 16
    /// The largest payload accepted; a larger length field is corruption.
    static let maxPayloadSize = 1 << 30
    /// The position bit that marks the last record of an append call.
    static let commitFlag: UInt64 = 1 << 63
    /// The segment file name suffix.
    static let fileExtension = ".seg"

    /// The file name of the segment whose first record has `position`.
    static func fileName(firstPosition: UInt64) -> String {
        let digits = String(firstPosition)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + fileExtension
    }

    /// The first position encoded in a segment file name, or `nil` for another file.
    static func firstPosition(fileName: String) -> UInt64? {
        guard fileName.hasSuffix(fileExtension) else { return nil }
        let digits = fileName.dropLast(fileExtension.count)
        guard digits.count == 20, digits.allSatisfy(\.isASCII) else { return nil }
        return UInt64(digits)
    }

    /// The header of a new segment.
    static func header(firstPosition: UInt64) -> [UInt8] {
        var bytes = magic
        put(formatVersion, into: &bytes)
        put(UInt32(headerSize), into: &bytes)
        put(firstPosition, into: &bytes)
        put(UInt64(0), into: &bytes)
        return bytes
    }

    /// Appends one framed record to `buffer`.
    static func appendFrame(
        position: UInt64, commits: Bool, payload: UnsafeRawBufferPointer, to buffer: inout [UInt8]
    ) {
        let tagged = position | (commits ? commitFlag : 0)
        var positionBytes: [UInt8] = []
        positionBytes.reserveCapacity(8)
        put(tagged, into: &positionBytes)
        let crc = positionBytes.withUnsafeBytes { head in
            CRC32C.checksum(payload, continuing: CRC32C.checksum(head))
        }
        put(UInt32(payload.count), into: &buffer)
        put(crc, into: &buffer)
        buffer.append(contentsOf: positionBytes)
        buffer.append(contentsOf: payload)
    }

    /// One record frame as found in a buffer.
    struct Frame {
        /// The record's journal position (without the commit flag).
        var position: UInt64
        /// Whether this record ends an append call.
        var commits: Bool
        /// Where the payload lies within the buffer.
        var payload: Range<Int>
        /// The frame's total size.
        var size: Int
    }

    /// Why a frame failed to parse.
    enum FrameProblem: Error, Equatable {
        /// Fewer bytes remain than the frame needs.
        case short
        /// The length field is impossible.
        case badLength
        /// The checksum does not match.
        case badChecksum
    }

    /// Parses the frame starting at `offset` within `bytes`.
    static func parseFrame(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Result<
        Frame, FrameProblem
    > {
        guard bytes.count - offset >= frameHeaderSize else { return .failure(.short) }
        let length = Int(uint32(bytes, at: offset))
        guard length <= maxPayloadSize else { return .failure(.badLength) }
        guard bytes.count - offset - frameHeaderSize >= length else { return .failure(.short) }
        let stored = uint32(bytes, at: offset + 4)
        let covered = UnsafeRawBufferPointer(
            rebasing: bytes[(offset + 8)..<(offset + frameHeaderSize + length)])
        guard CRC32C.checksum(covered) == stored else { return .failure(.badChecksum) }
        let tagged = uint64(bytes, at: offset + 8)
        let start = offset + frameHeaderSize
        return .success(
            Frame(
                position: tagged & ~commitFlag, commits: tagged & commitFlag != 0,
                payload: start..<(start + length), size: frameHeaderSize + length))
    }

    /// The problem with a segment header, or `nil` when it is valid for `firstPosition`.
    static func headerProblem(_ bytes: UnsafeRawBufferPointer, firstPosition: UInt64) -> (
        EventStoreError.Code, String
    )? {
        guard bytes.count >= headerSize else {
            return (.corruptRecord, "the segment header is incomplete")
        }
        guard bytes.prefix(magic.count).elementsEqual(magic) else {
            return (.corruptRecord, "the file does not start with the segment magic")
        }
        let version = uint32(bytes, at: 8)
        guard version <= formatVersion else {
            return (
                .unsupportedFormat,
                "the segment has format version \(version) but this build reads up to "
                    + "\(formatVersion); open it with a newer Accord"
            )
        }
        guard uint32(bytes, at: 12) == UInt32(headerSize) else {
            return (.corruptRecord, "the segment header has an unexpected size")
        }
        guard uint64(bytes, at: 16) == firstPosition else {
            return (.corruptRecord, "the segment header's first position does not match its name")
        }
        return nil
    }
}

extension SegmentFormat {
    /// Appends `value` to `buffer` in little-endian byte order.
    static func put<T: FixedWidthInteger>(_ value: T, into buffer: inout [UInt8]) {
        Swift.withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// The little-endian `UInt32` at `offset` of `bytes` (unaligned).
    static func uint32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// The little-endian `UInt64` at `offset` of `bytes` (unaligned).
    static func uint64(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
