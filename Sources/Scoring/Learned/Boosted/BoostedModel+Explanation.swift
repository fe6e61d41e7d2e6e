import Dispatch

/// Why a ``BoostedModel`` gives a lead its score: each raw column's exact Shapley value.
public struct BoostedExplanation: Hashable, Sendable, Codable {
    /// The raw score of an average training row: what the contributions start from.
    public var expectedValue: Double
    /// The lead's raw score (log-odds): ``expectedValue`` plus every contribution.
    public var rawScore: Double
    /// The columns that moved the score, largest magnitude first; columns contributing exactly
    /// 0 are left out.
    public var contributions: [ColumnContribution]
}

/// One raw column's share of a prediction's raw score (log-odds).
public struct ColumnContribution: Hashable, Sendable, Codable {
    /// The raw column (`time_on_site`, `industry`).
    public var column: String
    /// The lead's value of it, as text (`1240`, `fintech`, `missing`).
    public var rawValue: String
    /// The column's Shapley value, in log-odds.
    public var contribution: Double
}

extension BoostedModel {
    /// The raw score of an average training row: every tree's leaf values weighted by the share
    /// of training rows that reached them, plus the ``baseline``. Contributions explain the
    /// difference between a row's raw score and this.
    public var expectedValue: Double {
        trees.reduce(baseline) { $0 + $1.expectedValue }
    }

    /// Explains the score of raw values looked up by column name: each column's exact Shapley
    /// value (TreeSHAP).
    ///
    /// ```swift
    /// let why = model.explain(["time_on_site": .number(1_240), "industry": .category("fintech")])
    /// for item in why.contributions.prefix(3) { print("\(item.column) \(item.rawValue): \(item.contribution)") }
    /// ```
    ///
    /// - Parameter values: raw values by column name; a column not given is missing.
    /// - Returns: the contributions, which sum to `rawScore − expectedValue`.
    public func explain(_ values: [String: FeatureValue]) -> BoostedExplanation {
        let row = row(values)
        let phi = contributions(bins: binner.bins(ofRow: row))
        return BoostedExplanation(model: self, row: row, contributions: phi, expectedValue: expectedValue)
    }

    /// Each column's exact Shapley value for raw values in the order of the training set's
    /// columns (TreeSHAP, Lundberg et al. 2018, Algorithm 2).
    ///
    /// The value of a set of columns is the expected raw score given them, where a split on an
    /// unknown column follows both children weighted by the number of training rows that reached
    /// each (the tree's ``BoostedTree/cover``). The result is exact and sums to
    /// `rawScore(ofRow:) − expectedValue` up to rounding.
    ///
    /// - Parameter values: one raw value per column.
    /// - Returns: one contribution per column, in column order.
    public func contributions(ofRow values: [FeatureValue]) -> [Double] {
        contributions(bins: binner.bins(ofRow: values))
    }

    /// Explains the scores of many leads at once: the same explanations as `explain(_:)` of one lead
    /// for each, in order, faster, because the trees are laid out for explaining once for the
    /// whole batch and the leads are shared out over the processor's cores.
    ///
    /// ```swift
    /// let explanations = model.explain(leads.map(\.features))
    /// ```
    ///
    /// - Parameter leads: each lead's raw values by column name; a column not given is missing.
    /// - Returns: one explanation per lead, in the order of `leads`.
    public func explain(_ leads: [[String: FeatureValue]]) -> [BoostedExplanation] {
        guard !leads.isEmpty else { return [] }
        let plan = ExplanationPlan(self)
        let expectedValue = expectedValue
        let columns = binner.columns.count
        let block = Self.explanationBlock
        var results = [BoostedExplanation?](repeating: nil, count: leads.count)
        let chunks = min((leads.count + block - 1) / block, 64)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each chunk writes its own slots only; `concurrentPerform` returns when all are done.
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                // One block's bins and contributions, row after row, reused for every block.
                var bins = [UInt8](repeating: 0, count: block * columns)
                var phi = [Double](repeating: 0, count: block * columns)
                let end = (chunk + 1) * leads.count / chunks
                for first in stride(from: chunk * leads.count / chunks, to: end, by: block) {
                    let rows = (first..<min(first + block, end)).map { row(leads[$0]) }
                    for (index, row) in rows.enumerated() {
                        for column in 0..<columns {
                            bins[index * columns + column] = binner.bin(row[column], column: column)
                        }
                    }
                    for index in phi.indices { phi[index] = 0 }
                    contributions(rows: rows.count, bins: bins, plan: plan, into: &phi)
                    for (index, row) in rows.enumerated() {
                        output[first + index] = BoostedExplanation(
                            model: self, row: row, contributions: phi[(index * columns)..<((index + 1) * columns)],
                            expectedValue: expectedValue)
                    }
                }
            }
        }
        return results.map { $0! }
    }

    /// How many leads a batch explains together: each tree's layout is read once for them.
    static let explanationBlock = 16

    /// Contributions of a binned row.
    func contributions(bins: [UInt8]) -> [Double] {
        // One row does not pay for a plan: Algorithm 2 needs no preparation.
        var phi = [Double](repeating: 0, count: binner.columns.count)
        TreeSHAP.accumulate(self, bins: bins, into: &phi)
        return phi
    }

    /// Adds the contributions of a binned row to `phi`, with a plan of this model's trees.
    func contributions(bins: [UInt8], plan: ExplanationPlan, into phi: inout [Double]) {
        contributions(rows: 1, bins: bins, plan: plan, into: &phi)
    }

    /// Adds the contributions of `rows` binned rows to `phi`, with a plan of this model's trees:
    /// row `r`'s bins and contributions are the `r`-th runs of one entry per column in `bins` and
    /// `phi`.
    func contributions(rows: Int, bins: [UInt8], plan: ExplanationPlan, into phi: inout [Double]) {
        let columns = binner.columns.count
        bins.withUnsafeBufferPointer { bins in
            phi.withUnsafeMutableBufferPointer { phi in
                plan.accumulate(rows: rows, bins: bins.baseAddress!, into: phi.baseAddress!, stride: columns)
            }
        }
        guard !plan.otherTrees.isEmpty else { return }
        for row in 0..<rows {
            let range = (row * columns)..<((row + 1) * columns)
            var other = [Double](repeating: 0, count: columns)
            TreeSHAP.accumulate(self, trees: plan.otherTrees, bins: Array(bins[range]), into: &other)
            for column in 0..<columns { phi[range.lowerBound + column] += other[column] }
        }
    }
}

extension BoostedExplanation {
    /// The explanation of `row` from its per-column contributions: the non-zero ones, largest
    /// magnitude first.
    init(model: BoostedModel, row: [FeatureValue], contributions phi: some Collection<Double>, expectedValue: Double) {
        var items: [ColumnContribution] = []
        for (position, (column, value)) in zip(model.binner.columns, phi).enumerated() where value != 0 {
            items.append(ColumnContribution(column: column.name, rawValue: row[position].text, contribution: value))
        }
        items.sort {
            abs($0.contribution) != abs($1.contribution)
                ? abs($0.contribution) > abs($1.contribution) : $0.column < $1.column
        }
        self.init(expectedValue: expectedValue, rawScore: phi.reduce(expectedValue, +), contributions: items)
    }
}

extension BoostedTree {
    /// The tree's value for an average training row: leaf values weighted by cover.
    var expectedValue: Double {
        guard cover[0] > 0 else { return value[0] }
        var sum = 0.0
        for node in feature.indices where feature[node] < 0 { sum += value[node] * cover[node] }
        return sum / cover[0]
    }
}
