import LeadModel

/// Encodes and decodes ``LeadModel/LeadEvent``s as record payloads of the file store, in Accord's compact
/// binary record layout.
///
/// A record starts with a layout version byte (currently 5), followed by the event's fields and
/// its payload under a one-byte tag. Integers are LEB128 varints, strings length-prefixed UTF-8,
/// doubles and dates their exact IEEE 754 bits, dictionaries sorted by key — so equal events
/// always encode to equal bytes and every event decodes back to an equal one. The byte layout and
/// its compatibility rule are in `Documentation/RecordLayout.md`.
///
/// The event's ``LeadModel/LeadEvent/position`` is not encoded: the file frame carries it, and
/// ``decode(_:position:)`` sets it.
///
/// ```swift
/// var buffer: [UInt8] = []
/// EventCodec.encode(event, into: &buffer)
/// let decoded = try buffer.withUnsafeBytes { try EventCodec.decode($0, position: position) }
/// ```
///
/// `EventCodec` is stateless and safe to use from any thread.
public enum EventCodec {
    /// The layout version this version of Accord writes; it reads every version from 1 up to it.
    static let layoutVersion: UInt8 = 5

    /// Appends the encoded event (without its position, which the frame carries) to `buffer`.
    ///
    /// The bytes already in `buffer` are kept, so one buffer can collect a batch of records.
    /// Encoding is deterministic: the same event always produces the same bytes.
    ///
    /// - Parameters:
    ///   - event: The event to encode.
    ///   - buffer: The array the record's bytes are appended to.
    public static func encode(_ event: LeadEvent, into buffer: inout [UInt8]) {
        var writer = BinaryWriter()
        swap(&writer.bytes, &buffer)
        writer.reserve(256)
        writer.writeByte(layoutVersion)
        writer.writeEvent(event)
        swap(&writer.bytes, &buffer)
    }

    /// Decodes an event encoded by ``encode(_:into:)`` and sets its position.
    ///
    /// `bytes` must hold exactly one record: bytes left over after the event are an error.
    /// Decoding never reads outside `bytes`, whatever they contain.
    ///
    /// - Parameters:
    ///   - bytes: One record's payload, as ``encode(_:into:)`` wrote it.
    ///   - position: The journal position the frame gave the record; becomes the event's
    ///     ``LeadModel/LeadEvent/position``.
    /// - Returns: The decoded event.
    /// - Throws: ``EventCodecError`` naming what was malformed and where:
    ///   ``EventCodecError/Code/truncated`` when the payload ends early,
    ///   ``EventCodecError/Code/unsupportedVersion`` for a layout version this Accord cannot read,
    ///   ``EventCodecError/Code/unknownTag`` for an undefined tag,
    ///   ``EventCodecError/Code/invalidUTF8`` for a corrupted string and
    ///   ``EventCodecError/Code/malformed`` for any other invalid byte.
    public static func decode(_ bytes: UnsafeRawBufferPointer, position: JournalPosition)
        throws(EventCodecError)
        -> LeadEvent
    {
        var reader = BinaryReader(bytes)
        let version = try reader.readByte("the layout version")
        var event: LeadEvent
        switch version {
        case 1...layoutVersion:
            reader.layoutVersion = version
            event = try reader.readEvent()
        case 0:
            throw reader.error(.unsupportedVersion, "layout version 0 is not defined", at: 0)
        default:
            throw reader.error(
                .unsupportedVersion,
                "layout version \(version) is newer than this Accord reads (up to \(layoutVersion)); "
                    + "upgrade Accord to read this journal", at: 0)
        }
        guard reader.isAtEnd else {
            throw reader.error(.malformed, "\(reader.remaining) unexpected bytes follow the event")
        }
        event.position = position
        return event
    }
}
