import Foundation
import LeadModel

/// A bounds-checked cursor that reads the primitive encodings of the record layout.
///
/// Every read checks the remaining length first and throws ``EventCodecError`` with the offset of
/// the value it was reading, so a truncated or corrupted record can never make the reader touch
/// memory outside the buffer. The reader borrows the buffer; it must not outlive it.
package struct BinaryReader {
    private let base: UnsafeRawPointer?
    /// The number of bytes in the buffer.
    package let count: Int
    /// The offset of the next byte to read.
    package private(set) var offset: Int
    /// The layout version of the record being read; fields a version added are read only from
    /// records of that version or newer (see `Documentation/RecordLayout.md`).
    package var layoutVersion: UInt8 = EventCodec.layoutVersion
    /// The strings read in full so far, by number, while reading a snapshot that shares them
    /// (see ``BinaryWriter/writeSharedString(_:)``); `nil` reads every string in full.
    package var sharedStrings: [String]?

    package init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress
        count = bytes.count
        offset = 0
    }

    /// The number of bytes not yet read.
    package var remaining: Int { count &- offset }

    /// Whether every byte has been read.
    package var isAtEnd: Bool { offset == count }

    /// An error at `offset` (by default the current one).
    package func error(_ code: EventCodecError.Code, _ message: String, at offset: Int? = nil)
        -> EventCodecError
    {
        EventCodecError(code: code, message: message, offset: offset ?? self.offset)
    }

    /// Throws unless `length` more bytes are available.
    @inline(__always)
    private func require(_ length: Int, for what: @autoclosure () -> String) throws(EventCodecError) {
        guard length <= remaining else {
            throw error(
                .truncated,
                "\(what()) needs \(length) byte\(length == 1 ? "" : "s") but only \(remaining) remain")
        }
    }

    /// Reads one byte.
    @inline(__always)
    package mutating func readByte(_ what: @autoclosure () -> String = "a byte") throws(EventCodecError)
        -> UInt8
    {
        guard offset < count, let base else {
            throw error(.truncated, "\(what()) is missing: the record ends here")
        }
        let value = base.load(fromByteOffset: offset, as: UInt8.self)
        offset &+= 1
        return value
    }

    /// Reads an unsigned LEB128 varint of at most 10 bytes that fits in 64 bits.
    @inline(__always)
    package mutating func readVarint(_ what: @autoclosure () -> String = "a varint") throws(EventCodecError)
        -> UInt64
    {
        let start = offset
        let first = try readByte(what())
        if first < 0x80 { return UInt64(first) }
        var value = UInt64(first & 0x7F)
        var shift: UInt64 = 7
        while true {
            let byte = try readByte(what())
            if shift == 63, byte > 1 {
                throw error(.malformed, "\(what()) does not fit in 64 bits", at: start)
            }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                guard byte != 0 else {
                    throw error(.malformed, "\(what()) is not minimally encoded", at: start)
                }
                return value
            }
            shift += 7
        }
    }

    /// Reads a count of elements that each take at least `minimumElementSize` bytes, rejecting
    /// counts the remaining bytes cannot hold (so corruption never triggers a huge allocation).
    @inline(__always)
    package mutating func readCount(_ what: @autoclosure () -> String, minimumElementSize: Int = 1)
        throws(EventCodecError) -> Int
    {
        let start = offset
        let value = try readVarint(what())
        guard value <= UInt64(remaining / Swift.max(minimumElementSize, 1)) else {
            throw error(
                .truncated, "\(what()) has length \(value) but only \(remaining) bytes remain", at: start)
        }
        return Int(value)
    }

    /// Reads a boolean byte: 0 or 1, anything else is malformed.
    @inline(__always)
    package mutating func readBool(_ what: @autoclosure () -> String) throws(EventCodecError) -> Bool {
        let start = offset
        switch try readByte(what()) {
        case 0: return false
        case 1: return true
        case let other:
            throw error(.malformed, "\(what()) has boolean byte \(other), expected 0 or 1", at: start)
        }
    }

    /// Reads an optional marker: `true` when a value follows.
    @inline(__always)
    package mutating func readPresence(_ what: @autoclosure () -> String) throws(EventCodecError) -> Bool {
        let start = offset
        switch try readByte(what()) {
        case 0: return false
        case 1: return true
        case let other:
            throw error(.malformed, "\(what()) has optional marker \(other), expected 0 or 1", at: start)
        }
    }

    /// Reads an 8-byte little-endian IEEE 754 double.
    @inline(__always)
    package mutating func readDouble(_ what: @autoclosure () -> String) throws(EventCodecError) -> Double {
        try require(8, for: what())
        let bits = base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset &+= 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    /// Reads a date stored as its `timeIntervalSinceReferenceDate`.
    @inline(__always)
    package mutating func readDate(_ what: @autoclosure () -> String) throws(EventCodecError) -> Date {
        Date(timeIntervalSinceReferenceDate: try readDouble(what()))
    }

    /// Reads a length-prefixed UTF-8 string; invalid UTF-8 is corruption and throws.
    @inline(__always)
    package mutating func readString(_ what: @autoclosure () -> String) throws(EventCodecError) -> String {
        let start = offset
        let length = try readCount(what())
        return try readUTF8(length, what(), start: start)
    }

    /// The `length` bytes at the offset as a string, the offset moved past them; `start` is
    /// where the string's length began, for the error. The caller has checked that the bytes
    /// are there.
    @inline(__always)
    private mutating func readUTF8(_ length: Int, _ what: @autoclosure () -> String, start: Int)
        throws(EventCodecError) -> String
    {
        if length == 0 { return "" }
        let bytes = UnsafeRawBufferPointer(start: base.unsafelyUnwrapped + offset, count: length)
        guard let value = bytes.withMemoryRebound(to: UInt8.self, Self.validString(fromUTF8:)) else {
            throw error(.invalidUTF8, "\(what()) is not valid UTF-8", at: start)
        }
        offset &+= length
        return value
    }

    /// The string `utf8` encodes, or `nil` when it is not valid UTF-8.
    ///
    /// `String(decoding:as:)` is the fast, specialised way in, but it repairs invalid input with
    /// U+FFFD; so unless the bytes are plain ASCII, the result is compared with the input, which
    /// it equals exactly when nothing was repaired. (`String(validating:as:)` rejects invalid input
    /// itself but is not specialised and costs a generic metadata lookup per string.)
    @inline(__always)
    private static func validString(fromUTF8 utf8: UnsafeBufferPointer<UInt8>) -> String? {
        let string = String(decoding: utf8, as: UTF8.self)
        if isASCII(utf8) { return string }
        var copy = string
        let unchanged = copy.withUTF8 { $0.count == utf8.count && $0.elementsEqual(utf8) }
        return unchanged ? string : nil
    }

    /// Whether every byte is below 0x80, eight bytes at a time.
    @inline(__always)
    private static func isASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = utf8.baseAddress else { return true }
        let raw = UnsafeRawPointer(start)
        let count = utf8.count
        var index = 0
        var bits: UInt64 = 0
        while index &+ 8 <= count {
            bits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index &+= 8
        }
        while index < count {
            bits |= UInt64(utf8[index])
            index &+= 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// Reads an optional string: a marker, then the string when present.
    @inline(__always)
    package mutating func readOptionalString(_ what: @autoclosure () -> String) throws(EventCodecError)
        -> String?
    {
        try readPresence(what()) ? try readString(what()) : nil
    }

    /// Reads an optional string like ``readOptionalString(_:)``, but gives back `likely` itself
    /// when the stored bytes equal it, without making or checking a new string.
    ///
    /// For a value that usually repeats one read just before (a signal's idempotency key is
    /// normally its event's): the decoded events then share one string instead of holding two.
    package mutating func readOptionalString(_ what: @autoclosure () -> String, likely: String?)
        throws(EventCodecError) -> String?
    {
        guard try readPresence(what()) else { return nil }
        let start = offset
        let length = try readCount(what())
        if var likely, likely.utf8.count == length {
            let bytes = UnsafeRawBufferPointer(start: base.unsafelyUnwrapped + offset, count: length)
            if likely.withUTF8({ $0.elementsEqual(bytes) }) {
                offset &+= length
                return likely
            }
        }
        return try readUTF8(length, what(), start: start)
    }

    /// Starts numbering shared strings, for a snapshot format that shares them.
    package mutating func shareStrings() {
        sharedStrings = []
    }

    /// Reads what ``BinaryWriter/writeSharedString(_:)`` wrote: with sharing on, a string in
    /// full (`length << 1`) or the number of one read before (`number << 1 | 1`), which gives
    /// back that very string without reading or checking its bytes again.
    ///
    /// - Throws: ``EventCodecError`` `malformed` for a number no string had yet, and what
    ///   ``readString(_:)`` throws.
    package mutating func readSharedString(_ what: @autoclosure () -> String) throws(EventCodecError) -> String {
        guard sharedStrings != nil else { return try readString(what()) }
        let start = offset
        let tag = try readVarint(what())
        if tag & 1 == 1 {
            let number = tag >> 1
            guard number < UInt64(sharedStrings!.count) else {
                throw error(
                    .malformed,
                    "\(what()) refers to shared string #\(number), but only \(sharedStrings!.count) came before",
                    at: start)
            }
            return sharedStrings![Int(number)]
        }
        let length = tag >> 1
        guard length <= UInt64(remaining) else {
            throw error(.truncated, "\(what()) has length \(length) but only \(remaining) bytes remain", at: start)
        }
        let value = try readUTF8(Int(length), what(), start: start)
        if sharedStrings!.count < BinaryWriter.sharedStringLimit { sharedStrings!.append(value) }
        return value
    }

    /// A presence marker and, when present, ``readSharedString(_:)``.
    package mutating func readOptionalSharedString(_ what: @autoclosure () -> String) throws(EventCodecError)
        -> String?
    {
        try readPresence(what()) ? try readSharedString(what()) : nil
    }

    /// The most elements a collection reserves room for up front. A count is already checked
    /// against the bytes left, but elements are larger in memory than on disk; beyond this, a
    /// (possibly corrupted) count grows the collection as elements actually decode.
    package static let maximumReservation = 1_024

    /// Reads a list: a varint count, then each element.
    @inline(__always)
    package mutating func readArray<Element>(
        _ what: @autoclosure () -> String,
        _ read: (inout BinaryReader) throws(EventCodecError) -> Element
    ) throws(EventCodecError) -> [Element] {
        let count = try readCount(what())
        var values: [Element] = []
        values.reserveCapacity(Swift.min(count, Self.maximumReservation))
        for _ in 0..<count {
            values.append(try read(&self))
        }
        return values
    }

    /// Reads a string-keyed dictionary: a varint count, then key–value entries. A repeated key
    /// is malformed (it would make the encoding ambiguous).
    package mutating func readDictionary<Value>(
        _ what: @autoclosure () -> String,
        _ read: (inout BinaryReader) throws(EventCodecError) -> Value
    ) throws(EventCodecError) -> [String: Value] {
        let count = try readCount(what(), minimumElementSize: 2)
        if count == 0 { return [:] }
        var values = [String: Value](minimumCapacity: Swift.min(count, Self.maximumReservation))
        for _ in 0..<count {
            let start = offset
            let key = try readSharedString("a key of \(what())")
            let value = try read(&self)
            if values.updateValue(value, forKey: key) != nil {
                throw error(.malformed, "\(what()) repeats a key", at: start)
            }
        }
        return values
    }
}

extension BinaryReader {
    /// Reads a snapshot's header: its magic bytes, then a format version byte in `versions`.
    ///
    /// - Parameters:
    ///   - magic: the bytes the snapshot must start with.
    ///   - kind: what the snapshot holds, for messages (`"a routing ledger snapshot"`).
    ///   - versions: the format versions this Accord reads.
    /// - Returns: the format version.
    /// - Throws: ``EventCodecError`` `malformed` for other magic bytes (another kind of file, or
    ///   an older JSON snapshot), `unsupportedVersion` for a version outside `versions`.
    package mutating func readSnapshotHeader(magic: [UInt8], kind: String, versions: ClosedRange<UInt8>)
        throws(EventCodecError) -> UInt8
    {
        for expected in magic {
            let start = offset
            guard try readByte("the snapshot's magic bytes") == expected else {
                throw error(.malformed, "the bytes are not \(kind) (wrong magic bytes)", at: start)
            }
        }
        let start = offset
        let version = try readByte("the snapshot format version")
        guard versions.contains(version) else {
            throw error(
                .unsupportedVersion,
                "\(kind) format version \(version) is not one this Accord reads (\(versions.lowerBound) to "
                    + "\(versions.upperBound))", at: start)
        }
        return version
    }
}
