// TEMPORARY bitwise CRC-32C so the file store can be built in parallel; replaced by a
// table-driven (slicing) implementation (helper "codec"). The API below is the contract.

/// CRC-32C (Castagnoli), the checksum framing every record of the file store.
public enum CRC32C {
    /// The checksum of `bytes`, continuing from `crc` (0 to start).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        var value = ~crc
        for byte in bytes {
            value ^= UInt32(byte)
            for _ in 0..<8 { value = (value >> 1) ^ (0x82F6_3B78 & (0 &- (value & 1))) }
        }
        return ~value
    }

    /// The checksum of a byte array.
    public static func checksum(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, continuing: crc) }
    }
}
