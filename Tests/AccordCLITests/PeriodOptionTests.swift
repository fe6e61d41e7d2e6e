import Foundation
import Testing

/// `accord report`, `accord sla health`, `accord feedback report` and `accord simulate` take one
/// `--period` grammar.
@Suite(.serialized)
struct PeriodOptionTests {
    static let commands: [[String]] = [
        ["report"], ["sla", "health"], ["feedback", "report"], ["simulate", "--proposed", "accord-data/playbook.json"],
    ]

    /// Every form any of the three commands accepted before they shared the grammar.
    static let forms = [
        "week", "month", "quarter", "all", "all-time", "2026-11", "2026-Q4", "2026-q4", "2026-W41", "30d",
        "2026-10-01..2026-10-15", "2026-09..2026-11", "2020-01..", "..2026-11",
    ]

    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        let captured = try workspace.run(
            "capture", "--email", "ana@acme.com", "--company", "Acme", "--source", "webinar")
        #expect(captured.status == 0)
        return workspace
    }

    @Test func everyCommandAcceptsEveryForm() throws {
        let workspace = try Self.workspace()
        for command in Self.commands {
            for form in Self.forms {
                let result = try AccordProcess.run(command + ["--period", form], in: workspace.url)
                #expect(result.status == 0, "\(command.joined(separator: " ")) --period \(form): \(result.stderr)")
            }
        }
    }

    @Test func everyCommandRefusesTheSameBadPeriodsNamingTheForms() throws {
        let workspace = try Self.workspace()
        for command in Self.commands {
            for bad in ["Q4", "2026-13", "0d", "2026-11..2026-10", "fortnight"] {
                let result = try AccordProcess.run(command + ["--period", bad], in: workspace.url)
                #expect(result.status == 2, "\(command.joined(separator: " ")) --period \(bad)")
                #expect(result.stderr.contains("--period: '\(bad)' is not a period"), "\(result.stderr)")
            }
            let unknown = try AccordProcess.run(command + ["--period", "Q4"], in: workspace.url)
            #expect(unknown.stderr.contains("2026-09..2026-11") && unknown.stderr.contains("30d"))
        }
    }

    @Test func theHeadingsNameThePeriodAsBefore() throws {
        let workspace = try Self.workspace()
        #expect(try workspace.run("sla", "health", "--period", "2026-Q4").stdout.hasPrefix("SLA health, 2026 Q4 ("))
        #expect(try workspace.run("sla", "health", "--period", "2026-11").stdout.hasPrefix("SLA health, 2026-11 ("))
        #expect(try workspace.run("sla", "health").stdout.hasPrefix("SLA health, the last 30 days ("))
        let feedback = try workspace.run("feedback", "report", "--period", "2026-Q4").stdout
        #expect(feedback.hasPrefix("FEEDBACK REPORT — rejections by campaign, month over month (2026-10..2026-12)"))
        let open = try workspace.run("feedback", "report", "--period", "2020-01..").stdout
        #expect(open.contains("month over month (2020-01..…)"))
        let all = try workspace.run("feedback", "report").stdout
        #expect(all.contains("month over month (all months)"))
        let csv = try workspace.run("report", "--period", "2026-09..2026-11", "--format", "csv").stdout
        #expect(csv.split(separator: "\n").dropFirst().first?.hasPrefix("2026-09..2026-11,cohort,,total,") == true)
    }

    @Test func slaHealthCountsTheClocksOfAMonthRange() throws {
        let workspace = try Self.workspace()
        let health = try workspace.run("sla", "health", "--period", "2026-10..2026-11", "--json")
        #expect(health.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(health.stdout.utf8)) as? [String: Any]
        #expect(object?["from"] as? String == "2026-10-01T00:00:00Z")
        #expect(object?["to"] as? String == "2026-12-01T00:00:00Z")
    }
}
