import Accord
import Foundation
import Scoring

/// Boosted-tree benchmarks: 5-fold stratified cross-validation of ``BoostedModel`` training on
/// 100,000 generated rows × 50 features with interactions and categoricals, read from a CSV
/// file, side by side with scikit-learn's `HistGradientBoostingClassifier` (defaults, native
/// categoricals) on the same file and folds (`Benchmarks/sklearn_boosted_baseline.py`); and the
/// rate of per-lead TreeSHAP explanations of a model of 100 trees of at most 31 leaves, also on
/// its own as `learned-boosted-explain` (no cross-validation and no scikit-learn).
///
/// The data (seed 2027): 40 numeric features (standard normal, five of them with 2% blanks and
/// `f06` with 15% blanks that raise conversion) and 10 categorical features (4–8 values, `c10`
/// 30 values; two columns with 1% blanks). The log-odds add linear effects of a third of the
/// numeric columns, category effects, and interactions: `f01 × f02`, the signs of `f03` and
/// `f04` agreeing, a step at `f05 > 1`, `c01`'s value scaling `f07`, and pairs of `c02` and
/// `c03`; about 30% convert. The fold of each row (``StratifiedFolds``, seed 2027) is written
/// as a `fold` column.
enum BoostedScoringBenchmarks {
    static let folds = 5
    static let numericColumns = 40
    static let categoricalColumns = 10

    static var all: [Benchmark] {
        [
            Benchmark(
                name: "learned-boosted",
                summary:
                    "BoostedModel: 5-fold CV on 100,000 rows x 50 features with interactions, scikit-learn side by side;"
                    + " explanations/s",
                run: run),
            Benchmark(
                name: "learned-boosted-explain",
                summary:
                    "BoostedModel: explanations/s alone (learned-boosted without the 5-fold fit and scikit-learn):"
                    + " 100 trees of 31 leaves",
                run: runExplanations),
        ]
    }

    /// Makes `rows` rows deterministically, as CSV with the fold column.
    static func generate(rows: Int) -> LearnedScoringBenchmarks.Generated {
        var random = SplitMix64(seed: 2027)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        func normal() -> Double {
            // Box–Muller; 1 − u keeps the logarithm finite.
            let u = 1 - uniform()
            let v = uniform()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        let numericWeights = (0..<numericColumns).map { index in index % 3 == 2 ? (uniform() - 0.5) * 0.6 : 0 }
        let levelCounts = (0..<categoricalColumns).map { $0 == categoricalColumns - 1 ? 30 : 4 + $0 % 5 }
        let levelEffects = levelCounts.map { count in (0..<count).map { _ in (uniform() - 0.5) * 0.8 } }
        let slopes = (0..<levelCounts[0]).map { _ in (uniform() - 0.5) * 2 }
        let pairEffects = (0..<(levelCounts[1] * levelCounts[2])).map { _ in (uniform() - 0.5) * 1.2 }
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
            var values: [Double] = []
            var logit = -1.6
            for column in 0..<numericColumns {
                let value = normal()
                values.append(value)
                logit += numericWeights[column] * value
                if column == 5, uniform() < 0.15 {
                    logit += 0.8
                    fields.append("")
                } else if column < 5, uniform() < 0.02 {
                    fields.append("")
                } else {
                    fields.append(String((value * 1_000).rounded() / 1_000))
                }
            }
            var levels: [Int] = []
            for column in 0..<categoricalColumns {
                let level = Int(random.next() % UInt64(levelCounts[column]))
                levels.append(level)
                logit += levelEffects[column][level]
                if column < 2, uniform() < 0.01 {
                    fields.append("")
                } else {
                    fields.append("v\(level)")
                }
            }
            logit += 0.8 * values[0] * values[1]
            logit += (values[2] > 0) == (values[3] > 0) ? 0.7 : -0.7
            logit += values[4] > 1 ? 1 : 0
            logit += slopes[levels[0]] * values[6]
            logit += pairEffects[levels[1] * levelCounts[2] + levels[2]]
            let converted = uniform() < 1 / (1 + exp(-logit))
            outcomes.append(converted)
            fields.append(converted ? "1" : "0")
            lines.append(fields)
        }
        let folds = StratifiedFolds.assign(outcomes, folds: folds, seed: 2027)
        var text = header.joined(separator: ",") + "\n"
        text.reserveCapacity(rows * 400)
        for (index, fields) in lines.enumerated() {
            text += fields.joined(separator: ",")
            text += ",\(folds[index])\n"
        }
        return LearnedScoringBenchmarks.Generated(
            csv: Data(text.utf8), folds: folds, converted: outcomes.filter { $0 }.count)
    }

    /// Writes the generated rows to the scratch directory and reads them back as training data.
    static func load(_ context: BenchContext) throws -> (
        generated: LearnedScoringBenchmarks.Generated, url: URL, data: CSVTrainingData
    ) {
        let generated = generate(rows: context.count(default: 100_000))
        let url = context.directory.appendingPathComponent("learned-boosted.csv")
        try generated.csv.write(to: url)
        let data = try CSVTrainingData(url: url, target: "converted", exclude: ["fold"])
        guard data.set.columns.count == numericColumns + categoricalColumns else {
            throw BenchError("expected 50 feature columns, read \(data.set.columns.count)")
        }
        let categorical = data.set.columns.filter { $0.kind == .categorical }.count
        guard categorical == categoricalColumns else {
            throw BenchError("expected \(categoricalColumns) categorical columns, read \(categorical)")
        }
        return (generated, url, data)
    }

    /// `learned-boosted-explain`: the explanation timing of `learned-boosted` alone, on the same data.
    static func runExplanations(_ context: BenchContext) async throws -> [Measurement] {
        let (generated, _, data) = try load(context)
        return [try explanations(data.set, folds: generated.folds)]
    }

    static func run(_ context: BenchContext) async throws -> [Measurement] {
        let (generated, url, data) = try load(context)
        let rows = generated.folds.count
        let cpuStart = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID)
        let (seconds, report) = try await measure {
            try CrossValidation.run(data.set, assignment: generated.folds, boosted: BoostedOptions())
        }
        let cpuSeconds = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - cpuStart
        guard let auc = report.meanAUC else { throw BenchError("cross-validation gave no AUC") }
        var training = Measurement(name: "learned-boosted", count: rows, seconds: seconds)
        training.set("folds", .int(folds))
        training.set("features", .int(data.set.columns.count))
        training.set("converted", .int(generated.converted))
        training.set("auc", .double(auc))
        training.set("logLoss", .double(report.logLoss))
        training.set("iterations", .string(report.iterations.map(String.init).joined(separator: ",")))
        // The machine may be shared: the process's CPU time (all threads) says what the work costs.
        training.set("cpuSeconds", .double(cpuSeconds))
        if let python = context.sqlite?.python, let script = context.sqlite?.script {
            let sklearn = script.deletingLastPathComponent().appendingPathComponent("sklearn_boosted_baseline.py")
            do {
                let baseline = try runBaseline(python: python, script: sklearn, csv: url)
                training.baseline = "sklearn-hgb-\(baseline.version)"
                training.baselineRate = Double(rows) / baseline.seconds
                training.set("sklearnSeconds", .double(baseline.seconds))
                if let cpu = baseline.cpuSeconds { training.set("sklearnCPUSeconds", .double(cpu)) }
                training.set("sklearnAUC", .double(baseline.auc))
                training.set("sklearnIterations", .string(baseline.iterations.map(String.init).joined(separator: ",")))
                training.set("aucDifference", .double(auc - baseline.auc))
            } catch {
                context.note("learned-boosted: scikit-learn comparison skipped: \(error)")
            }
        }
        return [training, try explanations(data.set, folds: generated.folds)]
    }

    /// Times TreeSHAP explanations of held-out leads by a model of 100 trees of at most 31
    /// leaves (early stopping off): all of them through the batch `BoostedModel.explain(_:)`
    /// (which lays the trees out once and shares the leads over the cores, so its rate per CPU
    /// second counts the CPU time of the whole process), and the first 2,000 one lead at a time
    /// through `BoostedModel.explain(_:)` of one lead (the calling thread's CPU time).
    static func explanations(_ set: TrainingSet, folds: [Int]) throws -> Measurement {
        let model = try BoostedModel.train(
            set.subset(folds.indices.filter { folds[$0] != 0 }), createdAt: Date(timeIntervalSince1970: 0),
            options: BoostedOptions(earlyStopping: .off))
        let names = set.columns.map(\.name)
        let leads = folds.indices.filter { folds[$0] == 0 }.prefix(20_000).map { row in
            Dictionary(uniqueKeysWithValues: zip(names, set.rows[row].values))
        }
        func check(_ explanation: BoostedExplanation) -> Double {
            let sum = explanation.contributions.reduce(explanation.expectedValue) { $0 + $1.contribution }
            return abs(sum - explanation.rawScore)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID)
        let explanations = model.explain(leads)
        let cpuSeconds = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - cpuStart
        let (whole, attoseconds) = (clock.now - start).components
        let seconds = Double(whole) + Double(attoseconds) / 1e18
        var worst = explanations.reduce(0) { max($0, check($1)) }
        let single = leads.prefix(2_000)
        let singleStart = Self.cpuSeconds(CLOCK_THREAD_CPUTIME_ID)
        for (index, lead) in single.enumerated() {
            let explanation = model.explain(lead)
            worst = max(worst, check(explanation))
            let batch = Dictionary(uniqueKeysWithValues: explanations[index].contributions.map { ($0.column, $0) })
            for item in explanation.contributions {
                worst = max(worst, abs(item.contribution - (batch[item.column]?.contribution ?? 0)))
            }
        }
        let singleSeconds = Self.cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - singleStart
        guard worst < 1e-9 else {
            throw BenchError("contributions miss the raw score or the single explanation by \(worst)")
        }
        var measurement = Measurement(name: "learned-boosted-explain", count: leads.count, seconds: seconds)
        measurement.set("api", .string("batch explain(_:) over all cores"))
        measurement.set("trees", .int(model.trees.count))
        measurement.set("maxLeaves", .int(model.trees.map(\.leafCount).max() ?? 0))
        measurement.set(
            "meanLeaves", .double(Double(model.trees.map(\.leafCount).reduce(0, +)) / Double(model.trees.count)))
        measurement.set("maxDepth", .int(model.trees.map(\.depth).max() ?? 0))
        measurement.set("worstSumError", .double(worst))
        // The machine may be shared: CPU time says what the cores do undisturbed. The batch runs
        // on several threads, so it is the process's CPU time.
        measurement.set("cpuSeconds", .double(cpuSeconds))
        measurement.set("ratePerCPUSecond", .double(Double(leads.count) / cpuSeconds))
        measurement.set("singleCount", .int(single.count))
        measurement.set("singleCPUSeconds", .double(singleSeconds))
        measurement.set("singleRatePerCPUSecond", .double(Double(single.count) / singleSeconds))
        return measurement
    }

    /// The CPU time `clock` (the calling thread's or the process's) has counted, in seconds.
    static func cpuSeconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// What `Benchmarks/sklearn_boosted_baseline.py` prints.
    struct BaselineResult: Decodable {
        var version: String
        var auc: Double
        var seconds: Double
        /// The process's CPU time over the same spans (older scripts do not print it).
        var cpuSeconds: Double?
        var iterations: [Int]
    }

    static func runBaseline(python: URL, script: URL, csv: URL) throws -> BaselineResult {
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw BenchError("\(script.path) not found")
        }
        return try PythonScript.run(
            python, [script.path, "--csv", csv.path, "--target", "converted", "--fold-column", "fold"],
            as: BaselineResult.self, name: "the scikit-learn boosted baseline")
    }
}
