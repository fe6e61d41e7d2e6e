/// Where a rule sends a lead: one rep, a pool of reps, or a queue.
///
/// In JSON a target is an object with exactly one key:
///
/// ```json
/// {"rep": "ana"}      {"pool": "emea-mid-market"}      {"queue": "partners"}
/// ```
public enum RoutingTarget: Hashable, Sendable, Codable, CustomStringConvertible {
    /// One rep, by id; checked for availability and capacity like a pool of one.
    case rep(String)
    /// A pool of reps, by name; one is chosen by smooth weighted round robin.
    case pool(String)
    /// A queue, by name; always takes the lead.
    case queue(String)

    /// `rep ana`, `pool emea`, `queue partners`.
    public var description: String {
        switch self {
        case .rep(let id): return "rep \(id)"
        case .pool(let name): return "pool \(name)"
        case .queue(let name): return "queue \(name)"
        }
    }

    private enum CodingKeys: String, CodingKey { case rep, pool, queue }

    /// Decodes `{"rep": …}`, `{"pool": …}` or `{"queue": …}`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the object has none or more than one of the keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rep = try container.decodeIfPresent(String.self, forKey: .rep)
        let pool = try container.decodeIfPresent(String.self, forKey: .pool)
        let queue = try container.decodeIfPresent(String.self, forKey: .queue)
        switch (rep, pool, queue) {
        case (let rep?, nil, nil): self = .rep(rep)
        case (nil, let pool?, nil): self = .pool(pool)
        case (nil, nil, let queue?): self = .queue(queue)
        default:
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a target has exactly one of \"rep\", \"pool\" or \"queue\""))
        }
    }

    /// Encodes the one-key object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .rep(let id): try container.encode(id, forKey: .rep)
        case .pool(let name): try container.encode(name, forKey: .pool)
        case .queue(let name): try container.encode(name, forKey: .queue)
        }
    }
}
