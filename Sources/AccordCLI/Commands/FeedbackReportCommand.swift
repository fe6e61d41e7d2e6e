import Accord
import Feedback
import Foundation
import LeadModel

extension CommandDefinition {
    static let feedbackReport = CommandDefinition(
        name: "feedback report",
        summary: "Rejection reasons month over month, where the funnel leaks, objections, proposed fixes.",
        discussion: """
            Counts every disposition in the month it was recorded, sliced by source, campaign, \
            segment or message angle; a rejection an arbiter overturned is not counted as one. \
            The funnel summary follows the leads created in the period. --period takes the same \
            forms as accord report and accord sla health (Documentation/CommandLine.md, "Periods"), \
            cut at midnight UTC; the default is every month.
            """,
        options: [
            .period(default: "all"),
            .value("by", "source|campaign|segment|angle", "what to slice rejections by (default: campaign)"),
        ],
        examples: ["accord feedback report --by campaign --period 2026-10..2026-11", "accord feedback report --json"]
    ) { arguments, console in
        let dimension = try reportDimension(arguments)
        let period = try arguments.period(default: "all", now: Date(), timeZone: TimeZone(identifier: "UTC")!)
        let playbook = try console.dataDirectory.loadPlaybook()
        let facts = try await console.dataDirectory.withReports { reports, store in
            try await reports.feedbackFacts(on: store)
        }
        let view = FeedbackReportView(facts, playbook: playbook, by: dimension, period: period)
        if console.json {
            try console.printJSON(view)
        } else {
            view.lines().forEach(console.print)
        }
    }

    static func reportDimension(_ arguments: ParsedArguments) throws(CLIError) -> ReportDimension {
        try arguments.choice("by") ?? .campaign
    }
}
