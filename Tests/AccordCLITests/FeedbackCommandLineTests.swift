import Foundation
import Testing

@Suite(.serialized)
struct FeedbackCommandLineTests {
    /// An initialised workspace with two leads handed to sales.
    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        for (email, employees) in [("ana@acme.com", "50"), ("bo@beta.io", "500")] {
            let captured = try workspace.run(
                "capture", "--email", email, "--company", "Co", "--source", "webinar", "--campaign", "broad",
                "--attr", "employees=\(employees)")
            #expect(captured.status == 0)
        }
        #expect(try workspace.run("lead", "stage", "L0000001", "sql").status == 0)
        #expect(try workspace.run("lead", "stage", "L0000002", "sql").status == 0)
        return workspace
    }

    @Test func dispositionsCarryTheNewFieldsAndRefuseUnknownValues() throws {
        let workspace = try Self.workspace()
        let unknown = try workspace.run("feedback", "L0000001", "rejected", "--reason", "bad")
        #expect(unknown.status == 5)
        #expect(unknown.stderr.contains("allowed for rejected: wrong-persona"))
        let badTag = try workspace.run(
            "feedback", "L0000001", "rejected", "--reason", "wrong-persona", "--objection", "weather")
        #expect(badTag.status == 5)
        #expect(badTag.stderr.contains("allowed: implementation-time"))
        let badQuality = try workspace.run("feedback", "L0000001", "accepted", "--quality", "great")
        #expect(badQuality.status == 2)
        #expect(badQuality.stderr.contains("strong, partial, low-fit"))
        let rejected = try workspace.run(
            "feedback", "L0000001", "rejected", "--reason", "wrong-persona", "--match", "overstated", "--objection",
            "price", "--buyer-said", "just looking", "--next", "rework-targeting", "--json")
        #expect(rejected.status == 0)
        let recycled = try workspace.run(
            "feedback", "L0000002", "recycled", "--reason", "poor-timing", "--requalify-on", "2027-01-15",
            "--requalify-signal", "demo-requested")
        #expect(recycled.status == 0)
        #expect(
            recycled.stdout.contains(
                "now recycled; re-qualifies on a new demo-requested signal, or the date 2027-01-15"))
        let timeline = try workspace.run("lead", "timeline", "L0000001")
        #expect(timeline.stdout.contains("disposition rejected (wrong-persona); objections: price"))
        let codes = try workspace.run("feedback", "--codes")
        #expect(codes.stdout.contains("OBJECTION TAGS") && codes.stdout.contains("security pack"))
    }

    @Test func disputesAreRaisedAndArbitrated() throws {
        let workspace = try Self.workspace()
        let notRejected = try workspace.run("feedback", "dispute", "L0000001", "--reason", "fits")
        #expect(notRejected.status == 5)
        #expect(try workspace.run("feedback", "L0000001", "rejected", "--reason", "out-of-icp").status == 0)
        let noReason = try workspace.run("feedback", "dispute", "L0000001")
        #expect(noReason.status == 2)
        let dispute = try workspace.run("feedback", "dispute", "L0000001", "--reason", "fits the ICP", "--by", "maria")
        #expect(dispute.status == 0)
        let ruling = try workspace.run("feedback", "arbitrate", "L0000001", "overturned", "--by", "boss", "--json")
        #expect(ruling.status == 0)
        #expect(ruling.stdout.contains("\"state\" : \"overturned\""))
        let again = try workspace.run("feedback", "arbitrate", "L0000001", "upheld")
        #expect(again.status == 5)
        #expect(again.stderr.contains("already overturned"))
    }

    @Test func reportCalibrationAndTrainingExport() throws {
        let workspace = try Self.workspace()
        #expect(try workspace.run("feedback", "L0000001", "rejected", "--reason", "out-of-icp").status == 0)
        #expect(try workspace.run("feedback", "L0000002", "accepted").status == 0)
        let report = try workspace.run("feedback", "report", "--by", "segment")
        #expect(report.status == 0)
        #expect(report.stdout.contains("rejections by segment"))
        #expect(report.stdout.contains("smb"))
        #expect(report.stdout.contains("WHERE THE FUNNEL LEAKS"))
        let json = try workspace.run("feedback", "report", "--json", "--period", "2020-01..")
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"rejections\""))
        let badPeriod = try workspace.run("feedback", "report", "--period", "Q4")
        #expect(badPeriod.status == 2)
        #expect(badPeriod.stderr.contains("2026-09..2026-11"))
        let badBy = try workspace.run("feedback", "report", "--by", "owner")
        #expect(badBy.status == 2)
        let calibrate = try workspace.run("feedback", "calibrate")
        #expect(calibrate.status == 0)
        #expect(calibrate.stdout.contains("2 decided leads"))
        let export = try workspace.run("feedback", "export-training", "training.csv")
        #expect(export.status == 0)
        let csv = try String(contentsOf: workspace.url.appendingPathComponent("training.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("lead_id,source,campaign,message_angle,segment,attr_employees,"))
        #expect(csv.split(separator: "\n").count == 3)
    }

    @Test func theBacklogIsSharedThroughAFile() throws {
        let workspace = try Self.workspace()
        let added = try workspace.run("backlog", "add", "ROI calculator", "--kind", "content", "--owner", "marketing")
        #expect(added.status == 0)
        #expect(added.stdout.contains("#1 [content] ROI calculator — open, owner marketing"))
        #expect(try workspace.run("backlog", "add", "roi calculator", "--kind", "content").status == 2)
        #expect(try workspace.run("backlog", "add", "No kind").status == 2)
        let updated = try workspace.run("backlog", "update", "1", "--status", "in-progress")
        #expect(updated.status == 0)
        #expect(try workspace.run("backlog", "update", "7", "--status", "done").status == 3)
        let list = try workspace.run("backlog", "list", "--status", "in-progress", "--json")
        #expect(list.stdout.contains("\"status\" : \"in-progress\""))
        let file = workspace.url.appendingPathComponent("accord-data/backlog.json")
        #expect(FileManager.default.fileExists(atPath: file.path))
        let none = try workspace.run("backlog", "add", "--from-patterns")
        #expect(none.status == 0)
        #expect(none.stdout.contains("no new fixes"))
    }
}

@Suite(.serialized)
struct DemoFeedbackReportTests {
    @Test func theDemoEndsWithTheFeedbackReport() throws {
        let workspace = try Workspace()
        let demo = try workspace.run("demo", "--leads", "120")
        #expect(demo.status == 0)
        let report = try #require(demo.stdout.range(of: "FEEDBACK REPORT — rejections by campaign"))
        // The report is the last thing printed, after the next steps.
        #expect(demo.stdout[..<report.lowerBound].contains("Next:"))
        #expect(demo.stdout[report.lowerBound...].contains("WHERE THE FUNNEL LEAKS"))
    }
}
