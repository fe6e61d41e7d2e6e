import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let importFile = CommandDefinition(
        name: "import",
        summary: "Import leads or signals from CSV or JSON Lines, checked in full before anything is stored.",
        discussion: """
            The whole file is validated first; if any row is bad, every problem is reported with \
            its line number and column (or JSON path) and nothing is imported. Rows are then \
            recorded in batches through identity resolution, so duplicates become one lead and \
            signals with an idempotency key are recorded once: importing the same file again \
            adds nothing. Columns named like Accord's fields (email, First Name, company, …) map \
            themselves; others become attributes (leads) or properties (signals) unless --map \
            says otherwise. Map with 'Column=target' pairs, where a target is a field (email, \
            phone, firstName, source, …), attributes.NAME or properties.NAME with an optional \
            :number, :bool, :date or :string type, external:SYSTEM, or - to ignore; '*=-' \
            ignores every unmapped column. With --kind opportunities the rows are a CRM's deals \
            (id, amount, currency, product, owner, status open|won|lost or a CRM's stage names such \
            as Prospecting or Closed Won — --status-map for others, --status for one status — created \
            and close dates, reason), matched to leads by email or lead id; such a lead moves along the stage graph \
            to opportunity, won or lost, and importing the same file again changes nothing. A row with an \
            account (domain or company name) and no contact is the account's own deal; an empty amount is \
            unknown.

            Identity comes from each row's content, never from the file's name or the row's \
            position: a lead row is the person its id column (when mapped), email, phone or \
            external ids name, and a lead row with none of these is an error. A signal row's \
            idempotency key is its idempotencyKey column, or else a digest of the row (person, \
            kind, occurredAt, source, campaign, properties), so the same rows imported again, \
            under any file name and in any order, record nothing. A CSV header with no comma but \
            a ';', tab or '|' is refused: pass --delimiter. Limits (defaults): a field of \
            --max-field-bytes (1048576), --max-columns (2000) columns or keys, and a row of \
            --max-row-bytes (4194304); a record over a limit is reported by line and skipped.

            History: a leads row's createdAt (Create Date, Created Date, first_contact_date, …) \
            dates its capture, so the lead counts in that period's cohort; its stage (or --stage \
            for every row) and stageDate place it in the funnel as history, without the live \
            handoff gates. Dates are ISO 8601 unless --date-format gives their pattern (YYYY, MM, \
            DD, HH, hh with A, mm, ss, SSS, Z; other characters as written) and --time-zone the \
            zone of dates without an offset; a date such as 01-02-2018 is never guessed. \
            HubSpot contacts and Salesforce Leads and Contacts exports map without --map. \
            --dry-run prints the mapping it would use.
            """ + "\n\n" + importTargetsHelp,
        positionals: [PositionalSpec(name: "FILE", help: "a .csv, .jsonl or .ndjson file")],
        options: [
            .value("kind", "leads|signals|opportunities", "what the rows are (default: leads)"),
            .value("format", "csv|jsonl", "the format (default: from the file extension)"),
            .value("map", "MAPPING", "column mapping, e.g. 'E-mail=email,Size=attributes.employees:number'"),
            .value("map-file", "FILE", "column mapping as a JSON file {\"Column\": \"target\", …}"),
            .value("delimiter", "CHAR", "CSV field separator (default ,)"),
            .value("batch", "N", "rows per append (default 10000)"),
            .value("max-field-bytes", "N", "largest field in bytes (default 1048576)"),
            .value("max-columns", "N", "most columns or JSON keys per row (default 2000)"),
            .value("max-row-bytes", "N", "largest row or JSON line in bytes (default 4194304)"),
            .value("status-map", "WORD=STATUS,…", "opportunities: what the CRM's stage words mean (open|won|lost)"),
            .value("status", "open|won|lost", "opportunities: every row has this status (a file of won deals only)"),
            .value("date-format", "PATTERN", "how dates are written, e.g. DD-MM-YYYY, MM/DD/YYYY, YYYY-MM-DD HH:mm:ss"),
            .value("time-zone", "ZONE", "IANA time zone of dates without an offset, e.g. Europe/Berlin (default UTC)"),
            .value("stage", "STAGE", "leads: every row stood in this stage, e.g. mql (a file of MQLs)"),
            .flag("allow-skips", "opportunities: import the rows that can be, skipping the others"),
            .flag("dry-run", "validate only; store nothing"),
            .flag("quiet", "no progress lines on standard error (--json is always quiet)"),
        ],
        examples: [
            "accord import leads.csv",
            "accord import hubspot.csv --map 'Email Address=email,Lifecycle=-,HubSpot ID=external:hubspot'",
            "accord import events.jsonl --kind signals --dry-run",
            "accord import deals.csv --kind opportunities --map 'Contact Email=email,ARR=amount'",
            "accord import mqls.csv --stage mql --map 'mql_id=external:funnel,first_contact_date=createdAt' --date-format DD-MM-YYYY",
        ]
    ) { arguments, console in
        let url = URL(fileURLWithPath: try arguments.positional(0, "FILE"))
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError(status: .notFound, message: "no file at \(url.path)")
        }
        if arguments.value("kind") == "opportunities" {
            if arguments.value("stage") != nil { throw CLIError.usage("--stage is for --kind leads") }
            return try await importOpportunities(url, arguments, console)
        }
        for option in ["status-map", "status"] where arguments.value(option) != nil {
            throw CLIError.usage("--\(option) is for --kind opportunities")
        }
        if arguments.has("allow-skips") { throw CLIError.usage("--allow-skips is for --kind opportunities") }
        let kind = try parseKind(arguments.value("kind"))
        if kind != .leads, arguments.value("stage") != nil { throw CLIError.usage("--stage is for --kind leads") }
        let dateFormat = try ImportDateFormat(
            pattern: arguments.value("date-format"), timeZone: arguments.value("time-zone"))
        let format = try arguments.value("format").map { text throws(CLIError) in
            switch text {
            case "csv": return ImportFormat.csv
            case "jsonl", "ndjson": return ImportFormat.jsonLines
            default: throw CLIError.usage("--format expects csv, jsonl or ndjson, got '\(text)'")
            }
        }
        if arguments.value("map") != nil, arguments.value("map-file") != nil {
            throw CLIError.usage("give --map or --map-file, not both")
        }
        let mapping: ImportMapping =
            if let text = arguments.value("map") {
                try ImportMapping(parsing: text)
            } else if let file = arguments.value("map-file") {
                try ImportMapping(contentsOf: URL(fileURLWithPath: file))
            } else {
                .automatic
            }
        let delimiter = arguments.value("delimiter") ?? ","
        guard delimiter.count == 1, let separator = delimiter.first else {
            throw CLIError.usage("--delimiter expects one character, got '\(delimiter)'")
        }
        // Each append waits for the disk once and plans over the whole engine once: a million
        // rows in appends of 1,000 spent much of their time between appends.
        let batchSize = try arguments.integer("batch", default: 10_000, range: 1...100_000)
        let standard = ImportLimits.standard
        let limits = ImportLimits(
            maxFieldBytes: try arguments.integer(
                "max-field-bytes", default: standard.maxFieldBytes, range: 1...1 << 30),
            maxColumns: try arguments.integer("max-columns", default: standard.maxColumns, range: 1...1_000_000),
            maxRowBytes: try arguments.integer("max-row-bytes", default: standard.maxRowBytes, range: 1...1 << 31))

        // The lock first: a second importer waits here, not after this one's validation pass.
        let journal = arguments.has("dry-run") ? nil : try await console.dataDirectory.openJournal()
        let history = try historyOptions(arguments, console)
        let reader = try ImportReader(
            url: url, kind: kind, format: format, mapping: mapping, csvDelimiter: separator, limits: limits,
            dateFormat: dateFormat, history: history)
        let report = try reader.validateAll()
        let mappingView = ImportMappingView(report, dateFormat: dateFormat, stage: history.startingStage)
        let leadColumns = kind == .signals ? LeadFieldColumns(report) : LeadFieldColumns()
        guard report.isValid else {
            var details = report.errors.map(\.description)
            if report.unreportedErrorCount > 0 { details.append("… and \(report.unreportedErrorCount) more") }
            details.append("nothing was imported; fix the rows and run the import again")
            throw CLIError(
                status: .usage,
                message:
                    "\(url.lastPathComponent) has \(report.errorCount) problem\(report.errorCount == 1 ? "" : "s")",
                details: (arguments.has("dry-run") ? mappingView.lines : []) + details)
        }
        if arguments.has("dry-run") {
            if console.json {
                try console.printJSON(DryRunOutput(valid: report.validRecordCount, mapping: mappingView))
            } else {
                console.print(
                    "\(url.lastPathComponent): \(report.validRecordCount) rows are valid; nothing imported (--dry-run)")
                for line in mappingView.lines { console.print(line) }
                for line in leadColumns.lines { console.print(line) }
            }
            return
        }
        let total = report.validRecordCount
        // The next batches are read and checked on the other core while the engine records the
        // current one, by a reader of their own (a reader belongs to one task).
        // Two batches ahead keep the engine busy: reading one takes a fraction of recording it.
        let batches = ReadAhead<[IngestItem]>(depth: 2)
        let reading = Task.detached { [format = reader.format, history = reader.history] in
            do {
                let rows = try ImportReader(
                    url: url, kind: kind, format: format, mapping: mapping, csvDelimiter: separator,
                    limits: limits, dateFormat: dateFormat, history: history)
                while true {
                    let batch = try rows.nextBatch(max: batchSize)
                    if batch.isEmpty { break }
                    guard await batches.put(batch.map(\.record.ingestItem)) else { return }
                }
                await batches.finish()
            } catch {
                await batches.finish(throwing: error)
            }
        }
        var progress = ImportProgress(
            file: url.lastPathComponent, total: total, quiet: console.json || arguments.has("quiet"),
            terminal: console.stderrIsTerminal)
        let summary: IngestSummary
        do {
            summary = try await console.dataDirectory.withEngine(on: journal) { engine in
                // A first import of a leads file is new people: room for them all at once. Into
                // a journal that knows people already, the rows may be the same people again
                // (a daily export), and reserving for every row would double the tables.
                if kind == .leads, await engine.leadCount == 0 { await engine.reserveCapacity(forLeads: total) }
                var summary = IngestSummary()
                var done = 0
                while let batch = try await batches.next() {
                    summary.add(
                        try await engine.ingest(
                            batch, by: .integration("import:\(url.lastPathComponent)"), from: url.lastPathComponent))
                    done += batch.count
                    progress.update(done: done)
                }
                progress.finish()
                return summary
            }
        } catch {
            // Stops the reader, which may be waiting to hand over a batch.
            await batches.cancel()
            throw error
        }
        await reading.value
        if console.json {
            var output = ImportOutput(rows: total, summary: summary)
            output.storedAsSignalProperties = leadColumns.columns.isEmpty ? nil : leadColumns.columns
            try console.printJSON(output)
        } else {
            console.print("imported \(total) rows from \(url.lastPathComponent):")
            console.print(
                "  \(summary.created) leads created, \(summary.matched) rows matched people already known, \(summary.merged) leads merged"
            )
            if kind == .signals {
                console.print(
                    "  \(summary.signalsRecorded) signals recorded, \(summary.duplicateSignals) already recorded before"
                )
            }
            if summary.historyStageMoves > 0 {
                console.print("  \(summary.historyStageMoves) stage moves recorded as history")
            }
            for line in leadColumns.lines { console.print(line) }
        }
    }

    /// The `--stage` of a leads import, checked against the playbook's stages, which a row's
    /// `stage` must also name. A dry run without a data directory checks no stage names.
    private static func historyOptions(_ arguments: ParsedArguments, _ console: Console) throws -> ImportHistoryOptions
    {
        var options = ImportHistoryOptions(now: Date())
        let directory = console.dataDirectory
        if directory.exists { options.stageGraph = try directory.loadPlaybook().stages.graph }
        if let text = arguments.value("stage") {
            guard let stage = options.stage(named: text) else {
                let known = options.stageGraph.map { ": " + $0.stages.map(\.rawValue).joined(separator: ", ") } ?? ""
                throw CLIError.usage("--stage expects a stage of the playbook\(known); got '\(text)'")
            }
            options.startingStage = stage
        }
        return options
    }

    /// The mapping targets of every kind of import, for the help.
    static var importTargetsHelp: String {
        (["MAPPING TARGETS (--kind leads):"] + ImportTargetCatalog.lines(ImportTargetCatalog.targets(for: .leads))
            + ["", "MAPPING TARGETS (--kind signals):"]
            + ImportTargetCatalog.lines(ImportTargetCatalog.targets(for: .signals))
            + ["", "MAPPING TARGETS (--kind opportunities):"]
            + ImportTargetCatalog.lines(ImportTargetCatalog.opportunityTargets)
            + [
                "", "RECOGNISED EXPORTS (mapped without --map):",
                "  " + ImportExportProfile.all.map(\.name).joined(separator: ", "),
            ]).joined(separator: "\n")
    }

    static func parseKind(_ text: String?) throws(CLIError) -> ImportKind {
        switch text ?? "leads" {
        case "leads": return .leads
        case "signals": return .signals
        default: throw CLIError.usage("--kind expects leads, signals or opportunities, got '\(text ?? "")'")
        }
    }
}

/// The mapping a leads or signals import uses, as `--dry-run` shows it.
struct ImportMappingView: Codable {
    struct Column: Codable {
        var column: String
        /// The target, or `nil` when the column is ignored.
        var target: String?
    }

    var columns: [Column]
    var recognisedExport: String?
    var dateFormat: String
    var stage: String?

    init(_ report: ImportValidationReport, dateFormat: ImportDateFormat, stage: Stage?) {
        columns = report.columns.map { Column(column: $0.name, target: $0.target?.description) }
        recognisedExport = report.recognisedExport
        self.dateFormat = dateFormat.description
        self.stage = stage?.rawValue
    }

    /// `mapping:` then `  Column → target` lines, ignored columns last.
    var lines: [String] {
        var lines = ["mapping" + (recognisedExport.map { " (recognised: \($0) export)" } ?? "") + ":"]
        let width = min(32, (columns.map(\.column.count).max() ?? 0) + 1)
        let mapped = columns.filter { $0.target != nil }
        let ignored = columns.filter { $0.target == nil }
        for column in mapped {
            lines.append(
                "  " + column.column.padding(toLength: max(width, column.column.count), withPad: " ", startingAt: 0)
                    + "→ " + column.target!)
        }
        if !ignored.isEmpty { lines.append("  ignored: " + ignored.map(\.column).joined(separator: ", ")) }
        lines.append("  dates: " + dateFormat + (stage.map { "; every row's stage: \($0)" } ?? ""))
        return lines
    }
}

/// `accord import --dry-run --json`.
struct DryRunOutput: Codable {
    var valid: Int
    var imported = 0
    var mapping: ImportMappingView
}

/// The columns of a signals file that name lead fields (`Company`, `Job Title`) but were stored as
/// the signals' properties, as a signals import does unless told: a handoff gate that needs the
/// company stays unmet, so the import says so and offers the mapping that updates the lead.
struct LeadFieldColumns {
    /// Column name → the lead field it names.
    var columns: [String: String] = [:]

    init() {}

    init(_ report: ImportValidationReport) {
        for column in report.columns {
            guard case .property? = column.target?.field, let field = ImportMapping.leadField(namedBy: column.name)
            else { continue }
            columns[column.name] = field.rawValue
        }
    }

    /// A note and the `--map` that would fill the lead instead; nothing when no column applies.
    var lines: [String] {
        guard !columns.isEmpty else { return [] }
        let sorted = columns.sorted { $0.key < $1.key }
        let names = sorted.map(\.key).joined(separator: ", ")
        let map = sorted.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let one = columns.count == 1
        return [
            "  note: \(names) \(one ? "was stored as a signal property" : "were stored as signal properties"), "
                + "not as the lead's \(one ? "field" : "fields"); to update the lead from signal rows, map "
                + "\(one ? "it" : "them"): --map '\(map)'"
        ]
    }
}

struct ImportOutput: Codable {
    var rows: Int
    var created: Int
    var matched: Int
    var merged: Int
    var signalsRecorded: Int
    var duplicateSignals: Int
    var historyStageMoves: Int
    /// Columns of a signals file that name lead fields but were stored as signal properties,
    /// with the field each names; left out when there are none.
    var storedAsSignalProperties: [String: String]?

    init(rows: Int, summary: IngestSummary) {
        self.rows = rows
        created = summary.created
        matched = summary.matched
        merged = summary.merged
        signalsRecorded = summary.signalsRecorded
        duplicateSignals = summary.duplicateSignals
        historyStageMoves = summary.historyStageMoves
    }
}
