import Foundation
public import Scoreboard

extension SpendTable {
    /// Parses marketing spend from CSV with the import's reader (``Accord/CSVReader``): a header row
    /// naming a `source` and a `spend` column (any order, any case; other columns are ignored),
    /// then one row per source. Fields may be quoted and are trimmed; blank lines are skipped;
    /// a source listed twice adds up; a spend may group thousands with commas (`"12,000"`).
    ///
    /// ```swift
    /// let spend = try SpendTable(csv: "source,spend\nwebinar,12000\n", name: "spend.csv")
    /// ```
    ///
    /// - Parameters:
    ///   - csv: the text.
    ///   - name: the file name, used in errors.
    /// - Throws: ``Scoreboard/ScoreboardError`` `invalidSpend` naming the line: a missing
    ///   `source` or `spend` column, a row with another number of fields than the header, an
    ///   unterminated quote, or a spend that is not a number of 0 or more.
    public init(csv: String, name: String = "spend") throws(ScoreboardError) {
        do {
            let reader = try CSVReader(data: Data(csv.utf8))
            guard let header = try reader.next() else {
                throw ScoreboardError(.invalidSpend, field: name, message: "expected a header row: source,spend")
            }
            let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let source = columns.firstIndex(of: "source"), let spend = columns.firstIndex(of: "spend") else {
                throw ScoreboardError(
                    .invalidSpend, field: name, line: header.line, message: "expected columns named source and spend")
            }
            var bySource: [String: Double] = [:]
            while let record = try reader.next() {
                let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
                guard let amount = Double(fields[spend].replacing(",", with: "")), amount.isFinite, amount >= 0 else {
                    throw ScoreboardError(
                        .invalidSpend, field: name, line: record.line,
                        message: "expected a spend of 0 or more, such as 12000.50")
                }
                bySource[fields[source], default: 0] += amount
            }
            self.init(bySource)
        } catch let error as ScoreboardError {
            throw error
        } catch let error as ImportError {
            throw ScoreboardError(.invalidSpend, field: name, line: error.line, message: error.message)
        } catch {
            throw ScoreboardError(.invalidSpend, field: name, message: "\(error)")
        }
    }
}
