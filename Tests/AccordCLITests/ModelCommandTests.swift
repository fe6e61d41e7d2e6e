import Foundation
import Testing

@Suite(.serialized)
struct ModelCommandTests {
    /// A CSV whose columns are named like lead features, so the model can score captured leads.
    static func csv() -> String {
        var text = "id,attr.employees,count.replied,Outcome\n"
        for index in 0..<120 {
            let replies = index % 4
            let employees = index % 7 == 0 ? "N/A" : "\"\(1_000 + index * 10)\""
            let won = replies >= 2 || index % 5 == 0
            text += "\(index),\(employees),\(replies),\(won ? "Won" : "lost")\n"
        }
        return text
    }

    @Test func trainsEvaluatesAndExplainsFromACSV() throws {
        let workspace = try Workspace()
        try Data(Self.csv().utf8).write(to: workspace.url.appendingPathComponent("leads.csv"))
        let train = try workspace.run(
            "model", "train", "--csv", "leads.csv", "--target", "outcome", "--exclude", "id", "--out", "m.json",
            "--json")
        #expect(train.status == 0, "\(train.stderr)")
        let trained = try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any]
        #expect(trained?["rows"] as? Int == 120)
        #expect(trained?["model"] as? String == "learned:conversion:v1")
        #expect(FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("m.json").path))
        let retrain = try workspace.run(
            "model", "train", "--csv", "leads.csv", "--target", "outcome", "--exclude", "id", "--out", "m.json")
        #expect(retrain.stdout.hasPrefix("trained learned:conversion:v2 on 120 rows"))

        let evaluate = try workspace.run(
            "model", "evaluate", "--folds", "3", "--csv", "leads.csv", "--target", "outcome", "--exclude", "id")
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(evaluate.stdout.contains("3-fold stratified cross-validation of the logistic model on 120 rows"))
        #expect(evaluate.stdout.contains("Calibration by decile"))
        #expect(evaluate.stdout.contains("Lift by decile"))
        let json = try workspace.run(
            "model", "evaluate", "--csv", "leads.csv", "--target", "outcome", "--exclude", "id", "--json")
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let crossValidation = report?["crossValidation"] as? [String: Any]
        #expect((crossValidation?["meanAUC"] as? Double ?? 0) > 0.8)

        #expect(try workspace.run("init").status == 0)
        #expect(try workspace.run("capture", "--email", "ana@acme.com", "--attr", "employees=1500").status == 0)
        #expect(try workspace.run("signal", "replied", "--lead", "L0000001").status == 0)
        #expect(try workspace.run("signal", "replied", "--lead", "L0000001").status == 0)
        let explain = try workspace.run("score", "explain", "L0000001", "--model", "m.json")
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("Rules (playbook v"))
        #expect(explain.stdout.contains("+25 replied"))
        #expect(explain.stdout.contains("chance to convert, by learned:conversion:v2"))
        #expect(explain.stdout.contains("count.replied (engagement): count.replied = 2"))
        let noModel = try workspace.run("score", "explain", "L0000001")
        #expect(noModel.stdout.contains("no model: train one with `accord model train`"))
        let missing = try workspace.run("score", "explain", "L0000001", "--model", "none.json")
        #expect(missing.status == 3)
    }

    @Test func badInputGetsUsageStatusWithTheLine() throws {
        let workspace = try Workspace()
        try Data("size,outcome\n1,yes\n2,maybe\n".utf8).write(to: workspace.url.appendingPathComponent("bad.csv"))
        let outcome = try workspace.run("model", "train", "--csv", "bad.csv", "--target", "outcome")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("line 3, column \"outcome\": 'maybe' is not an outcome"))
        let noTarget = try workspace.run("model", "train", "--csv", "bad.csv")
        #expect(noTarget.status == 2)
        #expect(noTarget.stderr.contains("--target"))
        let noFile = try workspace.run("model", "evaluate", "--csv", "nope.csv", "--target", "x")
        #expect(noFile.status == 3)
        let folds = try workspace.run("model", "evaluate", "--folds", "1", "--csv", "bad.csv", "--target", "outcome")
        #expect(folds.status == 2)
        let journal = try workspace.run("model", "train")
        #expect(journal.status == 2)
        #expect(journal.stderr.contains("accord init"))
    }

    @Test func theDriftCheckNeedsATimeColumnOnCSVData() throws {
        let workspace = try Workspace()
        var text = "id,created,attr.employees,count.replied,Outcome\n"
        for index in 0..<200 {
            let replies = index % 4
            let day = String(format: "%02d", 1 + index % 28)
            text +=
                "\(index),\(day)/\(1 + index / 28)/2026,\(1_000 + index * 10),\(replies),\(replies >= 2 ? "won" : "lost")\n"
        }
        try Data(text.utf8).write(to: workspace.url.appendingPathComponent("leads.csv"))
        let untimed = try workspace.run(
            "model", "evaluate", "--csv", "leads.csv", "--target", "outcome", "--exclude", "id,created")
        #expect(untimed.status == 0, "\(untimed.stderr)")
        #expect(untimed.stdout.contains("Drift check: skipped: the CSV's rows have no time"))
        #expect(!untimed.stdout.contains("DRIFT"))

        let timed = try workspace.run(
            "model", "evaluate", "--csv", "leads.csv", "--target", "outcome", "--exclude", "id",
            "--time-column", "created", "--date-format", "DD/M/YYYY", "--json")
        #expect(timed.status == 0, "\(timed.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(timed.stdout.utf8)) as? [String: Any]
        let drift = report?["drift"] as? [String: Any]
        #expect(drift?["cohortRows"] as? Int == 40)
        #expect(drift?["trainedRows"] as? Int == 160)
        #expect(report?["driftSkipped"] == nil)

        let badDate = try workspace.run(
            "model", "evaluate", "--csv", "leads.csv", "--target", "outcome", "--time-column", "created")
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("line 2, column \"created\""))
        let orphanFormat = try workspace.run(
            "model", "train", "--csv", "leads.csv", "--target", "outcome", "--date-format", "DD/MM/YYYY")
        #expect(orphanFormat.status == 2)
        #expect(orphanFormat.stderr.contains("--time-column"))
        let journalOnly = try workspace.run("model", "evaluate", "--time-column", "created")
        #expect(journalOnly.status == 2)
    }

    @Test func trainsEvaluatesAndExplainsABoostedModelAndChoosesByAUC() throws {
        let workspace = try Workspace()
        try Data(Self.csv().utf8).write(to: workspace.url.appendingPathComponent("leads.csv"))
        let train = try workspace.run(
            "model", "train", "--model", "boosted", "--csv", "leads.csv", "--target", "outcome", "--exclude", "id",
            "--out", "trees.json")
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.hasPrefix("trained boosted:conversion:v1 on 120 rows"))
        #expect(train.stdout.contains("trees, no early stop"))
        #expect(train.stdout.contains("calibrated: p = σ("))
        #expect(train.stdout.contains("fitted on 3-fold out-of-fold predictions"))
        let auto = try workspace.run(
            "model", "train", "--model", "auto", "--csv", "leads.csv", "--target", "outcome", "--exclude", "id",
            "--out", "trees.json", "--json")
        #expect(auto.status == 0, "\(auto.stderr)")
        let trained = try JSONSerialization.jsonObject(with: Data(auto.stdout.utf8)) as? [String: Any]
        let comparison = trained?["comparison"] as? [[String: Any]]
        #expect(comparison?.map { $0["model"] as? String } == ["logistic", "boosted"])
        #expect((trained?["model"] as? String)?.hasSuffix(":conversion:v2") == true)

        let evaluate = try workspace.run(
            "model", "evaluate", "--model", "auto", "--folds", "3", "--csv", "leads.csv", "--target", "outcome",
            "--exclude", "id")
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(evaluate.stdout.contains("on the same folds: logistic ROC AUC"))

        #expect(try workspace.run("init").status == 0)
        #expect(try workspace.run("capture", "--email", "ana@acme.com", "--attr", "employees=1500").status == 0)
        #expect(try workspace.run("signal", "replied", "--lead", "L0000001").status == 0)
        let boosted = try workspace.run(
            "model", "train", "--model", "boosted", "--csv", "leads.csv", "--target", "outcome", "--exclude", "id",
            "--out", "only-trees.json")
        #expect(boosted.status == 0)
        let explain = try workspace.run("score", "explain", "L0000001", "--model", "only-trees.json")
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("chance to convert, by boosted:conversion:v1"))
        #expect(explain.stdout.contains("(Shapley value)"))

        let bad = try workspace.run("model", "train", "--model", "forest", "--csv", "leads.csv", "--target", "outcome")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--model must be logistic, boosted or auto"))
        let balanced = try workspace.run(
            "model", "train", "--model", "boosted", "--balanced", "--csv", "leads.csv", "--target", "outcome")
        #expect(balanced.status == 2)
    }
}
