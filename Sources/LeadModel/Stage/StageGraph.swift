/// The lifecycle stages a team uses and the moves allowed between them.
///
/// The graph is configuration (the playbook's `stages` section). ``StageGraph/standard`` is
/// Lead → MQL → SQL → Opportunity → Won / Lost, with Recycled and Disqualified reachable from
/// every open stage and Recycled able to re-enter the funnel.
public struct StageGraph: Hashable, Sendable, Codable {
    /// Every stage, in funnel order.
    public var stages: [Stage]
    /// The stage a newly captured lead is in.
    public var initial: Stage
    /// For each stage, the stages a lead may move to next.
    public var transitions: [Stage: [Stage]]
    /// Stages that end the lead's journey; no clock runs on them.
    public var terminal: [Stage]

    public init(stages: [Stage], initial: Stage, transitions: [Stage: [Stage]], terminal: [Stage]) {
        self.stages = stages
        self.initial = initial
        self.transitions = transitions
        self.terminal = terminal
    }

    /// The default funnel.
    public static let standard = StageGraph(
        stages: [.lead, .mql, .sql, .opportunity, .won, .lost, .recycled, .disqualified],
        initial: .lead,
        transitions: [
            .lead: [.mql, .sql, .recycled, .disqualified],
            .mql: [.sql, .recycled, .disqualified],
            .sql: [.opportunity, .recycled, .disqualified],
            .opportunity: [.won, .lost],
            .recycled: [.mql, .sql, .disqualified],
            .lost: [.recycled],
        ],
        terminal: [.won, .disqualified]
    )

    /// Whether a lead may move directly from one stage to another.
    public func allows(from: Stage, to: Stage) -> Bool {
        transitions[from]?.contains(to) ?? false
    }

    /// Whether the graph has this stage.
    public func contains(_ stage: Stage) -> Bool { stages.contains(stage) }

    /// The position of a stage in funnel order; unknown stages sort last.
    public func rank(of stage: Stage) -> Int { stages.firstIndex(of: stage) ?? stages.count }

    /// Checks the move and throws a typed error when the graph does not allow it.
    ///
    /// - Throws: ``LeadModelError`` with code `unknownStage` or `transitionNotAllowed`; the latter
    ///   lists the stages that are allowed from `from`.
    public func checkMove(of lead: LeadID, from: Stage, to: Stage) throws(LeadModelError) {
        guard contains(to) else {
            throw LeadModelError(
                .unknownStage, leadID: lead,
                message: "unknown stage '\(to)'; the stages are \(stages.map(\.rawValue).joined(separator: ", "))")
        }
        guard allows(from: from, to: to) else {
            let allowed = (transitions[from] ?? []).map(\.rawValue)
            throw LeadModelError(
                .transitionNotAllowed, leadID: lead,
                message:
                    "cannot move from '\(from)' to '\(to)'; allowed from '\(from)': \(allowed.isEmpty ? "none" : allowed.joined(separator: ", "))"
            )
        }
    }

    /// Every structural problem with the graph, each with a JSON path relative to the graph.
    public func problems() -> [(path: String, message: String)] {
        var found: [(String, String)] = []
        if stages.isEmpty { found.append(("stages", "at least one stage is required")) }
        var seen = Set<Stage>()
        for (index, stage) in stages.enumerated() {
            if stage.rawValue.isEmpty { found.append(("stages[\(index)]", "a stage name is empty")) }
            if !seen.insert(stage).inserted {
                found.append(("stages[\(index)]", "stage '\(stage)' is listed twice"))
            }
        }
        if !seen.contains(initial) {
            found.append(("initial", "initial stage '\(initial)' is not in stages"))
        }
        for from in transitions.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            if !seen.contains(from) {
                found.append(("transitions.\(from)", "stage '\(from)' is not in stages"))
            }
            for (index, to) in (transitions[from] ?? []).enumerated() where !seen.contains(to) {
                found.append(("transitions.\(from)[\(index)]", "stage '\(to)' is not in stages"))
            }
        }
        for (index, stage) in terminal.enumerated() where !seen.contains(stage) {
            found.append(("terminal[\(index)]", "stage '\(stage)' is not in stages"))
        }
        return found
    }

    private enum CodingKeys: String, CodingKey { case stages, initial, transitions, terminal }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stages = try container.decode([Stage].self, forKey: .stages)
        initial = try container.decodeIfPresent(Stage.self, forKey: .initial) ?? stages.first ?? .lead
        let raw = try container.decode([String: [Stage]].self, forKey: .transitions)
        transitions = Dictionary(uniqueKeysWithValues: raw.map { (Stage($0.key), $0.value) })
        terminal = try container.decodeIfPresent([Stage].self, forKey: .terminal) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stages, forKey: .stages)
        try container.encode(initial, forKey: .initial)
        let raw = Dictionary(uniqueKeysWithValues: transitions.map { ($0.key.rawValue, $0.value) })
        try container.encode(raw, forKey: .transitions)
        try container.encode(terminal, forKey: .terminal)
    }
}
