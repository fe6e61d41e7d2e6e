import Accord
import Feedback
import Foundation
import LeadModel

extension CommandDefinition {
    static let feedbackCalibrate = CommandDefinition(
        name: "feedback calibrate",
        summary: "Each scoring rule's lift: acceptance and conversion of leads it fired on vs not.",
        discussion: """
            Counts the leads sales decided on. A rule fired on a lead when a score recorded before \
            sales' first decision gave it points. Rules that fire on rejected leads are flagged.
            """,
        examples: ["accord feedback calibrate", "accord feedback calibrate --json"]
    ) { _, console in
        let facts = try await console.dataDirectory.withEngine { engine in try await engine.feedbackFacts() }
        let calibration = RuleCalibration(facts)
        if console.json {
            try console.printJSON(calibration)
            return
        }
        console.print("RULE CALIBRATION — \(calibration.decidedLeads) decided leads")
        guard !calibration.rules.isEmpty else {
            console.print("  no scored leads were decided yet")
            return
        }
        console.print(
            "  " + "RULE".padding(toLength: 26, withPad: " ", startingAt: 0)
                + "FIRED  ACCEPT% (WITHOUT)  CONVERT% (WITHOUT)  FLAG")
        for rule in calibration.rules {
            let accept =
                "\(FunnelLeaks.percent(rule.acceptanceRate)) (\(FunnelLeaks.percent(rule.acceptanceRateWithout)))"
            let convert =
                "\(FunnelLeaks.percent(rule.conversionRate)) (\(FunnelLeaks.percent(rule.conversionRateWithout)))"
            console.print(
                "  " + rule.rule.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + String(rule.fired).padding(toLength: 7, withPad: " ", startingAt: 0)
                    + accept.padding(toLength: 19, withPad: " ", startingAt: 0)
                    + convert.padding(toLength: 20, withPad: " ", startingAt: 0) + (rule.flagReason ?? ""))
        }
    }

    static let feedbackExportTraining = CommandDefinition(
        name: "feedback export-training",
        summary: "Write a CSV training set for a learned scorer: one row per decided lead, outcome `converted`.",
        positionals: [PositionalSpec(name: "FILE", help: "the CSV file to write")],
        examples: ["accord feedback export-training training.csv"]
    ) { arguments, console in
        let path = try arguments.positional(0, "FILE")
        let url = try console.dataDirectory.outputFile(path, label: "FILE")
        let facts = try await console.dataDirectory.withEngine { engine in try await engine.feedbackFacts() }
        let set = try TrainingSet.decidedLeads(facts)
        try Data(set.csv().utf8).write(to: url, options: .atomic)  // errors reach the user as sentences
        let columns = ["lead_id"] + set.columns.map(\.name) + ["converted"]
        if console.json {
            try console.printJSON(TrainingExportOutput(file: path, rows: set.rows.count, columns: columns))
        } else {
            console.print(
                "wrote \(set.rows.count) decided leads (\(set.positives) converted) and \(columns.count) columns to \(path)"
            )
        }
    }
}

struct TrainingExportOutput: Codable {
    var file: String
    var rows: Int
    var columns: [String]
}
