import Accord
import Foundation
import LeadModel
import Scoreboard

extension CommandDefinition {
    static let report = CommandDefinition(
        name: "report",
        summary: "Print the shared scoreboard: funnel, pipeline, win rate, acceptance, speed to lead.",
        discussion: """
            Computes every KPI of the shared scoreboard from the journal in one pass. The cohort \
            view (default) follows the people created in the period to their outcome; the \
            activity view counts what happened in the period. --period takes week, month or \
            quarter (the current one), all, YYYY-MM, YYYY-Qn, YYYY-Www, Nd (the last N days) or \
            FROM..TO with days (YYYY-MM-DD) or months (YYYY-MM), both included — the same forms as \
            accord sla health and accord feedback report (Documentation/CommandLine.md, "Periods"); \
            periods start at midnight in --time-zone (default: this machine's zone) and weeks start \
            on Monday. --spend reads a CSV with source and spend \
            columns for cost per closed deal. Formulas: Documentation/Scoreboard.md. --html FILE \
            writes one self-contained page (inline CSS and SVG, no network) a sales leader reads \
            without explanation: the funnel, speed to lead, SLA attainment by week, rejection \
            reasons by source, rep load and marketing's commitments.
            """,
        options: [
            .period(default: "quarter"),
            .value("view", "cohort|activity", "which leads and facts count (default: cohort)"),
            .value("by", "DIMENSION", "slice by source, campaign, segment, owner or product"),
            .value("time-zone", "TZ", "IANA time zone for period boundaries, e.g. Europe/Berlin"),
            .value("spend", "FILE.csv", "marketing spend per source (columns source,spend)"),
            .value("format", "table|csv|json", "output format (default: table; --json means json)"),
            .value("html", "FILE", "also write the one-page HTML report to FILE"),
        ],
        examples: [
            "accord report --period 2026-Q3 --by source",
            "accord report --period 2026-10-01..2026-10-31 --view activity --by owner --time-zone America/New_York",
            "accord report --period 2026-09 --by campaign --spend spend.csv --format csv > september.csv",
            "accord report --period 2026-Q3 --html q3.html",
        ]
    ) { arguments, console in
        let query = try reportQuery(arguments, now: Date())
        let format = arguments.value("format") ?? (console.json ? "json" : "table")
        guard ["table", "csv", "json"].contains(format) else {
            throw CLIError.usage("--format expects table, csv or json, got '\(format)'")
        }
        let html = try arguments.value("html").map { path throws(CLIError) in
            try console.dataDirectory.outputFile(path, label: "--html")
        }
        let (board, page) = try await console.dataDirectory.withReports { reports, store -> (Scoreboard, ReportPage?) in
            guard html != nil else { return (try await reports.scoreboard(query, on: store), nil) }
            let report = try await reports.reportPage(query, on: store)
            return (report.scoreboard, report.page)
        }
        if let html, let page {
            try writeHTML(page, to: html)
            FileHandle.standardError.write(Data("wrote \(arguments.value("html") ?? html.path)\n".utf8))
        }
        switch format {
        case "json": try console.printJSON(board)
        case "csv": console.print(board.csv().trimmingCharacters(in: .newlines))
        default:
            for line in ScoreboardTable.render(board) { console.print(line) }
        }
    }

    /// Writes the HTML report, atomically; a file-system error reaches the user as a sentence
    /// naming the path (see ``FileSystemErrorText``).
    static func writeHTML(_ page: ReportPage, to url: URL) throws {
        try Data(HTMLReport.render(page).utf8).write(to: url, options: .atomic)
    }

    /// The `--time-zone` option, else this machine's zone.
    static func timeZone(_ arguments: ParsedArguments) throws(CLIError) -> TimeZone {
        guard let name = arguments.value("time-zone") else { return .current }
        guard let zone = TimeZone(identifier: name) else {
            throw CLIError.usage("--time-zone expects an IANA zone such as Europe/Berlin or UTC, got '\(name)'")
        }
        return zone
    }

    /// Reads the report options into a query.
    static func reportQuery(_ arguments: ParsedArguments, now: Date) throws -> ScoreboardQuery {
        let timeZone = try timeZone(arguments)
        let period = try arguments.period(default: "quarter", now: now, timeZone: timeZone)
        let view = try arguments.choice("view") ?? ScoreboardView.cohort
        let slice = try arguments.choice("by", as: SliceDimension.self)
        var spend: SpendTable?
        if let file = arguments.value("spend") {
            let url = URL(fileURLWithPath: file)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw CLIError(status: .notFound, message: "cannot read the spend file \(file)")
            }
            do {
                spend = try SpendTable(csv: text, name: url.lastPathComponent)
            } catch {
                throw CLIError.usage(error.description)
            }
        }
        return ScoreboardQuery(period: period, view: view, slicedBy: slice, timeZone: timeZone, spend: spend)
    }
}
