import Foundation

/// Marketing spend per source for the period, for the cost-per-closed-deal KPI.
///
/// Hosts that import `Accord` read one from CSV with `SpendTable(csv:name:)`, a header row
/// naming a `source` column and a `spend` column (in any order, case-insensitive; other columns
/// are ignored):
///
/// ```
/// source,spend
/// webinar,12000
/// paid-search,8400.50
/// ```
public struct SpendTable: Hashable, Sendable, Codable {
    /// Spend by source.
    public var bySource: [String: Double]

    /// Creates a table.
    public init(_ bySource: [String: Double] = [:]) {
        self.bySource = bySource
    }

    /// The spend of every source together.
    public var total: Double { bySource.values.reduce(0, +) }
}
