/// CRC-32C (Castagnoli), the checksum framing every record of the file store.
///
/// The reflected polynomial `0x82F63B78`, initial value and final XOR `0xFFFFFFFF` — the variant
/// of iSCSI, ext4 and SSE 4.2's `crc32` instruction: `"123456789"` checks to `0xE3069283`.
/// Computed in pure Swift with slicing-by-8 (eight 256-entry tables, eight bytes per step).
///
/// Checksums compose: the checksum of `a + b` is
/// `CRC32C.checksum(b, continuing: CRC32C.checksum(a))`.
///
/// ```swift
/// let crc = CRC32C.checksum(header, continuing: CRC32C.checksum(payload))
/// ```
public enum CRC32C {
    /// The checksum of `bytes`, continuing from `crc` (0 to start).
    ///
    /// - Parameters:
    ///   - bytes: The bytes to checksum.
    ///   - crc: The checksum of the bytes before these, or 0 to start a new checksum.
    /// - Returns: The checksum of the bytes before (summarised by `crc`) followed by `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard var pointer = bytes.baseAddress, !bytes.isEmpty else { return crc }
        var remaining = bytes.count
        var value = ~crc
        tables.withUnsafeBufferPointer { table in
            while remaining >= 8 {
                let word = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
                let low = value ^ UInt32(truncatingIfNeeded: word)
                let high = UInt32(truncatingIfNeeded: word >> 32)
                value =
                    table[7 &* 256 &+ Int(low & 0xFF)]
                    ^ table[6 &* 256 &+ Int((low >> 8) & 0xFF)]
                    ^ table[5 &* 256 &+ Int((low >> 16) & 0xFF)]
                    ^ table[4 &* 256 &+ Int(low >> 24)]
                    ^ table[3 &* 256 &+ Int(high & 0xFF)]
                    ^ table[2 &* 256 &+ Int((high >> 8) & 0xFF)]
                    ^ table[1 &* 256 &+ Int((high >> 16) & 0xFF)]
                    ^ table[Int(high >> 24)]
                pointer += 8
                remaining &-= 8
            }
            while remaining > 0 {
                let byte = pointer.load(as: UInt8.self)
                value = (value >> 8) ^ table[Int((value ^ UInt32(byte)) & 0xFF)]
                pointer += 1
                remaining &-= 1
            }
        }
        return ~value
    }

    /// The checksum of a byte array, continuing from `crc` (0 to start).
    ///
    /// - Parameters:
    ///   - bytes: The bytes to checksum.
    ///   - crc: The checksum of the bytes before these, or 0 to start a new checksum.
    /// - Returns: The checksum of the bytes before (summarised by `crc`) followed by `bytes`.
    public static func checksum(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, continuing: crc) }
    }

    /// The reflected Castagnoli polynomial.
    static let polynomial: UInt32 = 0x82F6_3B78

    /// Eight 256-entry tables, one after the other. Table 0 is the classic byte-at-a-time table;
    /// entry `i` of table `k` is the CRC of byte `i` followed by `k` zero bytes.
    static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 {
                value = (value >> 1) ^ (polynomial & (0 &- (value & 1)))
            }
            tables[index] = value
        }
        for slice in 1..<8 {
            for index in 0..<256 {
                let previous = tables[(slice - 1) * 256 + index]
                tables[slice * 256 + index] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()
}
