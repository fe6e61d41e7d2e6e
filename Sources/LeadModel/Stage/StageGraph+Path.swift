extension StageGraph {
    /// The shortest chain of allowed moves from one stage to another, without the start.
    ///
    /// Used to bring a lead up to a stage that an outside fact implies (an imported deal puts
    /// a lead that is still an MQL into the opportunity stage by way of SQL). Moves are tried in
    /// the graph's listed order, so the path is deterministic.
    ///
    /// ```swift
    /// StageGraph.standard.path(from: .mql, to: .opportunity)   // [.sql, .opportunity]
    /// ```
    ///
    /// - Returns: the stages to enter in order (empty when `from == to`), or `nil` when the
    ///   graph has no such path.
    public func path(from: Stage, to: Stage) -> [Stage]? {
        if from == to { return [] }
        var previous: [Stage: Stage] = [from: from]
        var queue = [from]
        var index = 0
        while index < queue.count {
            let current = queue[index]
            index += 1
            for next in transitions[current] ?? [] where previous[next] == nil {
                previous[next] = current
                if next == to {
                    var path = [to]
                    var step = current
                    while step != from {
                        path.append(step)
                        step = previous[step]!
                    }
                    return path.reversed()
                }
                queue.append(next)
            }
        }
        return nil
    }
}
