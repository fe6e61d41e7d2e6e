/// Who owns a lead: a rep, or a queue waiting for one.
public enum Owner: Hashable, Sendable, Codable, CustomStringConvertible {
    case rep(String)
    case queue(String)

    public var description: String {
        switch self {
        case .rep(let id): return "rep:\(id)"
        case .queue(let name): return "queue:\(name)"
        }
    }
}

/// An assignment of a lead. The routing trail (rules considered, candidates skipped) is in the
/// event's reasons.
public struct Assignment: Hashable, Sendable, Codable {
    public var owner: Owner
    /// The router that decided (`"rules"`, `"manual"`, `"sla-escalation"`).
    public var router: String

    public init(owner: Owner, router: String) {
        self.owner = owner
        self.router = router
    }
}
