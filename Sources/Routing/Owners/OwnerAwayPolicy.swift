/// What routing does with a lead whose account owner is away — out of office, or outside
/// working hours — when the owner would be back only after the lead's first-touch deadline.
///
/// Per SLA tier, the playbook chooses: **wait** for the owner (the account relationship comes
/// first; the trail notes the owner is away) or **protect the SLA**: the owner's ``RepProfile/backup``
/// gets the lead if eligible, else the routing rules (a pool) do, each step with its reason in
/// the trail. An owner who is back before the deadline keeps the lead either way. Caps never
/// pass the owner over.
///
/// ```json
/// "ownerAway": {"default": "wait", "tiers": {"hot": "protect-sla", "standard": "protect-sla"}}
/// ```
public struct OwnerAwayPolicy: Hashable, Sendable, Codable {
    /// What to do with a lead whose owner is away past its first-touch deadline.
    public enum Choice: String, Hashable, Sendable, Codable, CaseIterable {
        /// Keep the lead with the account owner.
        case wait
        /// Give the lead to the owner's backup, else route it by the rules.
        case protectSLA = "protect-sla"
    }

    /// The choice for tiers not listed, and for leads without a first-touch clock.
    public var `default`: Choice
    /// The choice per SLA tier name.
    public var tiers: [String: Choice]

    /// Makes a policy.
    ///
    /// - Parameters:
    ///   - default: the choice for tiers not listed; wait by default.
    ///   - tiers: the choice per SLA tier.
    public init(default: Choice = .wait, tiers: [String: Choice] = [:]) {
        self.default = `default`
        self.tiers = tiers
    }

    /// Waits for the owner in every tier: what routing did before the policy existed.
    public static let wait = OwnerAwayPolicy()

    /// The choice for a lead in `tier`.
    ///
    /// - Parameter tier: the SLA tier of the lead's first-touch clock, if it has one.
    public func choice(forTier tier: String?) -> Choice {
        tier.flatMap { tiers[$0] } ?? self.default
    }

    private enum CodingKeys: String, CodingKey { case `default`, tiers }

    /// Decodes the policy; both keys may be left out.
    ///
    /// - Throws: `DecodingError` for a choice other than `wait` or `protect-sla`, with its path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.default = try container.decodeIfPresent(Choice.self, forKey: .default) ?? .wait
        tiers = try container.decodeIfPresent([String: Choice].self, forKey: .tiers) ?? [:]
    }
}
