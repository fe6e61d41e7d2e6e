/// What kind of engagement a signal records.
///
/// Kinds are open: teams add their own (`"trial-started"`) next to the well-known ones below.
public struct SignalKind: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static let formSubmitted: SignalKind = "form-submitted"
    public static let emailOpened: SignalKind = "email-opened"
    public static let linkClicked: SignalKind = "link-clicked"
    public static let pricingPageVisited: SignalKind = "pricing-page-visited"
    public static let webinarAttended: SignalKind = "webinar-attended"
    public static let eventAttended: SignalKind = "event-attended"
    public static let replied: SignalKind = "replied"
    public static let quoteRequested: SignalKind = "quote-requested"
    public static let demoRequested: SignalKind = "demo-requested"
    public static let meetingBooked: SignalKind = "meeting-booked"
    public static let contentDownloaded: SignalKind = "content-downloaded"
    public static let unsubscribed: SignalKind = "unsubscribed"
}
