public import Feedback
import Foundation
import LeadModel
public import Scoring

extension TrainingSet {
    /// The leads sales decided on, as a training set for a learned scorer: what
    /// `accord feedback export-training` writes.
    ///
    /// One row per decided lead (a disposition recorded; leads merged into another left out),
    /// oldest lead first, its origin the lead's id and its outcome whether the lead reached a
    /// converted stage (``Feedback/FeedbackFacts/converted(_:)``: an opportunity or a win).
    /// Columns, in order: `source`, `campaign`, `message_angle`, `segment`, one `attr_<name>`
    /// per custom attribute seen on any decided lead (sorted by name; categorical, the
    /// attribute's text), `fit`, `engagement`, `total`, one `signals_<kind>` per signal kind
    /// seen (sorted) and `accepted` (1/0). Contact data (email, phone, names, title) is never
    /// included; an erased lead has no attributes left.
    ///
    /// ```swift
    /// let set = try TrainingSet.decidedLeads(facts)
    /// try set.csv().write(to: url, atomically: true, encoding: .utf8)
    /// ```
    ///
    /// - Parameter facts: the folded journal.
    /// - Returns: the set; empty when no lead was decided.
    /// - Throws: ``Scoring/LearnedModelError`` `invalidTrainingSet` should two columns share a
    ///   name (they cannot: each family has its own prefix).
    public static func decidedLeads(_ facts: FeedbackFacts) throws(LearnedModelError) -> TrainingSet {
        let decided = facts.all.filter { !$0.merged && $0.isDecided }
        let attributes = Set(decided.flatMap { $0.lead.attributes.keys }).sorted()
        let kinds = Set(decided.flatMap { $0.signalCounts.keys }).sorted()
        var columns = ["source", "campaign", "message_angle", "segment"].map { TrainingColumn($0, .categorical) }
        columns += attributes.map { TrainingColumn("attr_\($0)", .categorical) }
        columns += ["fit", "engagement", "total"].map { TrainingColumn($0, .numeric) }
        columns += kinds.map { TrainingColumn("signals_\($0.rawValue)", .numeric) }
        columns.append(TrainingColumn("accepted", .numeric))
        let rows = decided.map { lead in
            var values: [FeatureValue] = [lead.source, lead.campaign, lead.messageAngle, lead.segment].map {
                .category($0)
            }
            values += attributes.map { name in lead.lead.attributes[name].map { .category($0.text) } ?? .missing }
            values += [lead.score?.fit, lead.score?.engagement, lead.score?.total].map {
                $0.map(FeatureValue.number) ?? .missing
            }
            values += kinds.map { .number(Double(lead.signalCounts[$0] ?? 0)) }
            values.append(.number(lead.wasAccepted ? 1 : 0))
            return TrainingRow(
                values: values, converted: facts.converted(lead), observedAt: lead.createdAt, origin: lead.id.rawValue)
        }
        return try TrainingSet(columns: columns, rows: rows)
    }

    /// The set as CSV text: a header line, then one line per row — the row's origin, its
    /// values, and its outcome as `1` or `0` — each line ending in `\n`.
    ///
    /// Numbers have at most 4 decimals (`58.07`, not `58.06999999999999`), categories are
    /// written as they are, missing values and non-finite numbers as empty fields; fields are
    /// quoted as RFC 4180 asks.
    ///
    /// - Parameters:
    ///   - idColumn: the name of the first column, which holds each row's origin.
    ///   - outcomeColumn: the name of the last column, which holds the outcome.
    /// - Returns: the text.
    public func csv(idColumn: String = "lead_id", outcomeColumn: String = "converted") -> String {
        var lines = [CSVText.line([idColumn] + columns.map(\.name) + [outcomeColumn])]
        for row in rows {
            let values = row.values.map { value in
                switch value {
                case .number(let number): Self.csvNumber(number)
                case .category(let text): text
                case .missing: ""
                }
            }
            lines.append(CSVText.line([row.origin ?? ""] + values + [row.converted ? "1" : "0"]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number with at most 4 decimals; empty when not finite.
    static func csvNumber(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }
}
