/// How sales reached out.
public struct TouchChannel: StringIdentifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let call: TouchChannel = "call"
    public static let email: TouchChannel = "email"
    public static let sms: TouchChannel = "sms"
    public static let meeting: TouchChannel = "meeting"
}

/// One sales touch: a call, an email, a text, a meeting.
public struct Touch: Hashable, Sendable, Codable {
    public var channel: TouchChannel
    /// The rep who made the touch.
    public var by: String
    /// Whether the prospect was reached (a conversation, not a voicemail).
    public var connected: Bool
    /// One line of context; personal data, removed on erasure.
    public var note: String?

    public init(channel: TouchChannel, by: String, connected: Bool = false, note: String? = nil) {
        self.channel = channel
        self.by = by
        self.connected = connected
        self.note = note
    }
}
