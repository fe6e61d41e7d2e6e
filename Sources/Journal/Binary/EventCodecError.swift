/// A record payload that does not decode: truncated, corrupted, or written by a newer layout.
///
/// The error names what was malformed and the byte offset within the payload where decoding
/// failed. Its ``description`` never contains the record's content, so it is safe to log.
///
/// ```swift
/// do {
///     event = try EventCodec.decode(payload, position: position)
/// } catch where error.code == .unsupportedVersion {
///     // written by a newer Accord: upgrade before reading this journal
/// }
/// ```
public struct EventCodecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in words (names the field, never its value).
    public var message: String
    /// The byte offset within the payload where decoding failed.
    public var offset: Int
    /// The kind of failure, for callers that react differently to each.
    public var code: Code

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure; ``Code/malformed`` when not given.
    ///   - message: What went wrong, in words.
    ///   - offset: The byte offset within the payload where decoding failed.
    public init(code: Code = .malformed, message: String, offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    /// The message and the offset, for logs.
    public var description: String { "\(message) at payload byte \(offset)" }

    /// The kind of decoding failure. Codes may be added in later versions; switch with a default.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let rawValue: UInt8
        private init(_ rawValue: UInt8) { self.rawValue = rawValue }

        /// The payload ends before the record does (a torn or cut record).
        public static let truncated = Code(1)
        /// A value is out of its allowed range: a boolean or optional marker other than 0 or 1,
        /// an over-long varint, a repeated dictionary key, bytes left over after the record.
        public static let malformed = Code(2)
        /// A string's bytes are not valid UTF-8.
        public static let invalidUTF8 = Code(3)
        /// The layout version byte is one this version of Accord cannot read — usually a journal
        /// written by a newer Accord.
        public static let unsupportedVersion = Code(4)
        /// A tag (payload kind, actor, owner, attribute type, enum case) that the layout does not
        /// define.
        public static let unknownTag = Code(5)

        /// The code's name.
        public var description: String {
            switch rawValue {
            case 1: return "truncated"
            case 2: return "malformed"
            case 3: return "invalidUTF8"
            case 4: return "unsupportedVersion"
            default: return "unknownTag"
            }
        }
    }
}
