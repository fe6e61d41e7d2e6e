import Accord
import Foundation
import Scoring

/// Learned-scoring benchmarks: 5-fold stratified cross-validation of ``LearnedModel`` training
/// on 100,000 generated rows × 50 features read from a CSV file, side by side with
/// scikit-learn's `LogisticRegression` on the same file and the same folds
/// (`Benchmarks/sklearn_baseline.py`).
///
/// The data: 40 numeric features (standard normal, five of them with 2% blanks, each with a
/// known coefficient, a third of them 0) and 10 categorical features of 4–8 values (each value a
/// known effect; two columns with 1% blanks), the outcome drawn from the logistic model, about
/// 30% converted. The fold of each row (``StratifiedFolds``, seed 2026) is written as a `fold`
/// column, so both sides hold out exactly the same rows.
///
/// The script runs with the `python3` that ``SQLiteBaseline/locate(note:)`` found, next to
/// `Benchmarks/sqlite_baseline.py`; `--no-baseline` (or no `python3`) skips the comparison.
enum LearnedScoringBenchmarks {
    static let folds = 5
    static let numericColumns = 40
    static let categoricalColumns = 10

    static var all: [Benchmark] {
        [
            Benchmark(
                name: "learned-training",
                summary:
                    "LearnedModel: 5-fold CV on 100,000 rows x 50 features from CSV, with scikit-learn side by side",
                run: crossValidate)
        ]
    }

    /// The generated data set written as CSV, with the fold assignment.
    struct Generated {
        var csv: Data
        var folds: [Int]
        var converted: Int
    }

    /// Makes `rows` rows deterministically.
    static func generate(rows: Int) -> Generated {
        var random = SplitMix64(seed: 2026)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        func normal() -> Double {
            // Box–Muller; 1 − u keeps the logarithm finite.
            let u = 1 - uniform()
            let v = uniform()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        let numericWeights = (0..<numericColumns).map { index in index % 3 == 2 ? 0 : (uniform() - 0.5) * 0.8 }
        let levelCounts = (0..<categoricalColumns).map { 4 + $0 % 5 }
        let levelEffects = levelCounts.map { count in (0..<count).map { _ in (uniform() - 0.5) * 0.8 } }
        let header =
            (1...numericColumns).map { String(format: "f%02d", $0) }
            + (1...categoricalColumns).map { String(format: "c%02d", $0) } + ["converted", "fold"]
        var lines: [[String]] = []
        var outcomes: [Bool] = []
        lines.reserveCapacity(rows)
        outcomes.reserveCapacity(rows)
        for _ in 0..<rows {
            var fields: [String] = []
            fields.reserveCapacity(header.count)
            var logit = -1.0
            for column in 0..<numericColumns {
                let value = normal()
                logit += numericWeights[column] * value
                if column < 5, uniform() < 0.02 {
                    fields.append("")
                } else {
                    fields.append(String((value * 1_000).rounded() / 1_000))
                }
            }
            for column in 0..<categoricalColumns {
                let level = Int(random.next() % UInt64(levelCounts[column]))
                logit += levelEffects[column][level]
                if column < 2, uniform() < 0.01 {
                    fields.append("")
                } else {
                    fields.append("v\(level)")
                }
            }
            let converted = uniform() < 1 / (1 + exp(-logit))
            outcomes.append(converted)
            fields.append(converted ? "1" : "0")
            lines.append(fields)
        }
        let folds = StratifiedFolds.assign(outcomes, folds: folds, seed: 2026)
        var text = header.joined(separator: ",") + "\n"
        text.reserveCapacity(rows * 400)
        for (index, fields) in lines.enumerated() {
            text += fields.joined(separator: ",")
            text += ",\(folds[index])\n"
        }
        return Generated(csv: Data(text.utf8), folds: folds, converted: outcomes.filter { $0 }.count)
    }

    static func crossValidate(_ context: BenchContext) async throws -> [Measurement] {
        let rows = context.count(default: 100_000)
        let generated = generate(rows: rows)
        let url = context.directory.appendingPathComponent("learned-training.csv")
        try generated.csv.write(to: url)

        let (loadSeconds, data) = try await measure {
            try CSVTrainingData(url: url, target: "converted", exclude: ["fold"])
        }
        guard data.set.columns.count == numericColumns + categoricalColumns else {
            throw BenchError("expected 50 feature columns, read \(data.set.columns.count)")
        }
        let (seconds, report) = try await measure {
            try CrossValidation.run(data.set, assignment: generated.folds)
        }
        guard let auc = report.meanAUC else { throw BenchError("cross-validation gave no AUC") }
        var measurement = Measurement(name: "learned-training", count: rows, seconds: seconds)
        measurement.set("folds", .int(folds))
        measurement.set("features", .int(data.set.columns.count))
        measurement.set("auc", .double(auc))
        measurement.set("logLoss", .double(report.logLoss))
        measurement.set("iterations", .int(report.iterations.reduce(0, +) / max(1, report.iterations.count)))
        measurement.set("csvLoadSeconds", .double(loadSeconds))
        if let python = context.sqlite?.python, let script = context.sqlite?.script {
            let sklearn = script.deletingLastPathComponent().appendingPathComponent("sklearn_baseline.py")
            do {
                let baseline = try runBaseline(python: python, script: sklearn, csv: url)
                measurement.baseline = "sklearn-\(baseline.version)"
                measurement.baselineRate = Double(rows) / baseline.seconds
                measurement.set("sklearnSeconds", .double(baseline.seconds))
                measurement.set("sklearnAUC", .double(baseline.auc))
                measurement.set("aucDifference", .double(auc - baseline.auc))
            } catch {
                context.note("learned-training: scikit-learn comparison skipped: \(error)")
            }
        }
        return [measurement]
    }

    /// What `Benchmarks/sklearn_baseline.py` prints.
    struct BaselineResult: Decodable {
        var version: String
        var auc: Double
        var seconds: Double
    }

    static func runBaseline(python: URL, script: URL, csv: URL) throws -> BaselineResult {
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw BenchError("\(script.path) not found")
        }
        return try PythonScript.run(
            python, [script.path, "--csv", csv.path, "--target", "converted", "--fold-column", "fold"],
            as: BaselineResult.self, name: "the scikit-learn baseline")
    }
}
