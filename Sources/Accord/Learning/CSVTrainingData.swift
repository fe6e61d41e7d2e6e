import Foundation
public import Scoring

/// A training set read from a CSV file with a named outcome column.
///
/// ```swift
/// let data = try CSVTrainingData(url: url, target: "converted", exclude: ["id", "closed_at"])
/// let model = try LearnedModel.train(data.set, createdAt: .now)
/// for column in data.columns { print(column.name, column.kind) }
/// ```
///
/// The first record is the header. Every other column but the target and the excluded ones is a
/// feature; its type is inferred (see ``ColumnInference``). Columns with no value in any row
/// are left out (listed in ``emptyColumns``). Rows are kept in file order, and each row's origin
/// is `line N`.
///
/// A time column (``timeColumn``) is not a feature: it dates each row
/// (``Scoring/TrainingRow/observedAt``), so that the drift check can hold out the most recent rows. Without
/// one the rows have no time, and a split by file order would not be a split by time.
public struct CSVTrainingData: Sendable {
    /// The rows and feature columns.
    public var set: TrainingSet
    /// How each feature column was read, in order.
    public var columns: [ColumnInference]
    /// Feature columns left out because they never had a value.
    public var emptyColumns: [String]
    /// The outcome column.
    public var target: String
    /// The column that dates the rows, as the header spells it; `nil` when none was named.
    public var timeColumn: String?

    /// Reads a CSV file.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - target: the outcome column's name (exact, or differing only in case).
    ///   - exclude: columns to leave out (ids, leakage such as a close date).
    ///   - timeColumn: the column that dates each row, or `nil`; every row needs a date there.
    ///   - dateFormat: how the time column's dates are written (ISO 8601 by default).
    ///   - delimiter: the field separator.
    /// - Throws: ``ImportError`` when the file cannot be read as CSV; ``LearningError`` for an
    ///   unknown target, time or excluded column, an outcome that is not an accepted word or a
    ///   time that is not a date (naming the line and column), or no rows or no features.
    public init(
        url: URL, target: String, exclude: [String] = [], timeColumn: String? = nil,
        dateFormat: ImportDateFormat = .iso8601, delimiter: Character = ","
    ) throws {
        try self.init(
            reader: try CSVReader(url: url, delimiter: delimiter), target: target, exclude: exclude,
            timeColumn: timeColumn, dateFormat: dateFormat)
    }

    /// Reads CSV from bytes in memory; see ``init(url:target:exclude:timeColumn:dateFormat:delimiter:)``.
    public init(
        data: Data, target: String, exclude: [String] = [], timeColumn: String? = nil,
        dateFormat: ImportDateFormat = .iso8601, delimiter: Character = ","
    ) throws {
        try self.init(
            reader: try CSVReader(data: data, delimiter: delimiter), target: target, exclude: exclude,
            timeColumn: timeColumn, dateFormat: dateFormat)
    }

    init(reader: CSVReader, target: String, exclude: [String], timeColumn: String?, dateFormat: ImportDateFormat)
        throws
    {
        guard let header = try reader.next() else {
            throw LearningError(.noData, message: "the CSV file is empty; expected a header row and data rows")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        func find(_ name: String, _ code: LearningError.Code, role: String) throws -> Int {
            if let index = names.firstIndex(of: name) { return index }
            if let index = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return index }
            let hint = NameSuggestion.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw LearningError(
                code, column: name,
                message: "no such \(role) column in the header\(hint); columns: \(names.joined(separator: ", "))")
        }
        let targetIndex = try find(target, .unknownTarget, role: "target")
        var excluded: Set<Int> = [targetIndex]
        let timeIndex = try timeColumn.map { name throws in try find(name, .unknownColumn, role: "time") }
        if let timeIndex {
            guard timeIndex != targetIndex else {
                throw LearningError(
                    .unknownColumn, column: names[timeIndex], message: "the time column cannot be the target column")
            }
            excluded.insert(timeIndex)
        }
        for name in exclude.map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            excluded.insert(try find(name, .unknownColumn, role: "excluded"))
        }
        let featureIndices = names.indices.filter { !excluded.contains($0) }
        var texts = [[String]](repeating: [], count: featureIndices.count)
        var outcomes: [Bool] = []
        var lines: [Int] = []
        var times: [Date] = []
        while let record = try reader.next() {
            let raw = record.fields[targetIndex]
            guard let outcome = OutcomeValue.parse(raw) else {
                throw LearningError(
                    .invalidOutcome, line: record.line, column: names[targetIndex],
                    message:
                        "'\(raw)' is not an outcome; expected 1/0, yes/no, true/false, won/lost or converted/not converted"
                )
            }
            if let timeIndex {
                let text = record.fields[timeIndex]
                guard let time = dateFormat.date(from: text) else {
                    throw LearningError(
                        .invalidTime, line: record.line, column: names[timeIndex],
                        message: "'\(text)' is not a date; \(dateFormat.problem(with: text))")
                }
                times.append(time)
            }
            outcomes.append(outcome)
            lines.append(record.line)
            for (slot, index) in featureIndices.enumerated() { texts[slot].append(record.fields[index]) }
        }
        guard !outcomes.isEmpty else {
            throw LearningError(.noData, message: "the CSV file has a header but no data rows")
        }
        var inferences: [ColumnInference] = []
        var kept: [Int] = []
        var empty: [String] = []
        for (slot, index) in featureIndices.enumerated() {
            let inference = ColumnInference(name: names[index], texts: texts[slot])
            if inference.present == 0 {
                empty.append(inference.name)
            } else {
                inferences.append(inference)
                kept.append(slot)
            }
        }
        guard !kept.isEmpty else {
            throw LearningError(
                .noData, message: "no feature columns are left after the target, exclusions and empty columns")
        }
        let rows = outcomes.indices.map { row in
            TrainingRow(
                values: zip(inferences, kept).map { inference, slot in inference.value(texts[slot][row]) },
                converted: outcomes[row], observedAt: times.isEmpty ? nil : times[row], origin: "line \(lines[row])")
        }
        set = try TrainingSet(columns: inferences.map { TrainingColumn($0.name, $0.kind) }, rows: rows)
        columns = inferences
        emptyColumns = empty
        self.target = names[targetIndex]
        self.timeColumn = timeIndex.map { names[$0] }
    }
}
