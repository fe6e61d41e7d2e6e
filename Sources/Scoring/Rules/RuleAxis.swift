import LeadModel

/// Decodes a rule's `axis`, keeping an unknown name so that validation can report it with its
/// path instead of failing the whole decode.
struct RuleAxis: Hashable, Sendable {
    var axis: ScoreCard.Axis
    var unknown: String?

    static func decode<Key: CodingKey>(
        _ container: KeyedDecodingContainer<Key>, forKey key: Key, default fallback: ScoreCard.Axis
    ) throws -> RuleAxis {
        guard let name = try container.decodeIfPresent(String.self, forKey: key) else {
            return RuleAxis(axis: fallback)
        }
        if let axis = ScoreCard.Axis(rawValue: name) { return RuleAxis(axis: axis) }
        return RuleAxis(axis: fallback, unknown: name)
    }

    func problems(at prefix: String) -> [(path: String, message: String)] {
        guard let unknown else { return [] }
        return [("\(prefix).axis", "unknown axis '\(unknown)'; use \"fit\" or \"engagement\"")]
    }
}
