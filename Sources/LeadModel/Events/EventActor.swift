/// Who caused an event: the system itself, a named person, or an integration.
public enum EventActor: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Accord's own policies (scoring, routing, SLA monitor).
    case system
    /// A person, by their id in the host (a rep, a marketer, an arbiter).
    case person(String)
    /// An integration, by name (`"hubspot-sync"`, `"csv-import"`).
    case integration(String)

    public var description: String {
        switch self {
        case .system: return "system"
        case .person(let id): return "person:\(id)"
        case .integration(let name): return "integration:\(name)"
        }
    }
}
