import Foundation
public import LeadModel

/// The playbook's acceptance rules for booked meetings, and which leads they apply to.
///
/// ```json
/// {"appliesWhen": ["meeting-booked"],
///  "rules": [{"id": "role", "label": "Finance or HR leader", "field": "title", "anyOf": ["cfo", "finance"]}]}
/// ```
public struct AcceptanceRules: Hashable, Sendable, Codable {
    /// A lead with a signal of one of these kinds is a booked meeting; empty means every
    /// handed-off lead is judged by the rules.
    public var appliesWhen: [SignalKind]
    public var rules: [AcceptanceRule]

    public init(appliesWhen: [SignalKind] = [.meetingBooked], rules: [AcceptanceRule]) {
        self.appliesWhen = appliesWhen
        self.rules = rules
    }

    /// The agency scenario's six rules, with the checks the standard lead fields allow.
    public static let standard = AcceptanceRules(rules: [
        AcceptanceRule(
            id: "role", label: "Role and seniority match the brief", field: "title",
            anyOf: ["chief", "cfo", "coo", "ceo", "vp", "head", "director", "finance", "hr", "people"]),
        AcceptanceRule(id: "company-fit", label: "The company fits the ICP", minFit: 20),
        AcceptanceRule(id: "use-case", label: "A use case we serve", field: "useCase"),
        AcceptanceRule(id: "geography", label: "In a territory we cover", field: "country"),
        AcceptanceRule(
            id: "no-conflict", label: "No active opportunity on the account", noOpportunityConflict: true),
        AcceptanceRule(id: "agreed-purpose", label: "The prospect agreed to the meeting's purpose"),
    ])

    private enum CodingKeys: String, CodingKey { case appliesWhen, rules }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        appliesWhen = try container.decodeIfPresent([SignalKind].self, forKey: .appliesWhen) ?? [.meetingBooked]
        rules = try container.decode([AcceptanceRule].self, forKey: .rules)
    }

    /// Whether the lead is a booked meeting the rules judge.
    public func apply(to state: LeadState) -> Bool {
        appliesWhen.isEmpty || state.signals.contains { appliesWhen.contains($0.kind) }
    }

    /// Evaluates every rule on the lead's current data.
    ///
    /// - Parameters:
    ///   - state: the lead.
    ///   - opportunityConflict: whether another lead of the account is in an active
    ///     opportunity (the engine knows; the rules do not look elsewhere).
    /// - Returns: one check per rule, in the playbook's order.
    public func evaluate(_ state: LeadState, opportunityConflict: Bool) -> [AcceptanceCheck] {
        rules.map { rule in
            var verdicts: [(Bool?, String)] = []
            if let field = rule.field {
                let value = state.lead[LeadField(rawValue: field)]?.text.trimmingCharacters(in: .whitespaces)
                if let value, !value.isEmpty {
                    if let words = rule.anyOf {
                        let lower = value.lowercased()
                        let hit = words.first { lower.contains($0.lowercased()) }
                        verdicts.append(
                            hit.map { (true, "\(field) '\(value)' contains '\($0)'") }
                                ?? (false, "\(field) '\(value)' contains none of \(words.joined(separator: ", "))"))
                    } else {
                        let negative = ["false", "no", "0"].contains(value.lowercased())
                        verdicts.append((!negative, "\(field) is '\(value)'"))
                    }
                } else {
                    verdicts.append((nil, "\(field) is missing"))
                }
            }
            if let minFit = rule.minFit {
                if let fit = state.score?.fit {
                    verdicts.append(
                        (fit >= minFit, "fit \(Self.format(fit)) \(fit >= minFit ? "≥" : "<") \(Self.format(minFit))"))
                } else {
                    verdicts.append((nil, "the lead has no score"))
                }
            }
            if rule.noOpportunityConflict == true {
                verdicts.append(
                    opportunityConflict
                        ? (false, "another lead of the account is in an active opportunity")
                        : (true, "no active opportunity on the account"))
            }
            guard !verdicts.isEmpty else {
                return AcceptanceCheck(rule: rule.id, passed: nil, evidence: "judged by sales on the call")
            }
            let passed: Bool? =
                verdicts.contains { $0.0 == false } ? false : verdicts.contains { $0.0 == nil } ? nil : true
            return AcceptanceCheck(rule: rule.id, passed: passed, evidence: verdicts.map(\.1).joined(separator: "; "))
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
