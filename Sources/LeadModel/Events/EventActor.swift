/// Who caused an event: the system itself, a named person, or an integration. In JSON:
/// `"system"`, `{"person": "maria"}` or `{"integration": "hubspot-sync"}`.
public enum EventActor: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Accord's own policies (scoring, routing, SLA monitor).
    case system
    /// A person, by their id in the host (a rep, a marketer, an arbiter).
    case person(String)
    /// An integration, by name (`"hubspot-sync"`, `"csv-import"`).
    case integration(String)

    private enum CodingKeys: String, CodingKey { case person, integration }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self), text == "system" {
            self = .system
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let person = try container.decodeIfPresent(String.self, forKey: .person) {
            self = .person(person)
        } else if let integration = try container.decodeIfPresent(String.self, forKey: .integration) {
            self = .integration(integration)
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected \"system\", {\"person\": …} or {\"integration\": …}"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .system:
            var container = encoder.singleValueContainer()
            try container.encode("system")
        case .person(let id):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .person)
        case .integration(let name):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .integration)
        }
    }

    public var description: String {
        switch self {
        case .system: return "system"
        case .person(let id): return "person:\(id)"
        case .integration(let name): return "integration:\(name)"
        }
    }
}
