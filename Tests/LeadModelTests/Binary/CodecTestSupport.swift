import LeadModel
import Testing

/// Encodes and decodes through the public API.
enum Codec {
    static func encode(_ event: LeadEvent) -> [UInt8] {
        var buffer: [UInt8] = []
        EventCodec.encode(event, into: &buffer)
        return buffer
    }

    static func decode(_ bytes: [UInt8], position: JournalPosition = JournalPosition(42)) throws
        -> LeadEvent
    {
        try bytes.withUnsafeBytes { try EventCodec.decode($0, position: position) }
    }

    /// The error decoding `bytes` throws; fails the test when decoding succeeds.
    static func decodeError(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation)
        -> EventCodecError?
    {
        #expect(throws: EventCodecError.self, sourceLocation: sourceLocation) { try decode(bytes) }
    }
}

/// A small deterministic random number generator (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
