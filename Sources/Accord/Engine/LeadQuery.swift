public import LeadModel

/// Which leads ``AlignmentEngine/leads(matching:)`` lists: every given field must match.
///
/// ```swift
/// let (total, first) = await engine.leads(matching: LeadQuery(source: "webinar", stage: .mql, limit: 20))
/// ```
public struct LeadQuery: Hashable, Sendable {
    /// The lead's source (channel), exactly.
    public var source: String?
    /// The lead's campaign, exactly.
    public var campaign: String?
    /// The stage the lead is in now.
    public var stage: Stage?
    /// The owner: a rep's id (or `rep:ID`), or `queue:NAME`.
    public var owner: String?
    /// At most this many leads, oldest first; `nil` for all.
    public var limit: Int?
    /// Whether leads merged into another are listed too (they are not by default: the survivor
    /// stands for the person).
    public var includeMerged: Bool

    /// Creates a query; with no arguments it lists every lead.
    public init(
        source: String? = nil, campaign: String? = nil, stage: Stage? = nil, owner: String? = nil,
        limit: Int? = nil, includeMerged: Bool = false
    ) {
        self.source = source
        self.campaign = campaign
        self.stage = stage
        self.owner = owner
        self.limit = limit
        self.includeMerged = includeMerged
    }

    /// Whether `state` matches every given field.
    public func matches(_ state: LeadState) -> Bool {
        if !includeMerged, state.mergedInto != nil { return false }
        if let source, state.lead.source != source { return false }
        if let campaign, state.lead.campaign != campaign { return false }
        if let stage, state.stage != stage { return false }
        if let owner {
            switch state.owner {
            case .rep(let id)?: guard owner == id || owner == "rep:\(id)" else { return false }
            case .queue(let name)?: guard owner == "queue:\(name)" else { return false }
            case nil: return false
            }
        }
        return true
    }
}
