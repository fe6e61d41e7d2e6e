import Foundation
import LeadModel

/// Reads an import file of leads or signals as typed records, in batches, with line numbers.
///
/// The parsing layer of `accord import`: it opens a CSV or JSON Lines file, applies an
/// ``ImportMapping``, types the values, and hands back ``ImportRecord``s. It never touches the
/// journal. Check the whole file first with ``validateAll(maxReported:)`` so that bad rows are
/// reported by line and nothing is half-imported; then append with ``nextBatch(max:)``:
///
/// ```swift
/// let reader = try ImportReader(url: url, kind: .leads, mapping: try ImportMapping(parsing: map))
/// let report = try reader.validateAll()
/// guard report.isValid else { report.errors.forEach { print($0) }; return }
/// while case let batch = try reader.nextBatch(max: 1_000), !batch.isEmpty {
///     try await engine.capture(batch.map(\.record))
///     print("imported up to line \(batch.last!.line)")
/// }
/// ```
///
/// Identity comes from each row's content, never from the file's name or the row's line, so
/// weekly exports that are all called `leads.csv`, or a re-export with rows added or reordered,
/// never make two people one:
/// - a lead row is the person its identity fields name: the `id` column when one is mapped and
///   non-blank (the record keeps it as ``LeadModel/Lead/id``), else the email, phone and
///   external ids that the engine's identity resolution matches on (``LeadModel/Lead/id`` is
///   then empty and the engine mints one for a new person). A lead row without any of these is
///   a row error (``ImportError/Code/missingField``): nothing could tell it apart from others.
/// - a signal row's idempotency key is its mapped `idempotencyKey` column when given, else
///   `import:` and a digest of the row's content: the person's identity fields (id, email
///   trimmed and lowercased, phone digits, external ids), the kind, the instant, the source, the campaign and the properties. Importing the same
///   rows again records nothing; rows that differ in any of these are distinct signals; two
///   identical rows are one signal.
///
/// A leads row may carry its history: `createdAt`, `stage` and `stageDate` columns (or
/// ``ImportHistoryOptions/startingStage`` for every row) make it an
/// ``ImportRecord/historicalLead(_:_:)``, which the engine captures at its creation time and
/// places at its stage as history. Dates are read by ``dateFormat``: ISO 8601 unless a pattern
/// is given, and a day-month date is never guessed. A CSV header from a known export (HubSpot
/// contacts, Salesforce leads or contacts) is recognised (``recognisedExport``), and
/// ``validateAll(maxReported:)`` reports the mapping in use column by column.
///
/// Blank rows (every mapped value missing) are skipped. Fields, columns and rows are bounded by
/// ``limits`` (``ImportLimits``), so a malformed file fails fast instead of filling memory. A
/// CSV file read with the default `,` whose header has no comma but a `;`, tab or `|` is
/// reported as ``ImportError/Code/wrongDelimiter``: its rows would otherwise be read as one
/// column.
///
/// A reader is an iterator with a position: it is not `Sendable`; use it from one task.
public final class ImportReader {
    /// Whether the file holds leads or signals.
    public let kind: ImportKind
    /// The file format.
    public let format: ImportFormat
    /// The mapping applied to every row.
    public let mapping: ImportMapping
    /// The file's name, such as `leads.csv`, for messages.
    public let sourceName: String
    /// The largest field, column count and row accepted.
    public let limits: ImportLimits
    /// How dates are read: ISO 8601 by default, or a pattern and a time zone.
    public let dateFormat: ImportDateFormat
    /// How a leads import reads the lead's history: a constant stage, the stages allowed, the
    /// latest date allowed.
    public let history: ImportHistoryOptions

    private let openSource: () throws -> ByteChunkSource
    private let csvDelimiter: Character
    private var stream: RowStream?
    private var builder: ImportRecordBuilder

    /// Opens an import file.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - kind: Whether it holds leads or signals.
    ///   - format: The format; by default told from the extension (`.csv`, `.jsonl`, `.ndjson`).
    ///   - mapping: Which column goes where; ``ImportMapping/automatic`` by default.
    ///   - csvDelimiter: The CSV field separator, `,` by default.
    ///   - limits: The largest field, column count and row accepted; ``ImportLimits/standard``
    ///     by default.
    ///   - dateFormat: How dates are read; ISO 8601 in UTC by default.
    ///   - history: How a leads import reads creation times and stages.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/unsupportedFormat`` when the format
    ///   cannot be told, or ``ImportError/Code/unreadableFile``. Problems with the header or the
    ///   mapping are not thrown here: ``validateAll(maxReported:)`` reports them all, and
    ///   ``nextBatch(max:)`` throws the first.
    public convenience init(
        url: URL, kind: ImportKind, format: ImportFormat? = nil,
        mapping: ImportMapping = .automatic, csvDelimiter: Character = ",",
        limits: ImportLimits = .standard, dateFormat: ImportDateFormat = .iso8601,
        history: ImportHistoryOptions = ImportHistoryOptions()
    ) throws {
        try self.init(
            sourceName: url.lastPathComponent, kind: kind,
            format: try format ?? ImportFormat.detect(from: url), mapping: mapping,
            csvDelimiter: csvDelimiter, limits: limits, dateFormat: dateFormat, history: history,
            openSource: { try ByteChunkSource(url: url, chunkSize: 64 * 1024) })
    }

    /// Reads an import from bytes in memory, such as standard input read whole.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - name: The name for messages, such as `"stdin"`.
    ///   - kind: Whether it holds leads or signals.
    ///   - format: The format.
    ///   - mapping: Which column goes where.
    ///   - csvDelimiter: The CSV field separator.
    ///   - limits: The largest field, column count and row accepted.
    ///   - dateFormat: How dates are read; ISO 8601 in UTC by default.
    ///   - history: How a leads import reads creation times and stages.
    /// - Throws: ``ImportError`` when the delimiter is not a single plain ASCII character.
    public convenience init(
        data: Data, name: String, kind: ImportKind, format: ImportFormat,
        mapping: ImportMapping = .automatic, csvDelimiter: Character = ",",
        limits: ImportLimits = .standard, dateFormat: ImportDateFormat = .iso8601,
        history: ImportHistoryOptions = ImportHistoryOptions()
    ) throws {
        try self.init(
            sourceName: name, kind: kind, format: format, mapping: mapping,
            csvDelimiter: csvDelimiter, limits: limits, dateFormat: dateFormat, history: history,
            openSource: { ByteChunkSource(data: data, chunkSize: 64 * 1024) })
    }

    private init(
        sourceName: String, kind: ImportKind, format: ImportFormat, mapping: ImportMapping,
        csvDelimiter: Character, limits: ImportLimits, dateFormat: ImportDateFormat,
        history: ImportHistoryOptions, openSource: @escaping () throws -> ByteChunkSource
    ) throws {
        self.sourceName = sourceName
        self.limits = limits
        self.dateFormat = dateFormat
        self.history = history
        self.kind = kind
        self.format = format
        self.mapping = mapping
        self.csvDelimiter = csvDelimiter
        self.openSource = openSource
        let stream = try Self.openStream(
            openSource, format: format, kind: kind, mapping: mapping, delimiter: csvDelimiter, limits: limits)
        self.stream = stream
        self.builder = ImportRecordBuilder(
            kind: kind, mapping: mapping, dateFormat: dateFormat, history: history, export: stream.export)
    }

    /// The export Accord recognised from the CSV header (HubSpot contacts, Salesforce leads or
    /// contacts), whose own columns the automatic mapping reads; `nil` for other files.
    public var recognisedExport: ImportExportProfile? { stream?.export }

    /// Reads the next records, up to `max`, skipping blank rows.
    ///
    /// - Parameter max: The largest batch to return; at least 1.
    /// - Returns: The records with the line where each starts; empty at the end of the file.
    /// - Throws: The first ``ImportError`` met: a header or mapping problem, or a bad row. Call
    ///   ``validateAll(maxReported:)`` first to know of every problem before importing.
    public func nextBatch(max: Int) throws -> [(line: Int, record: ImportRecord)] {
        guard let stream else { return [] }
        if let problem = stream.setupErrors.first { throw problem }
        var batch: [(line: Int, record: ImportRecord)] = []
        while batch.count < Swift.max(1, max), let row = try stream.next() {
            let built = builder.build(row)
            if let problem = built.errors.first { throw problem }
            if let record = built.record { batch.append((row.line, record)) }
        }
        return batch
    }

    /// Checks the whole file without importing anything, collecting every problem.
    ///
    /// Reads the file from the start on its own, so it does not move ``nextBatch(max:)``'s
    /// position. Header and mapping problems come first, then row problems in file order; a row
    /// may have several. An unterminated CSV quote ends the check, since the rest of the file is
    /// inside it.
    ///
    /// - Parameter maxReported: How many problems to keep in the report; the rest are counted.
    /// - Returns: The report: problems, their total count, and how many records are fine.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/unreadableFile`` when the file
    ///   cannot be read.
    public func validateAll(maxReported: Int = 100) throws -> ImportValidationReport {
        let stream = try Self.openStream(
            openSource, format: format, kind: kind, mapping: mapping, delimiter: csvDelimiter, limits: limits)
        var builder = ImportRecordBuilder(
            kind: kind, mapping: mapping, dateFormat: dateFormat, history: history, export: stream.export)
        var errors: [ImportError] = []
        var columns: [String] = stream.header
        var seenColumns = Set(columns)
        var errorCount = 0
        var validCount = 0
        func report(_ problems: [ImportError]) {
            errorCount += problems.count
            errors.append(contentsOf: problems.prefix(Swift.max(0, maxReported - errors.count)))
        }
        report(stream.setupErrors)
        while true {
            let row: ImportRow?
            do {
                row = try stream.next()
            } catch let error as ImportError where error.code != .unreadableFile {
                report([error])
                continue
            }
            guard let row else { break }
            if format == .jsonLines {
                for cell in row.cells where seenColumns.insert(cell.name).inserted { columns.append(cell.name) }
            }
            let built = builder.build(row)
            report(built.errors)
            if built.errors.isEmpty, built.record != nil { validCount += 1 }
        }
        var result = ImportValidationReport(
            errors: errors, errorCount: errorCount, validRecordCount: validCount)
        result.recognisedExport = stream.export?.name
        result.columns = columns.map { column in
            ImportValidationReport.Column(name: column, target: builder.target(for: column))
        }
        return result
    }

    private static func openStream(
        _ openSource: () throws -> ByteChunkSource, format: ImportFormat, kind: ImportKind,
        mapping: ImportMapping, delimiter csvDelimiter: Character, limits: ImportLimits
    ) throws -> RowStream {
        let source = try openSource()
        switch format {
        case .jsonLines:
            return RowStream(
                jsonLines: JSONLinesReader(source: source, limits: limits), kind: kind,
                mapping: mapping)
        case .csv:
            return try RowStream(
                csv: CSVReader(source: source, delimiter: csvDelimiter, limits: limits),
                kind: kind, mapping: mapping)
        }
    }
}

/// The rows of a CSV or JSON Lines file, with the problems of its header and mapping. Internal.
final class RowStream {
    private let csv: CSVReader?
    private let jsonLines: JSONLinesReader?
    /// The CSV header's column names; empty for JSON Lines.
    private(set) var header: [String] = []
    /// The export recognised from the CSV header.
    private(set) var export: ImportExportProfile?
    /// Problems found before the first row: header and mapping.
    private(set) var setupErrors: [ImportError]

    init(jsonLines: JSONLinesReader, kind: ImportKind, mapping: ImportMapping) {
        self.csv = nil
        self.jsonLines = jsonLines
        self.setupErrors = mapping.problems(for: kind)
    }

    init(csv: CSVReader, kind: ImportKind, mapping: ImportMapping) throws {
        self.csv = csv
        self.jsonLines = nil
        self.setupErrors = mapping.problems(for: kind)
        let headerRecord: CSVRecord?
        do {
            headerRecord = try csv.next()
        } catch let error as ImportError where error.code != .unreadableFile {
            setupErrors.append(error)
            return
        }
        guard let headerRecord else {
            setupErrors.append(
                ImportError(
                    .missingHeader, line: 1,
                    message: "the file is empty; expected a header row naming the columns"))
            return
        }
        if csv.delimiter == UInt8(ascii: ","), headerRecord.fields.count == 1,
            let other = [";", "\t", "|"].first(where: { headerRecord.fields[0].contains($0) })
        {
            let shown = other == "\t" ? "tab" : "'\(other)'"
            let option = other == "\t" ? "--delimiter $'\\t'" : "--delimiter '\(other)'"
            setupErrors.append(
                ImportError(
                    .wrongDelimiter, line: headerRecord.line,
                    message:
                        "the header has no comma but is separated by \(shown); give the delimiter (\(option) with accord import), or every row is read as one column"
                ))
            return
        }
        header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        export = ImportExportProfile.recognise(header, kind: kind)
        setupErrors += Self.headerProblems(
            header, line: headerRecord.line, kind: kind, mapping: mapping, export: export)
    }

    func next() throws -> ImportRow? {
        if let jsonLines { return try jsonLines.next() }
        guard let csv, !header.isEmpty, let record = try csv.next() else { return nil }
        var cells: [ImportRow.Cell] = []
        cells.reserveCapacity(header.count)
        for (name, field) in zip(header, record.fields) {
            cells.append(ImportRow.Cell(name: name, value: .text(field)))
        }
        return ImportRow(line: record.line, cells: cells)
    }

    private static func headerProblems(
        _ header: [String], line: Int, kind: ImportKind, mapping: ImportMapping,
        export: ImportExportProfile?
    ) -> [ImportError] {
        var problems: [ImportError] = []
        var seen: Set<String> = []
        for name in header where !seen.insert(name.lowercased()).inserted {
            problems.append(
                ImportError(
                    .duplicateColumn, line: line, column: name,
                    message: "two columns have this name; rename one so each column is distinct"))
        }
        let lowered = Set(header.map { $0.lowercased() })
        for column in mapping.columns.keys.sorted() where !lowered.contains(column.lowercased()) {
            problems.append(
                ImportError(
                    .unknownColumn, line: line, column: column,
                    message: "the mapping names this column but the header has no such column"))
        }
        var owners: [String: String] = [:]
        for name in header {
            guard let target = mapping.target(for: name, kind: kind, export: export), target.isAllowed(in: kind)
            else { continue }
            let key = ImportTarget(target.field).description
            if let first = owners[key] {
                problems.append(
                    ImportError(
                        .duplicateColumn, line: line, column: name,
                        message:
                            "both \"\(first)\" and this column map to \(key); map one of them to - to ignore it"
                    ))
            } else {
                owners[key] = name
            }
        }
        if kind == .signals {
            let fields = header.compactMap { mapping.target(for: $0, kind: kind, export: export)?.field }
            if !fields.contains(.kind) {
                problems.append(
                    ImportError(
                        .missingField, line: line, column: "kind",
                        message:
                            "no column gives the signal kind; add a kind column or map one to kind")
                )
            }
            if !fields.contains(.occurredAt) {
                problems.append(
                    ImportError(
                        .missingField, line: line, column: "occurredAt",
                        message:
                            "no column gives when the signal happened; add an occurredAt column or map one to occurredAt"
                    ))
            }
        }
        return problems
    }
}

/// Not `Sendable`: a reader has a position in its file. Create and use it in one task.
@available(*, unavailable)
extension ImportReader: Sendable {}
