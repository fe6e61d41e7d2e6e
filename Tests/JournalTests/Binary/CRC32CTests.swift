import Journal
import LeadModel
import Testing
import _LeadModelTestSupport

struct CRC32CTests {
    /// The textbook bit-at-a-time CRC-32C, the reference the table-driven version must match.
    static func bitwise(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        var value = ~crc
        for byte in bytes {
            value ^= UInt32(byte)
            for _ in 0..<8 { value = (value >> 1) ^ (0x82F6_3B78 & (0 &- (value & 1))) }
        }
        return ~value
    }

    static let knownVectors: [(String, [UInt8], UInt32)] = [
        ("empty", [], 0),
        ("123456789", Array("123456789".utf8), 0xE306_9283),
        ("32 zero bytes", [UInt8](repeating: 0, count: 32), 0x8A91_36AA),
        ("32 0xFF bytes", [UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
        ("0 to 31 ascending", (0..<32).map { UInt8($0) }, 0x46DD_794E),
        ("31 to 0 descending", (0..<32).reversed().map { UInt8($0) }, 0x113F_DB5C),
        ("a", Array("a".utf8), 0xC1D0_4330),
    ]

    @Test(arguments: knownVectors)
    func matchesPublishedCheckValues(_ name: String, _ bytes: [UInt8], _ expected: UInt32) {
        #expect(CRC32C.checksum(bytes) == expected, "\(name)")
        #expect(Self.bitwise(bytes) == expected, "\(name)")
    }

    @Test func matchesTheBitwiseReferenceOnRandomData() {
        var generator = SeededGenerator(seed: 0xC3C3)
        for length in Array(0..<80) + [255, 256, 1_000, 4_099, 65_537] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let start = UInt32.random(in: .min ... .max, using: &generator)
            #expect(CRC32C.checksum(bytes) == Self.bitwise(bytes), "length \(length)")
            #expect(
                CRC32C.checksum(bytes, continuing: start) == Self.bitwise(bytes, continuing: start),
                "length \(length)")
        }
    }

    @Test func givesTheSameChecksumAtEveryAlignment() {
        var generator = SeededGenerator(seed: 7)
        let bytes = (0..<200).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for offset in 0..<16 {
            let slice = Array(bytes[offset...])
            let viaPointer = bytes.withUnsafeBytes {
                CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[offset...]))
            }
            #expect(viaPointer == Self.bitwise(slice), "offset \(offset)")
        }
    }

    @Test func continuesAcrossSplitsLikeOneBuffer() {
        let bytes = Array(
            "The journal is the source of truth, and every record carries a checksum.".utf8)
        let whole = CRC32C.checksum(bytes)
        for split in 0...bytes.count {
            let first = CRC32C.checksum(Array(bytes[..<split]))
            #expect(
                CRC32C.checksum(Array(bytes[split...]), continuing: first) == whole, "split at \(split)")
        }
    }
}
