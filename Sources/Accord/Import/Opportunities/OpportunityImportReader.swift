import Foundation
import LeadModel

/// Reads a CRM's opportunities export (CSV) into ``OpportunityRow``s, validating every row.
///
/// Columns map to ``OpportunityField``s by their header (`Opportunity ID`, `Amount`, `Close
/// Date`, `Account Name`, … map themselves, as do the headers of HubSpot's deal export and
/// Salesforce's Opportunities report) or by an explicit mapping such as
/// `"Deal=id,Contact Email=email,ARR=amount"`; columns that map to nothing are ignored. Each
/// row needs a deal id and a lead (a lead id or an email) or an account (a domain or a company
/// name) to attach to; a row with an account and no lead is an account-level deal.
///
/// An amount may be empty: an open or lost deal without one is a deal of unknown amount. A won
/// deal without one is an error when the file has amounts elsewhere (a value was left out), and
/// allowed when the file has no amount column or no amounts at all (``hasAmounts`` is `false`:
/// deal size and velocity then leave those deals out).
///
/// ```swift
/// let reader = try OpportunityImportReader(url: url, mapping: ["ARR": .amount])
/// let rows = try reader.rows()    // throws with every problem, by line and column
/// let summary = try await engine.importOpportunities(rows, by: .integration("crm"))
/// ```
public struct OpportunityImportReader: Sendable {
    /// The column → field mapping in effect.
    public let columns: [Int: OpportunityField]
    /// The header names, in file order.
    public let header: [String]
    private let records: [CSVRecord]
    private let name: String

    /// The default currency of rows without a currency column.
    public var defaultCurrency = "USD"

    /// How the status (or, without a status column, the deal stage) reads as open, won or lost.
    public var statuses = DealStatusMap.standard

    /// How the opening and close dates are read: ISO 8601 by default (`--date-format`).
    public var dateFormat = ImportDateFormat.iso8601

    /// Reads and maps a CSV file.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - mapping: header → field for columns whose header does not name their field; a `nil`
    ///     field ignores the column.
    ///   - delimiter: the field separator.
    /// - Throws: ``ImportError`` — `unreadableFile`, `missingHeader`, `wrongFieldCount` and the
    ///   other CSV errors; `unknownColumn` when the mapping names a header the file lacks;
    ///   `missingField` when no column gives the deal id, or the lead or account.
    public init(url: URL, mapping: [String: OpportunityField?] = [:], delimiter: Character = ",") throws {
        let reader = try CSVReader(url: url, delimiter: delimiter)
        try self.init(reader: reader, name: url.lastPathComponent, mapping: mapping)
    }

    /// Reads and maps CSV bytes; see ``init(url:mapping:delimiter:)``.
    public init(data: Data, name: String = "opportunities.csv", mapping: [String: OpportunityField?] = [:]) throws {
        try self.init(reader: CSVReader(data: data), name: name, mapping: mapping)
    }

    private init(reader: CSVReader, name: String, mapping: [String: OpportunityField?]) throws {
        guard let headerRecord = try reader.next() else {
            throw ImportError(.missingHeader, line: 1, message: "\(name) is empty; expected a header row")
        }
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        for column in mapping.keys.sorted() where !header.contains(where: { $0.lowercased() == column.lowercased() }) {
            throw ImportError(
                .unknownColumn, column: column,
                message:
                    "the mapping names a column the file does not have; the columns are \(header.joined(separator: ", "))"
            )
        }
        var columns: [Int: OpportunityField] = [:]
        for (index, title) in header.enumerated() {
            let named = mapping.first { $0.key.lowercased() == title.lowercased() }
            let field = named.map { $0.value } ?? OpportunityField(header: title)
            if let field { columns[index] = field }
        }
        let fields = Set(columns.values)
        guard fields.contains(.id) else {
            throw ImportError(
                .missingField, line: 1, column: "id",
                message: "no column gives the deal id; add one or map one with --map 'Column=id'")
        }
        guard fields.contains(.leadID) || fields.contains(.email) || fields.contains(.account) else {
            throw ImportError(
                .missingField, line: 1, column: "email",
                message: "no column finds the lead or the account; map a column to email, leadId or account")
        }
        self.columns = columns
        self.records = records
        self.name = name
    }

    /// Parses a CLI mapping such as `"Deal=id,Contact Email=email,Notes=-"`.
    ///
    /// - Throws: ``ImportError`` `invalidMapping` for an entry without `=`, `unknownTarget` for
    ///   an unknown field (the message lists the fields).
    public static func mapping(parsing text: String) throws -> [String: OpportunityField?] {
        var mapping: [String: OpportunityField?] = [:]
        for entry in text.split(separator: ",") {
            guard let equals = entry.lastIndex(of: "=") else {
                throw ImportError(
                    .invalidMapping, column: String(entry), message: "expected Column=field, such as Deal=id")
            }
            let column = entry[..<equals].trimmingCharacters(in: .whitespaces)
            let target = entry[entry.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if target == "-" {
                mapping[column] = .some(nil)
                continue
            }
            guard let field = OpportunityField(rawValue: target) ?? OpportunityField(header: target) else {
                throw ImportError(
                    .unknownTarget, column: column,
                    message:
                        "unknown field \"\(target)\"; expected one of \(OpportunityField.allCases.map(\.rawValue).joined(separator: ", ")) or -"
                )
            }
            mapping[column] = field
        }
        return mapping
    }

    /// Whether any row has an amount. When `false` (no amount column, or every amount empty), won
    /// deals without an amount are allowed, and deal size and velocity leave them out.
    public var hasAmounts: Bool {
        let amountColumns = columns.filter { $0.value == .amount }.map(\.key)
        guard !amountColumns.isEmpty else { return false }
        return records.contains { record in
            amountColumns.contains { $0 < record.fields.count && ImportValueParser.present(record.fields[$0]) != nil }
        }
    }

    /// Every row, validated.
    ///
    /// The status comes from ``statuses``: its constant, else the status column, else the deal
    /// stage column, else open. Status words the map does not know are reported once, with how
    /// many rows use each and the `--status-map` that would read them. A won deal without an
    /// amount is an error only when the file has amounts (``hasAmounts``).
    ///
    /// - Returns: the rows in file order.
    /// - Throws: ``OpportunityImportError`` listing every problem (line, column, what was
    ///   expected) when any row is invalid; nothing is returned then.
    public func rows() throws -> [OpportunityRow] {
        var rows: [OpportunityRow] = []
        var errors: [ImportError] = []
        var unknown = UnknownStatusWords()
        let hasAmounts = hasAmounts
        var memo = Memo()
        rows.reserveCapacity(records.count)
        for record in records {
            do {
                if let row = try row(record, unknown: &unknown, hasAmounts: hasAmounts, memo: &memo) {
                    rows.append(row)
                }
            } catch let error as ImportError {
                errors.append(error)
            }
        }
        if let problem = unknown.problem { errors.insert(problem, at: 0) }
        guard errors.isEmpty else { throw OpportunityImportError(file: name, errors: errors) }
        return rows
    }

    /// The status words no map knows, counted, for one report.
    private struct UnknownStatusWords {
        var column = ""
        var counts: [String: Int] = [:]
        var order: [String] = []

        mutating func add(_ word: String, column: String) {
            self.column = column
            if counts[word] == nil { order.append(word) }
            counts[word, default: 0] += 1
        }

        var problem: ImportError? {
            guard !order.isEmpty else { return nil }
            let listed = order.map { "'\($0)' (\(counts[$0]!) row\(counts[$0]! == 1 ? "" : "s"))" }
            return ImportError(
                .invalidValue, column: column,
                message:
                    "these values are not a status Accord knows: \(listed.joined(separator: ", ")); say what each "
                    + "means with --status-map '\(order.map { "\($0)=open|won|lost" }.joined(separator: ","))'")
        }
    }

    /// What the texts seen so far parse to. An export repeats its dates, amounts and stage
    /// names on many rows, so each distinct text is parsed once.
    private struct Memo {
        var dates: [String: Date?] = [:]
        var numbers: [String: Double?] = [:]
        var statuses: [String: OpportunityRow.Status?] = [:]
    }

    private func row(
        _ record: CSVRecord, unknown: inout UnknownStatusWords, hasAmounts: Bool, memo: inout Memo
    ) throws -> OpportunityRow? {
        var values: [OpportunityField: (String, String)] = [:]
        for (index, field) in columns where index < record.fields.count {
            if let text = ImportValueParser.present(record.fields[index]) { values[field] = (header[index], text) }
        }
        func fail(_ field: OpportunityField, _ message: String) -> ImportError {
            ImportError(.invalidValue, line: record.line, column: values[field]?.0 ?? field.rawValue, message: message)
        }
        func date(_ field: OpportunityField) throws -> Date? {
            guard let (_, text) = values[field] else { return nil }
            let parsed: Date?
            if let known = memo.dates[text] {
                parsed = known
            } else {
                parsed = dateFormat.date(from: text)
                memo.dates[text] = parsed
            }
            guard let date = parsed else { throw fail(field, dateFormat.problem(with: text)) }
            return date
        }
        guard let (_, id) = values[.id] else {
            throw ImportError(.missingField, line: record.line, column: "id", message: "the deal id is empty")
        }
        var amount: Double?
        if let (_, amountText) = values[.amount] {
            let parsed: Double?
            if let known = memo.numbers[amountText] {
                parsed = known
            } else {
                parsed = ImportValueParser.number(amountText.filter { !"$€£ ".contains($0) })
                memo.numbers[amountText] = parsed
            }
            guard let number = parsed, number >= 0 else {
                throw fail(.amount, "expected an amount of 0 or more, such as 24000 or 24,000.50")
            }
            amount = number
        }
        let leadID = values[.leadID].map { LeadID(rawValue: $0.1) }
        let email = values[.email]?.1
        let account = values[.account]?.1
        guard leadID != nil || email != nil || account != nil else {
            throw ImportError(
                .missingField, line: record.line, column: "email",
                message: "the row has no lead id, email or account")
        }
        let currency = (values[.currency]?.1 ?? defaultCurrency).uppercased()
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw fail(.currency, "expected a three-letter currency code such as USD")
        }
        var dealStage = values[.dealStage]?.1
        let status: OpportunityRow.Status
        if let constant = statuses.constant {
            status = constant
        } else if let (column, word) = values[.status] ?? values[.dealStage] {
            let read: OpportunityRow.Status?
            if let seen = memo.statuses[word] {
                read = seen
            } else {
                read = statuses.status(for: word)
                memo.statuses[word] = read
            }
            guard let known = read else {
                unknown.add(word, column: column)
                return nil
            }
            status = known
            // A pipeline stage in the status column is where the deal stands: keep it.
            if dealStage == nil, known == .open, OpportunityRow.Status(rawValue: DealStatusMap.key(word)) == nil {
                dealStage = word
            }
        } else {
            status = .open
        }
        if status == .won, amount == nil, hasAmounts {
            throw ImportError(
                .missingField, line: record.line,
                column: columns.first { $0.value == .amount }.map { header[$0.key] } ?? "amount",
                message: "a won deal needs its amount when the file has amounts (other rows have one)")
        }
        let closeDate = try date(.closeDate)
        if status != .open, closeDate == nil {
            throw ImportError(
                .missingField, line: record.line, column: values[.closeDate]?.0 ?? "closeDate",
                message: "a \(status.rawValue) deal needs its close date")
        }
        let openedAt = try date(.openedAt)
        if status != .open, let openedAt, let closeDate, closeDate < openedAt {
            throw fail(
                .closeDate,
                "the deal closes (\(closeDate.formatted(.iso8601.year().month().day()))) before it opens "
                    + "(\(openedAt.formatted(.iso8601.year().month().day())))")
        }
        let opportunity = Opportunity(
            id: OpportunityID(rawValue: id), amount: amount, currency: currency, product: values[.product]?.1,
            expectedCloseDate: status == .open ? closeDate : nil, owner: values[.owner].map { .rep($0.1) },
            dealStage: dealStage, openedAt: openedAt,
            accountName: account.flatMap { AccountID.domain($0) == nil ? $0 : nil })
        return OpportunityRow(
            line: record.line, leadID: leadID, email: email, account: account, opportunity: opportunity,
            status: status, closedAt: status == .open ? nil : closeDate, reason: values[.reason]?.1)
    }
}

/// Every problem of an opportunities file, each with its line and column.
public struct OpportunityImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's name.
    public var file: String
    /// The problems, in file order.
    public var errors: [ImportError]

    /// `deals.csv has 2 problems: line 3, column "Amount": expected …; …`.
    public var description: String {
        "\(file) has \(errors.count) problem\(errors.count == 1 ? "" : "s"): "
            + errors.map(\.description).joined(separator: "; ")
    }
}
