import Foundation
import LeadModel

/// Appends the primitive encodings of the record layout to a byte array.
///
/// The primitives are described in `Documentation/RecordLayout.md`: unsigned LEB128 varints,
/// little-endian IEEE 754 doubles, dates as doubles, length-prefixed UTF-8 strings and one-byte
/// markers for booleans and optionals. The writer never fails; it only grows ``bytes``.
package struct BinaryWriter {
    /// The bytes written so far, including any the array held before the writer started.
    package var bytes: [UInt8]

    /// The strings written so far that a later one may name by number instead of repeating
    /// it, while writing a snapshot (see ``writeSharedString(_:)``); `nil` writes every string
    /// in full, as records do.
    package var sharedStrings: [String: Int]?

    /// The most strings a snapshot numbers; later new strings are written in full only. Reader
    /// and writer stop at the same count, so their numbers agree.
    package static let sharedStringLimit = 1 << 20

    package init(bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    /// Starts numbering shared strings: a snapshot's ``writeSharedString(_:)`` calls then write
    /// a string seen before as its number.
    package mutating func shareStrings() {
        sharedStrings = [:]
    }

    /// Makes room for at least `count` more bytes, growing geometrically so that a caller that
    /// appends many records to one buffer never reallocates once per record.
    package mutating func reserve(_ count: Int) {
        let needed = bytes.count + count
        if bytes.capacity < needed {
            bytes.reserveCapacity(Swift.max(needed, bytes.capacity * 2))
        }
    }

    /// Writes one byte.
    @inline(__always)
    package mutating func writeByte(_ value: UInt8) {
        bytes.append(value)
    }

    /// Writes an unsigned LEB128 varint: seven bits per byte, least significant group first, the
    /// high bit set on every byte but the last.
    @inline(__always)
    package mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// Writes a count or length as a varint.
    @inline(__always)
    package mutating func writeCount(_ value: Int) {
        writeVarint(UInt64(value))
    }

    /// Writes a boolean as one byte, 0 or 1.
    @inline(__always)
    package mutating func writeBool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    /// Writes the IEEE 754 bit pattern of `value`, 8 bytes little-endian, so every value —
    /// negative zero, infinities and each NaN payload — comes back bit for bit.
    @inline(__always)
    package mutating func writeDouble(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Writes a date as its `timeIntervalSinceReferenceDate`, the exact value `Date` holds.
    @inline(__always)
    package mutating func writeDate(_ value: Date) {
        writeDouble(value.timeIntervalSinceReferenceDate)
    }

    /// Writes a string as a varint byte count followed by its UTF-8 bytes.
    @inline(__always)
    package mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeCount(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes a string that other places of the same snapshot may repeat (a stage, a company, a
    /// rule's evidence): while ``sharedStrings`` is on, a varint `length << 1` then the UTF-8
    /// bytes the first time, and `number << 1 | 1` — its number among the strings written in
    /// full — every later time. With sharing off it is ``writeString(_:)``.
    package mutating func writeSharedString(_ value: String) {
        guard sharedStrings != nil else { return writeString(value) }
        if let number = sharedStrings![value] {
            writeVarint(UInt64(number) << 1 | 1)
            return
        }
        if sharedStrings!.count < Self.sharedStringLimit { sharedStrings![value] = sharedStrings!.count }
        var value = value
        value.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count) << 1)
            bytes.append(contentsOf: utf8)
        }
    }

    /// An optional marker and, when present, ``writeSharedString(_:)``.
    package mutating func writeOptionalSharedString(_ value: String?) {
        if let value {
            bytes.append(1)
            writeSharedString(value)
        } else {
            bytes.append(0)
        }
    }

    /// Writes an optional marker (0 absent, 1 present) and, when present, the value.
    @inline(__always)
    package mutating func writeOptional<Value>(_ value: Value?, _ write: (inout BinaryWriter, Value) -> Void) {
        if let value {
            bytes.append(1)
            write(&self, value)
        } else {
            bytes.append(0)
        }
    }

    /// Writes an optional string: a marker, then the string when present.
    @inline(__always)
    package mutating func writeOptionalString(_ value: String?) {
        if let value {
            bytes.append(1)
            writeString(value)
        } else {
            bytes.append(0)
        }
    }

    /// Writes a list as a varint count followed by each element.
    @inline(__always)
    package mutating func writeArray<Element>(
        _ values: [Element], _ write: (inout BinaryWriter, Element) -> Void
    ) {
        writeCount(values.count)
        for value in values {
            write(&self, value)
        }
    }

    /// Writes a string-keyed dictionary as a varint count followed by its entries, sorted by the
    /// keys' UTF-8 bytes so that equal dictionaries always encode to equal bytes.
    package mutating func writeDictionary<Value>(
        _ values: [String: Value], _ write: (inout BinaryWriter, Value) -> Void
    ) {
        writeCount(values.count)
        if values.count == 1, let (key, value) = values.first {
            writeSharedString(key)
            write(&self, value)
            return
        }
        for (key, value) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            writeSharedString(key)
            write(&self, value)
        }
    }
}
