/// A move up the funnel that the playbook's rules asked for and a handoff gate refused.
///
/// Recorded once per lead, rule and set of missing fields — not on every rescoring — so the
/// journal says durably why a lead that met a threshold or fired a trigger stayed where it was.
/// The block holds until the lead moves: the move that follows names it in its reasons.
///
/// ```swift
/// // a quote request from a lead with no company, under a gate that needs one
/// HandoffBlock(rule: "trigger:quote-or-demo", to: "sql", missing: [.company], playbookVersion: "3")
/// ```
public struct HandoffBlock: Hashable, Sendable, Codable {
    /// The rule that asked for the move: `trigger:<name>` or `threshold:<stage>`.
    public var rule: String
    /// The stage the rule would have moved the lead to.
    public var to: Stage
    /// The fields the stage's handoff gate requires and the lead lacks, in the gate's order.
    public var missing: [LeadField]
    /// The version of the playbook whose rules and gate decided.
    public var playbookVersion: String?

    public init(rule: String, to: Stage, missing: [LeadField], playbookVersion: String? = nil) {
        self.rule = rule
        self.to = to
        self.missing = missing
        self.playbookVersion = playbookVersion
    }

    /// Whether `other` is the same block again: the same rule, target stage and missing fields,
    /// whatever their order and the playbook version.
    public func repeats(_ other: HandoffBlock) -> Bool {
        rule == other.rule && to == other.to && Set(missing) == Set(other.missing)
    }

    /// The block in words: `trigger:quote-or-demo would move it to sql; the sql gate needs
    /// company, source`.
    public var summary: String {
        "\(rule) would move it to \(to); the \(to) gate needs \(missing.map(\.rawValue).joined(separator: ", "))"
    }
}
