import Foundation
public import LeadModel

/// How a leads import reads the lead's history: a stage every row stood in, the stages a row
/// may name, and the time no history can be after.
///
/// ```swift
/// // A file where every row is an MQL, checked against the playbook's stages.
/// let options = ImportHistoryOptions(startingStage: .mql, stageGraph: playbook.stages.graph, now: Date())
/// let reader = try ImportReader(url: url, kind: .leads, history: options)
/// ```
public struct ImportHistoryOptions: Hashable, Sendable {
    /// The stage every row stood in, for an export of one stage (`--stage mql`); a row's own
    /// `stage` value wins over it.
    public var startingStage: Stage?
    /// The stages a row's `stage` may name; `nil` accepts any stage name. A CRM's lifecycle
    /// words (`marketingqualifiedlead`, `Sales Qualified Lead`, `customer`) read as the standard
    /// stages they mean, when the graph has them.
    public var stageGraph: StageGraph?
    /// Creation and stage dates after this instant are row errors; `nil` checks none.
    public var now: Date?

    /// Creates history options.
    ///
    /// - Parameters:
    ///   - startingStage: The stage every row stood in; `nil` for none.
    ///   - stageGraph: The stages a row may name; `nil` for any.
    ///   - now: The latest instant a date may name; `nil` for no check.
    public init(startingStage: Stage? = nil, stageGraph: StageGraph? = nil, now: Date? = nil) {
        self.startingStage = startingStage
        self.stageGraph = stageGraph
        self.now = now
    }

    /// The stage a row's `stage` value names: a stage of ``stageGraph`` by name (case aside),
    /// else the standard stage a CRM's lifecycle word means; `nil` when it names neither.
    ///
    /// HubSpot's lifecycle stages read as: `subscriber`, `lead` and `other` → `lead`;
    /// `marketingqualifiedlead` → `mql`; `salesqualifiedlead` → `sql`; `opportunity` →
    /// `opportunity`; `customer` and `evangelist` → `won`. Their labels (`Marketing Qualified
    /// Lead`) read the same, as do `MQL` and `SQL`.
    ///
    /// - Parameter text: The value, such as `marketingqualifiedlead` or `MQL`.
    /// - Returns: The stage, or `nil`.
    public func stage(named text: String) -> Stage? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let graph = stageGraph {
            if let own = graph.stages.first(where: { $0.rawValue.lowercased() == trimmed.lowercased() }) {
                return own
            }
        } else if !trimmed.isEmpty, Self.lifecycleWords[Self.key(trimmed)] == nil {
            return Stage(rawValue: trimmed)
        }
        guard let standard = Self.lifecycleWords[Self.key(trimmed)] else { return nil }
        if let graph = stageGraph, !graph.contains(standard) { return nil }
        return standard
    }

    /// The stage names a row may use, for messages.
    var expectedStages: String {
        let own = stageGraph.map { $0.stages.map(\.rawValue).joined(separator: ", ") }
        return (own.map { "a stage of the playbook (\($0))" } ?? "a stage name")
            + " or a lifecycle stage such as marketingqualifiedlead or customer"
    }

    private static func key(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// CRM lifecycle words by their letters and digits, lowercased.
    static let lifecycleWords: [String: Stage] = [
        "subscriber": .lead, "lead": .lead, "other": .lead, "newlead": .lead,
        "marketingqualifiedlead": .mql, "mql": .mql,
        "salesqualifiedlead": .sql, "sql": .sql,
        "opportunity": .opportunity,
        "customer": .won, "evangelist": .won,
    ]
}
