import Foundation

/// Marketing spend per source for the period, for the cost-per-closed-deal KPI.
///
/// Read from CSV with a header row naming a `source` column and a `spend` column (in any order,
/// case-insensitive; other columns are ignored):
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

    /// Parses CSV text. Fields may be quoted; a source listed twice adds up.
    ///
    /// - Parameters:
    ///   - csv: the text.
    ///   - name: the file name, used in errors.
    /// - Throws: ``ScoreboardError`` `invalidSpend` naming the line: a missing `source` or
    ///   `spend` column, a row with too few fields, or a spend that is not a number of 0 or more.
    public init(csv: String, name: String = "spend") throws(ScoreboardError) {
        var rows = csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated().map { ($0.offset + 1, String($0.element)) }
            .filter { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !rows.isEmpty else {
            throw ScoreboardError(.invalidSpend, field: name, message: "expected a header row: source,spend")
        }
        let header = Self.fields(rows.removeFirst().1).map { $0.lowercased() }
        guard let sourceColumn = header.firstIndex(of: "source"), let spendColumn = header.firstIndex(of: "spend")
        else {
            throw ScoreboardError(
                .invalidSpend, field: name, line: 1, message: "expected columns named source and spend")
        }
        var bySource: [String: Double] = [:]
        for (line, text) in rows {
            let fields = Self.fields(text)
            guard fields.count > max(sourceColumn, spendColumn) else {
                throw ScoreboardError(
                    .invalidSpend, field: name, line: line, message: "expected \(header.count) fields")
            }
            let amount = fields[spendColumn].replacingOccurrences(of: ",", with: "")
            guard let spend = Double(amount), spend.isFinite, spend >= 0 else {
                throw ScoreboardError(
                    .invalidSpend, field: name, line: line, message: "expected a spend of 0 or more, such as 12000.50")
            }
            bySource[fields[sourceColumn], default: 0] += spend
        }
        self.init(bySource)
    }

    /// Splits one CSV line: commas separate, double quotes quote, `""` is a quote.
    private static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    quoted = false
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                if current.last == "\"" || !current.isEmpty { current.append(character) } else { quoted = true }
            } else if character == "," {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
