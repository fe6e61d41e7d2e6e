import Foundation

/// A named feature column of a ``TrainingSet``.
public struct TrainingColumn: Hashable, Sendable, Codable {
    /// The feature's name (`employees`, `attr.industry`, `count.email-opened`).
    public var name: String
    /// Whether the column is standardised or one-hot encoded.
    public var kind: FeatureKind

    /// Makes a column.
    public init(_ name: String, _ kind: FeatureKind) {
        self.name = name
        self.kind = kind
    }
}

/// One example to learn from: the raw values of every column and whether the lead converted.
public struct TrainingRow: Hashable, Sendable {
    /// The raw values, in the order of the set's columns.
    public var values: [FeatureValue]
    /// The outcome: `true` when the lead converted.
    public var converted: Bool
    /// When the row was observed (a lead's capture time), for the drift check's recent cohort.
    public var observedAt: Date?
    /// Where the row came from (`line 12`, a lead id), for error messages.
    public var origin: String?

    /// Makes a row.
    public init(values: [FeatureValue], converted: Bool, observedAt: Date? = nil, origin: String? = nil) {
        self.values = values
        self.converted = converted
        self.observedAt = observedAt
        self.origin = origin
    }
}

/// Rows of raw feature values with known outcomes: what a ``LearnedModel`` is trained from.
///
/// ```swift
/// let set = try TrainingSet(
///     columns: [TrainingColumn("employees", .numeric), TrainingColumn("industry", .categorical)],
///     rows: [TrainingRow(values: [.number(250), .category("healthcare")], converted: true),
///            TrainingRow(values: [.number(12), .missing], converted: false)])
/// ```
public struct TrainingSet: Sendable {
    /// The feature columns, in order.
    public let columns: [TrainingColumn]
    /// The examples.
    public let rows: [TrainingRow]

    /// Makes a set, checking that every row has a value for every column.
    ///
    /// - Parameters:
    ///   - columns: the feature columns; names must be unique.
    ///   - rows: the examples, each with one value per column.
    /// - Throws: ``LearnedModelError`` with code `invalidTrainingSet` naming the duplicate column
    ///   or the first row with the wrong number of values.
    public init(columns: [TrainingColumn], rows: [TrainingRow]) throws(LearnedModelError) {
        var seen: Set<String> = []
        for column in columns where !seen.insert(column.name).inserted {
            throw LearnedModelError(.invalidTrainingSet, "column '\(column.name)' appears twice")
        }
        for (index, row) in rows.enumerated() where row.values.count != columns.count {
            throw LearnedModelError(
                .invalidTrainingSet,
                "row \(row.origin ?? String(index + 1)) has \(row.values.count) values; expected \(columns.count)")
        }
        self.columns = columns
        self.rows = rows
    }

    /// The number of rows that converted.
    public var positives: Int { rows.reduce(0) { $0 + ($1.converted ? 1 : 0) } }

    /// The rows' outcomes, in order.
    public var outcomes: [Bool] { rows.map(\.converted) }

    /// A set of the rows at `indices`, in that order, with the same columns.
    public func subset(_ indices: some Sequence<Int>) -> TrainingSet {
        TrainingSet(checkedColumns: columns, rows: indices.map { rows[$0] })
    }

    private init(checkedColumns: [TrainingColumn], rows: [TrainingRow]) {
        self.columns = checkedColumns
        self.rows = rows
    }
}
