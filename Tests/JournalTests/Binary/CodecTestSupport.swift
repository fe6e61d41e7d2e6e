import Journal
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
