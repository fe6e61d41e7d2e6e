/// What a feedback report is sliced by.
public enum ReportDimension: String, Hashable, Sendable, Codable, CaseIterable {
    case source, campaign, segment
    /// The message angle (offer) that produced the response.
    case angle

    /// The dimension in words (`message angle`).
    public var label: String { self == .angle ? "message angle" : rawValue }

    /// The lead's value for this dimension.
    public func value(of lead: FeedbackFacts.LeadFacts) -> String {
        switch self {
        case .source: lead.source
        case .campaign: lead.campaign
        case .segment: lead.segment
        case .angle: lead.messageAngle
        }
    }
}
