/// Who owns a lead: a rep, or a queue waiting for one. In JSON: `{"rep": "maria"}` or
/// `{"queue": "after-hours"}`.
public enum Owner: Hashable, Sendable, Codable, CustomStringConvertible {
    case rep(String)
    case queue(String)

    private enum CodingKeys: String, CodingKey { case rep, queue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let rep = try container.decodeIfPresent(String.self, forKey: .rep) {
            self = .rep(rep)
        } else if let queue = try container.decodeIfPresent(String.self, forKey: .queue) {
            self = .queue(queue)
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected {\"rep\": …} or {\"queue\": …}"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .rep(let id): try container.encode(id, forKey: .rep)
        case .queue(let name): try container.encode(name, forKey: .queue)
        }
    }

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
