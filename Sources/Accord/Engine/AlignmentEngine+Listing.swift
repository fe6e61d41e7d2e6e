import Foundation
public import LeadModel

extension AlignmentEngine {
    /// The leads that match `query`, oldest first (by creation, then id), and how many match in
    /// all, so a caller that asked for a few can say how many more there are.
    ///
    /// - Parameter query: The fields to match and how many leads to return.
    /// - Returns: The number of matching leads and the first ``LeadQuery/limit`` of them.
    public func leads(matching query: LeadQuery) -> (total: Int, leads: [LeadState]) {
        // Sorting (time, id) pairs, not the states: a state is many bytes to move.
        var matching: [(createdAt: Date, id: LeadID)] = []
        for (id, state) in leads where query.matches(state) { matching.append((state.createdAt, id)) }
        matching.sort { ($0.createdAt, $0.id.rawValue) < ($1.createdAt, $1.id.rawValue) }
        let shown = query.limit.map { matching.prefix(max(0, $0)) } ?? matching[...]
        return (matching.count, shown.compactMap { projections.leads[$0.id] })
    }
}
