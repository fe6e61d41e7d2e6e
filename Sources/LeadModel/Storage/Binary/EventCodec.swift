import Foundation

// TEMPORARY JSON-backed codec so the file store can be built in parallel; replaced by the
// compact binary layout (helper "codec"). The API below is the contract.

/// Encodes and decodes ``LeadEvent``s as record payloads of the file store.
public enum EventCodec {
    /// Appends the encoded event (without its position, which the frame carries) to `buffer`.
    public static func encode(_ event: LeadEvent, into buffer: inout [UInt8]) {
        var copy = event
        copy.position = nil
        buffer.append(contentsOf: try! JSONEncoder().encode(copy))
    }

    /// Decodes an event encoded by ``encode(_:into:)`` and sets its position.
    ///
    /// - Throws: ``EventCodecError`` naming what was malformed and where.
    public static func decode(_ bytes: UnsafeRawBufferPointer, position: JournalPosition) throws(EventCodecError)
        -> LeadEvent
    {
        do {
            var event = try JSONDecoder().decode(LeadEvent.self, from: Data(bytes))
            event.position = position
            return event
        } catch {
            throw EventCodecError(message: "\(error)", offset: 0)
        }
    }
}

/// A record payload that does not decode.
public struct EventCodecError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// The byte offset within the payload where decoding failed.
    public var offset: Int
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
    public var description: String { "\(message) at payload byte \(offset)" }
}
