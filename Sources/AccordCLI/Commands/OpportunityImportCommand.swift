import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    /// `accord import FILE --kind opportunities`: a CRM's deal history, validated in full first.
    static func importOpportunities(_ url: URL, _ arguments: ParsedArguments, _ console: Console) async throws {
        if arguments.value("map-file") != nil {
            throw CLIError.usage("--kind opportunities takes its mapping with --map 'Column=field,…'")
        }
        let delimiter = arguments.value("delimiter") ?? ","
        guard delimiter.count == 1, let separator = delimiter.first else {
            throw CLIError.usage("--delimiter expects one character, got '\(delimiter)'")
        }
        let mapping = try arguments.value("map").map { try OpportunityImportReader.mapping(parsing: $0) } ?? [:]
        var statuses = DealStatusMap.standard
        if let text = arguments.value("status-map") { statuses.add(try DealStatusMap(parsing: text)) }
        if let text = arguments.value("status") {
            guard let status = OpportunityRow.Status(rawValue: text) else {
                throw CLIError.usage("--status expects open, won or lost, got '\(text)'")
            }
            statuses.constant = status
        }
        var reader: OpportunityImportReader
        do {
            reader = try OpportunityImportReader(url: url, mapping: mapping, delimiter: separator)
        } catch let error as OpportunityImportError {
            throw refusal(error)
        }
        reader.statuses = statuses
        reader.dateFormat = try ImportDateFormat(
            pattern: arguments.value("date-format"), timeZone: arguments.value("time-zone"))
        // The file is read and checked on another core while the journal and the engine open;
        // a file with bad rows is refused before anything is planned or stored.
        let reading = Task.detached { [reader] in
            (rows: try reader.rows(), hasAmounts: reader.hasAmounts)
        }
        // The lock first (a dry run plans through the engine too): a second importer waits here,
        // not after this one's validation pass.
        let journal = try await console.dataDirectory.openJournal()
        // Every row is planned before anything is stored, so a dry run finds every problem the
        // import would, and an import that would skip rows stores nothing unless told to.
        let dryRun = arguments.has("dry-run")
        let allowSkips = arguments.has("allow-skips")
        let actor = EventActor.integration("import:\(url.lastPathComponent)")
        let (rows, hasAmounts, summary) = try await console.dataDirectory.withEngine(on: journal) { engine in
            let file: (rows: [OpportunityRow], hasAmounts: Bool)
            do { file = try await reading.value } catch let error as OpportunityImportError { throw refusal(error) }
            let summary = try await engine.importOpportunities(
                file.rows, by: actor, from: url.lastPathComponent, dryRun: dryRun, allowingSkips: allowSkips)
            return (file.rows, file.hasAmounts, summary)
        }
        let stored = !dryRun && (summary.skipped.isEmpty || allowSkips)
        let skippedLines =
            summary.skipped.prefix(20).map { "line \($0.line): \($0.reason)" }
            + (summary.skipped.count > 20 ? ["… and \(summary.skipped.count - 20) more"] : [])
        if !stored, !summary.skipped.isEmpty, !allowSkips {
            throw CLIError(
                status: .refused,
                message:
                    "\(summary.skipped.count) of \(rows.count) rows of \(url.lastPathComponent) cannot be imported"
                    + (dryRun ? " (--dry-run)" : "; nothing was imported"),
                details: skippedLines + ["fix those rows, or pass --allow-skips to import the others"])
        }
        if dryRun {
            if console.json {
                try console.printJSON(SummaryOutput(summary: summary, amountsInFile: hasAmounts))
            } else {
                console.print("\(url.lastPathComponent): \(rows.count) rows are valid; nothing imported (--dry-run)")
                console.print(
                    "  would open \(summary.opened) deals, update \(summary.updated), close \(summary.closed); "
                        + "\(summary.unchanged) already recorded, \(summary.skipped.count) skipped")
                printNotes(summary, hasAmounts: hasAmounts, console)
                for line in skippedLines { console.print("  " + line) }
            }
            return
        }
        if console.json {
            try console.printJSON(SummaryOutput(summary: summary, amountsInFile: hasAmounts))
            return
        }
        console.print("imported \(rows.count) opportunity rows from \(url.lastPathComponent):")
        console.print(
            "  \(summary.opened) deals opened, \(summary.updated) updated, \(summary.closed) closed, "
                + "\(summary.unchanged) already recorded, \(summary.skipped.count) skipped")
        printNotes(summary, hasAmounts: hasAmounts, console)
        for line in skippedLines { console.print("  " + line) }
    }

    /// The refusal of a file whose rows cannot be read: every problem, and that nothing was
    /// imported.
    private static func refusal(_ error: OpportunityImportError) -> CLIError {
        CLIError(
            status: .usage,
            message: "\(error.file) has \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s")",
            details: error.errors.map(\.description) + ["nothing was imported; fix the rows and run the import again"])
    }

    /// The summary's notes, each only when it applies: account-level deals, and a file without
    /// amounts.
    private static func printNotes(_ summary: OpportunityImportSummary, hasAmounts: Bool, _ console: Console) {
        if summary.accountDeals > 0 {
            console.print(
                "  accounts: \(summary.accountDeals) deal\(summary.accountDeals == 1 ? "" : "s") on accounts "
                    + "(rows without a contact), \(summary.accountsCreated) new account"
                    + (summary.accountsCreated == 1 ? "" : "s"))
        }
        if !hasAmounts, summary.opened + summary.updated + summary.closed > 0 {
            console.print("  amounts: none in the file; deal size and velocity are left out")
        }
    }
}

/// The `--json` summary of an opportunities import: the engine's summary, and whether the file
/// had any amounts (without them, deal size and velocity are left out of the scoreboard).
private struct SummaryOutput: Encodable {
    var summary: OpportunityImportSummary
    var amountsInFile: Bool

    private enum Key: String, CodingKey { case amountsInFile }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(amountsInFile, forKey: .amountsInFile)
    }
}
