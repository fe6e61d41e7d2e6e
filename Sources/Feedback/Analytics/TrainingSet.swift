import Foundation
import LeadModel

/// A training set for a learned scorer: one row per lead sales decided on, with its
/// attribution, firmographic attributes, score, signal counts per kind, and the outcome.
///
/// Columns, in order: `lead_id`, `source`, `campaign`, `message_angle`, `segment`, one
/// `attr_<name>` per custom attribute seen on any decided lead (sorted by name), `fit`,
/// `engagement`, `total`, one `signals_<kind>` per signal kind seen (sorted), `accepted` (1/0)
/// and `converted` (1/0, the lead reached an opportunity or a win). Contact data (email,
/// phone, names, title) is never exported; an erased lead has no attributes left.
///
/// ```swift
/// try TrainingSet(facts).csv.write(to: url, atomically: true, encoding: .utf8)
/// ```
public struct TrainingSet: Hashable, Sendable {
    /// The column names.
    public var columns: [String]
    /// The rows, oldest lead first; each has one value per column.
    public var rows: [[String]]

    /// Builds the set from the decided leads.
    public init(_ facts: FeedbackFacts) {
        let decided = facts.all.filter { !$0.merged && $0.isDecided }
        let attributes = Set(decided.flatMap { $0.lead.attributes.keys }).sorted()
        let kinds = Set(decided.flatMap { $0.signalCounts.keys }).sorted()
        columns =
            ["lead_id", "source", "campaign", "message_angle", "segment"] + attributes.map { "attr_\($0)" }
            + ["fit", "engagement", "total"] + kinds.map { "signals_\($0.rawValue)" } + ["accepted", "converted"]
        rows = decided.map { lead in
            var row = [lead.id.rawValue, lead.source, lead.campaign, lead.messageAngle, lead.segment]
            row += attributes.map { lead.lead.attributes[$0]?.text ?? "" }
            row += [lead.score?.fit, lead.score?.engagement, lead.score?.total].map { $0.map(Self.number) ?? "" }
            row += kinds.map { String(lead.signalCounts[$0] ?? 0) }
            row += [lead.wasAccepted ? "1" : "0", facts.converted(lead) ? "1" : "0"]
            return row
        }
    }

    /// The set as CSV text with a header line, lines ending in `\n`.
    public var csv: String {
        ([CSVText.line(columns)] + rows.map(CSVText.line)).joined(separator: "\n") + "\n"
    }

    /// A number with at most 4 decimals (`58.07`, not `58.06999999999999`).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }
}
