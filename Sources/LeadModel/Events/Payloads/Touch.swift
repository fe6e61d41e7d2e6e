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
    /// Objection tags heard on the touch, from the playbook's taxonomy (since layout 2).
    public var objections: [String]
    /// One line of what the buyer said; personal data, removed on erasure (since layout 2).
    public var buyerSaid: String?

    public init(
        channel: TouchChannel, by: String, connected: Bool = false, note: String? = nil, objections: [String] = [],
        buyerSaid: String? = nil
    ) {
        self.channel = channel
        self.by = by
        self.connected = connected
        self.note = note
        self.objections = objections
        self.buyerSaid = buyerSaid
    }

    private enum CodingKeys: String, CodingKey { case channel, by, connected, note, objections, buyerSaid }

    /// Reads a touch; `objections` may be absent (JSON written before it existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        channel = try container.decode(TouchChannel.self, forKey: .channel)
        by = try container.decode(String.self, forKey: .by)
        connected = try container.decode(Bool.self, forKey: .connected)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        objections = try container.decodeIfPresent([String].self, forKey: .objections) ?? []
        buyerSaid = try container.decodeIfPresent(String.self, forKey: .buyerSaid)
    }
}
