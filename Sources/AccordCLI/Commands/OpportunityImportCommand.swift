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
        let rows: [OpportunityRow]
        do {
            var reader = try OpportunityImportReader(url: url, mapping: mapping, delimiter: separator)
            reader.statuses = statuses
            rows = try reader.rows()
        } catch let error as OpportunityImportError {
            throw CLIError(
                status: .usage,
                message: "\(error.file) has \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s")",
                details: error.errors.map(\.description) + [
                    "nothing was imported; fix the rows and run the import again"
                ])
        }
        if arguments.has("dry-run") {
            if console.json {
                try console.printJSON(["valid": rows.count, "imported": 0])
            } else {
                console.print("\(url.lastPathComponent): \(rows.count) rows are valid; nothing imported (--dry-run)")
            }
            return
        }
        let summary = try await console.dataDirectory.withEngine { engine in
            try await engine.importOpportunities(rows, by: .integration("import:\(url.lastPathComponent)"))
        }
        if console.json {
            try console.printJSON(summary)
            return
        }
        console.print("imported \(rows.count) opportunity rows from \(url.lastPathComponent):")
        console.print(
            "  \(summary.opened) deals opened, \(summary.updated) updated, \(summary.closed) closed, "
                + "\(summary.unchanged) already recorded, \(summary.skipped.count) skipped")
        for skipped in summary.skipped.prefix(20) {
            console.print("  line \(skipped.line): \(skipped.reason)")
        }
        if summary.skipped.count > 20 { console.print("  … and \(summary.skipped.count - 20) more skipped") }
    }
}
