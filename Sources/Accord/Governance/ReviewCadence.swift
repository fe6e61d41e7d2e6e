/// How often the owners review the agreement — the operating rhythm the playbook writes down
/// (`accord playbook status` shows it).
public enum ReviewCadence: String, Hashable, Sendable, Codable, CaseIterable {
    case weekly, monthly, quarterly
}
