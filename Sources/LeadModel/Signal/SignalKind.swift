/// What kind of engagement a signal records.
///
/// Kinds are open: teams add their own (`"trial-started"`) next to the well-known ones below.
public struct SignalKind: StringIdentifier {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

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
