import Accord
import Foundation
import LeadModel
import Scoring

extension CommandDefinition {
    /// The options that choose where training data comes from.
    static let trainingDataOptions: [OptionSpec] = [
        .value("csv", "FILE", "read rows from a CSV file instead of the journal"),
        .value("target", "COLUMN", "the CSV's outcome column (1/0, yes/no, true/false, won/lost, converted)"),
        .value("exclude", "COL,COL", "CSV columns to leave out: ids, leakage such as a close date", repeatable: true),
        .value(
            "time-column", "COLUMN", "the CSV column that dates each row (not a feature; needed for the drift check)"),
        .value("date-format", "PATTERN", "how the time column's dates are written, e.g. DD/MM/YYYY (default ISO 8601)"),
        .value("time-zone", "ZONE", "IANA time zone of time-column dates without an offset (default UTC)"),
    ]

    /// `--model logistic|boosted|auto`.
    static let modelKindOption = OptionSpec.value(
        "model", "KIND",
        "logistic, boosted (gradient-boosted trees) or auto (the better by cross-validated AUC); default logistic")

    static let modelTrain = CommandDefinition(
        name: "model train",
        summary: "Train a learned conversion model from the journal or a CSV file.",
        discussion: """
            Fits an L2-regularised logistic regression (C = 1, as scikit-learn's default) on \
            standardised numbers and one-hot categories, with missing-value indicators; or, with \
            --model boosted, gradient-boosted histogram trees (100 trees of up to 31 leaves, \
            learning rate 0.1, early stopping above 10,000 rows, as scikit-learn's \
            HistGradientBoostingClassifier), which fit interactions, their probabilities \
            calibrated by a Platt curve fitted on 3-fold out-of-fold predictions; --model auto \
            cross-validates both on the same 5 folds and keeps the one with the higher AUC. From the \
            journal a lead counts as converted when it reached opportunity or won, and as not \
            converted when it was lost, disqualified or rejected; other leads are left out. The \
            model is saved as JSON (default: the data directory's models/NAME.json); retraining \
            under the same name raises the version.
            """,
        options: trainingDataOptions + [
            modelKindOption,
            .value("name", "NAME", "the model's name (default: conversion)"),
            .value("out", "FILE", "where to save the model (default: DATA/models/NAME.json)"),
            .flag("balanced", "weigh both classes equally (for rare conversions)"),
        ],
        examples: [
            "accord model train",
            "accord model train --csv leads.csv --target converted --exclude id,closed_at",
            "accord model train --csv leads.csv --target Outcome --out model.json --json",
            "accord model train --model auto --csv leads.csv --target converted",
        ]
    ) { arguments, console in
        let name = arguments.value("name") ?? "conversion"
        let directory = console.dataDirectory
        let url =
            try arguments.value("out").map { path throws(CLIError) in try directory.outputFile(path, label: "--out") }
            ?? directory.modelURL(name, label: "--name")
        let choice = try ModelChoice(arguments)
        let data = try await TrainingData.load(arguments, console)
        let previous = try? ConversionModel.load(contentsOf: url)
        let options = TrainingOptions(classWeights: arguments.has("balanced") ? .balanced : .none)
        let (model, comparison, calibration) = try learning {
            let (kind, comparison) = try choice.kind(for: data.set, options: options)
            let version = (previous?.version ?? 0) + 1
            let model: ConversionModel
            var calibration: BoostedModel.CalibrationCheck?
            switch kind {
            case .logistic:
                model = .logistic(
                    try LearnedModel.train(data.set, name: name, version: version, createdAt: Date(), options: options))
            case .boosted:
                let trees = try BoostedModel.train(
                    data.set, name: name, version: version, createdAt: Date(), options: choice.boosted)
                let (calibrated, check) = try trees.calibrated(on: data.set)
                model = .boosted(calibrated)
                calibration = check
            }
            try model.save(to: url)
            return (model, comparison, calibration)
        }
        let summary = TrainingReport(
            model: model, data: data, path: url.path, comparison: comparison, calibration: calibration)
        if console.json {
            try console.printJSON(summary)
        } else {
            for line in summary.lines { console.print(line) }
        }
    }

    static let modelEvaluate = CommandDefinition(
        name: "model evaluate",
        summary: "Cross-validate the learned model: ROC AUC, log loss, calibration and lift by decile.",
        discussion: """
            Splits the rows into K stratified folds, trains on K−1 and predicts the held-out fold, \
            so every row is predicted by a model that never saw it. Prints the ROC AUC (per fold \
            and pooled), the log loss against always predicting the base rate, a calibration table \
            and lift by decile of predicted probability, and a drift check: a model trained on \
            the older 80% of rows against the most recent 20%, by capture time in the journal. A \
            CSV file's rows are dated by --time-column; without it there is no drift check, as \
            file order is not time order.
            """,
        options: trainingDataOptions + [
            modelKindOption,
            .value("folds", "K", "the number of folds, 2 to 20 (default: 5)"),
            .flag("balanced", "weigh both classes equally (for rare conversions)"),
        ],
        examples: [
            "accord model evaluate --folds 5",
            "accord model evaluate --folds 10 --csv leads.csv --target converted --exclude id",
            "accord model evaluate --csv leads.csv --target won --time-column created_at --json",
            "accord model evaluate --model auto --csv leads.csv --target converted",
        ]
    ) { arguments, console in
        let folds = try arguments.integer("folds", default: 5, range: 2...20)
        let choice = try ModelChoice(arguments)
        let data = try await TrainingData.load(arguments, console)
        let options = TrainingOptions(classWeights: arguments.has("balanced") ? .balanced : .none)
        let (kind, report, comparison) = try learning {
            try choice.evaluate(data.set, folds: folds, options: options)
        }
        var evaluation = EvaluationReport(
            source: data.source, model: kind.rawValue, crossValidation: report, comparison: comparison, drift: nil,
            driftSkipped: "the CSV's rows have no time: name the column that dates them with --time-column COLUMN")
        if data.dated {
            switch kind {
            case .logistic: evaluation.drift = try? DriftReport.recentCohort(of: data.set, options: options)
            case .boosted: evaluation.drift = try? DriftReport.recentCohort(of: data.set, boosted: choice.boosted)
            }
            evaluation.driftSkipped = evaluation.drift == nil ? "not enough rows" : nil
        }
        if console.json {
            try console.printJSON(evaluation)
        } else {
            for line in evaluation.lines { console.print(line) }
        }
    }

    static let scoreExplain = CommandDefinition(
        name: "score explain",
        summary: "Explain a lead's score now: the rule score card and the learned model's probability.",
        discussion: """
            Scores the lead at the current time with the playbook's rules, listing every rule \
            that gave points, and — when a learned model exists (--model FILE, else the data \
            directory's models/conversion.json) — its conversion probability with the features \
            that moved it most. A contribution's points are the percentage points the \
            probability would lose if that feature contributed nothing: 100 × (p − σ(z − c)), \
            with z the log-odds and c = coefficient × standardised value for a logistic model, \
            the feature's exact Shapley value (TreeSHAP) for a boosted one.
            """,
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        options: [
            .value("model", "FILE", "the learned model to use (default: DATA/models/conversion.json if present)"),
            .value("top", "N", "how many model contributions to show, 1 to 50 (default: 5)"),
        ],
        examples: [
            "accord score explain L0000001", "accord score explain L0000001 --model model.json --json",
        ]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        let top = try arguments.integer("top", default: 5, range: 1...50)
        let playbook = try console.dataDirectory.loadPlaybook()
        let state = try await console.dataDirectory.withStore { store in
            try await LeadReader(store: store).state(of: id)
        }
        let modelURL =
            try arguments.value("model").map { URL(fileURLWithPath: $0) }
            ?? console.dataDirectory.modelURL("conversion", label: "--model")
        let model: ConversionModel? = try learning {
            if arguments.value("model") == nil, !FileManager.default.fileExists(atPath: modelURL.path) { return nil }
            return try ConversionModel.load(contentsOf: modelURL)
        }
        let now = Date()
        let input = ScoringInput(state: state, now: now, playbookVersion: playbook.version)
        let rules = playbook.scoring.flatMap { RuleScorer($0).score(input) }
        let learned = model.map { LearnedScorer(model: $0, maximumContributions: top).score(input) } ?? nil
        let explanation = ScoreExplanation(
            lead: id.rawValue, at: now, playbookVersion: playbook.version, rules: rules, learned: learned,
            model: model.map { ScoreExplanation.ModelInfo(identifier: $0.identifier, path: modelURL.path) })
        if console.json {
            try console.printJSON(explanation)
        } else {
            for line in explanation.lines { console.print(line) }
        }
    }
}

extension DataDirectory {
    /// Where `accord model train` saves a model called `name` by default: `DATA/models/NAME.json`.
    ///
    /// - Throws: ``CLIError`` (usage) when `name` is not a plain file name (see
    ///   ``namedFile(_:label:in:pathExtension:)``).
    func modelURL(_ name: String, label: String) throws(CLIError) -> URL {
        try namedFile(name, label: label, in: "models", pathExtension: "json")
    }
}

/// Runs `body`, turning learning errors into CLI errors with the documented exit statuses.
func learning<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as LearnedModelError {
        throw CLIError(status: error.code == .missingModel ? .notFound : .usage, message: error.message)
    } catch let error as LearningError {
        throw CLIError(status: .usage, message: error.description)
    }
}

/// Training rows from `--csv` or the journal, and where they came from.
struct TrainingData {
    var set: TrainingSet
    var source: String
    /// CSV only: how each column was read.
    var columns: [ColumnInference]
    var notes: [String]
    /// Whether the rows carry the time they were observed (the journal, or a CSV's time column).
    var dated: Bool

    static func load(_ arguments: ParsedArguments, _ console: Console) async throws -> TrainingData {
        let exclude = arguments.all("exclude").flatMap { $0.split(separator: ",").map(String.init) }
        let timeColumn = arguments.value("time-column")
        guard let path = arguments.value("csv") else {
            let csvOnly = ["target", "time-column", "date-format", "time-zone"]
            if csvOnly.contains(where: { arguments.value($0) != nil }) || !exclude.isEmpty {
                throw CLIError.usage(
                    "--target, --exclude, --time-column, --date-format and --time-zone apply to --csv FILE only")
            }
            let data = try await console.dataDirectory.withStore { store in
                try await asyncLearning { try await JournalTrainingData(store: store) }
            }
            return TrainingData(
                set: data.set, source: "the journal", columns: [],
                notes: ["\(data.leads) leads, \(data.undecided) without an outcome yet left out"], dated: true)
        }
        guard let target = arguments.value("target") else {
            throw CLIError.usage("--csv needs --target COLUMN, the outcome column")
        }
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError(status: .notFound, message: "no such file: \(path)")
        }
        if arguments.value("date-format") != nil || arguments.value("time-zone") != nil, timeColumn == nil {
            throw CLIError.usage("--date-format and --time-zone read the --time-column; name it too")
        }
        let dateFormat: ImportDateFormat
        do {
            dateFormat = try ImportDateFormat(
                pattern: arguments.value("date-format"), timeZone: arguments.value("time-zone"))
        } catch let error as ImportError {
            throw CLIError.usage(error.description)
        }
        let data = try learning {
            try CSVTrainingData(
                url: url, target: target, exclude: exclude, timeColumn: timeColumn, dateFormat: dateFormat)
        }
        var notes =
            data.emptyColumns.isEmpty ? [] : ["left out (no values): " + data.emptyColumns.joined(separator: ", ")]
        if let time = data.timeColumn { notes.append("rows dated by \(time)") }
        return TrainingData(
            set: data.set, source: path, columns: data.columns, notes: notes, dated: data.timeColumn != nil)
    }

    private static func asyncLearning<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LearningError {
            throw CLIError(status: .usage, message: error.description)
        }
    }
}

/// What `accord model train` prints.
struct TrainingReport: Encodable {
    struct Coefficient: Encodable {
        var feature: String
        var coefficient: Double
    }

    var path: String
    var model: String
    var kind: String
    var source: String
    var rows: Int
    var converted: Int
    var columns: [ColumnInference]
    /// Logistic: encoded features; boosted: raw columns.
    var features: Int
    /// Logistic: L-BFGS iterations; boosted: trees.
    var iterations: Int
    /// Logistic: whether L-BFGS converged; boosted: whether early stopping stopped training.
    var converged: Bool
    var trainingLogLoss: Double
    var topCoefficients: [Coefficient]
    /// `--model auto`: both kinds' cross-validated AUC.
    var comparison: [ModelComparison]?
    /// Boosted: the Platt curve and the out-of-fold calibration before and after it.
    var calibration: PlattScaling?
    var calibrationCheck: BoostedModel.CalibrationCheck?
    var notes: [String]

    init(
        model: ConversionModel, data: TrainingData, path: String, comparison: [ModelComparison]?,
        calibration: BoostedModel.CalibrationCheck?
    ) {
        self.path = path
        self.model = model.identifier
        kind = model.kind.rawValue
        source = data.source
        columns = data.columns
        self.comparison = comparison
        calibrationCheck = calibration
        notes = data.notes
        switch model {
        case .logistic(let model):
            rows = model.training.rows
            converted = model.training.converted
            features = model.encoding.width
            iterations = model.training.iterations
            converged = model.training.converged
            trainingLogLoss = model.training.trainingLogLoss
            topCoefficients = zip(model.encoding.featureNames, model.coefficients)
                .sorted { abs($0.1) != abs($1.1) ? abs($0.1) > abs($1.1) : $0.0 < $1.0 }
                .prefix(10).map { Coefficient(feature: $0.0, coefficient: $0.1) }
        case .boosted(let model):
            rows = model.training.rows
            converted = model.training.converted
            features = model.binner.columns.count
            iterations = model.training.iterations
            converged = model.training.stoppedEarly
            trainingLogLoss = model.training.trainingLogLoss
            topCoefficients = []
            self.calibration = model.calibration
        }
    }

    var lines: [String] {
        var output = ["trained \(model) on \(rows) rows (\(converted) converted) from \(source)"]
        if let comparison {
            output.append(
                "  chose \(kind) by 5-fold cross-validated ROC AUC: "
                    + comparison.map { "\($0.model) \($0.meanAUC.map { format($0, 4) } ?? "undefined")" }
                    .joined(separator: ", "))
        }
        if kind == ConversionModel.Kind.boosted.rawValue {
            output.append(
                "  \(features) columns; \(iterations) trees, " + (converged ? "stopped early" : "no early stop"))
        } else {
            output.append(
                "  \(features) encoded features; L-BFGS \(iterations) iterations, "
                    + (converged ? "converged" : "not converged"))
        }
        output.append("  training log loss \(format(trainingLogLoss, 4))")
        if let calibration, let calibrationCheck {
            output.append(
                "  calibrated: p = σ(\(format(calibration.slope, 3)) × raw + \(format(calibration.intercept, 3))), "
                    + "fitted on 3-fold out-of-fold predictions; expected calibration error "
                    + "\(format(calibrationCheck.before.expectedCalibrationError, 3)) before, "
                    + "\(format(calibrationCheck.after.expectedCalibrationError, 3)) after")
            output.append("    decile rows  predicted raw  calibrated  actual")
            for (raw, calibrated) in zip(calibrationCheck.before.bins, calibrationCheck.after.bins) {
                output.append(
                    "    " + pad("\(raw.index)", 7) + pad("\(raw.rows)", 5) + pad(percent(raw.meanPrediction), 15)
                        + pad(percent(calibrated.meanPrediction), 12) + percent(raw.actualRate))
            }
        }
        output += notes.map { "  \($0)" }
        if !columns.isEmpty {
            output.append("  columns:")
            for column in columns {
                var detail = column.kind.rawValue
                if column.missing > 0 { detail += ", \(column.missing) missing" }
                if column.unparsed > 0 { detail += ", \(column.unparsed) not numbers, read as missing" }
                output.append("    \(column.name) (\(detail))")
            }
        }
        if !topCoefficients.isEmpty {
            output.append("  largest coefficients (log-odds per standard deviation or per category):")
        }
        for item in topCoefficients {
            output.append("    \(item.coefficient >= 0 ? "+" : "")\(format(item.coefficient, 3))  \(item.feature)")
        }
        output.append("saved to \(path)")
        return output
    }
}

/// What `accord model evaluate` prints.
struct EvaluationReport: Encodable {
    var source: String
    /// The kind evaluated (the better one with `--model auto`).
    var model: String
    var crossValidation: CrossValidationReport
    /// `--model auto`: both kinds' cross-validated AUC on the same folds.
    var comparison: [ModelComparison]?
    var drift: DriftReport?
    /// Why there is no drift check, when there is none.
    var driftSkipped: String?

    var lines: [String] {
        let report = crossValidation
        var output = [
            "\(report.folds)-fold stratified cross-validation of the \(model) model on \(report.rows) rows "
                + "(\(report.converted) converted) from \(source)"
        ]
        if let comparison {
            output.append(
                "  on the same folds: "
                    + comparison.map { "\($0.model) ROC AUC \($0.meanAUC.map { format($0, 4) } ?? "undefined")" }
                    .joined(separator: ", ") + "; the \(model) model's figures follow")
        }
        output += [
            "  ROC AUC \(report.meanAUC.map { format($0, 4) } ?? "undefined") (mean of folds: "
                + report.foldAUCs.map { $0.map { format($0, 3) } ?? "-" }.joined(separator: ", ")
                + "); pooled \(report.pooledAUC.map { format($0, 4) } ?? "undefined")",
            "  log loss \(format(report.logLoss, 4)) (always predicting the base rate: \(format(report.baselineLogLoss, 4)))",
            "",
            "Calibration by decile of predicted probability (1 = lowest)",
            "  " + pad("decile", 7) + pad("rows", 7) + pad("predicted", 11) + "actual",
        ]
        for bin in report.calibration.bins {
            output.append(
                "  " + pad("\(bin.index)", 7) + pad("\(bin.rows)", 7) + pad(percent(bin.meanPrediction), 11)
                    + percent(bin.actualRate))
        }
        output += [
            "", "Lift by decile (1 = highest predicted)",
            "  " + pad("decile", 7) + pad("rows", 7) + pad("converted", 11) + pad("rate", 9) + pad("lift", 6)
                + "captured",
        ]
        for decile in report.lift.deciles {
            output.append(
                "  " + pad("\(decile.index)", 7) + pad("\(decile.rows)", 7) + pad("\(decile.converted)", 11)
                    + pad(percent(decile.rate), 9) + pad(format(decile.lift, 2), 6) + percent(decile.cumulativeCapture))
        }
        output.append("")
        if let drift {
            output.append(
                "Drift check: a model trained on the older \(drift.trainedRows) rows, on the recent \(drift.cohortRows): "
                    + (drift.drifted ? "DRIFT" : "no drift"))
            output.append("  predicted \(percent(drift.meanPrediction)), actual \(percent(drift.actualRate))")
            for decile in drift.deciles where decile.drifted {
                output.append(
                    "  decile \(decile.index): predicted \(percent(decile.meanPrediction)), actual \(percent(decile.actualRate))"
                )
            }
        } else {
            output.append("Drift check: skipped: \(driftSkipped ?? "not enough rows")")
        }
        if !report.converged { output.append("note: some folds did not converge") }
        return output
    }
}

/// What `accord score explain` prints.
struct ScoreExplanation: Encodable {
    struct ModelInfo: Encodable {
        var identifier: String
        var path: String
    }

    var lead: String
    var at: Date
    var playbookVersion: String
    var rules: ScoreCard?
    var learned: ScoreCard?
    var model: ModelInfo?

    var lines: [String] {
        var output = [
            "\(lead) scored at \(at.formatted(.iso8601))", "", "Rules (\(EventLine.playbookLabel(playbookVersion)))",
        ]
        if let rules {
            let grade = rules.grade.map { ", grade \($0)" } ?? ""
            output.append(
                "  \(LeadView.number(rules.total)) = fit \(LeadView.number(rules.fit)) + engagement \(LeadView.number(rules.engagement))\(grade)"
            )
            if rules.contributions.isEmpty { output.append("    no rule gave points") }
            for contribution in rules.contributions {
                let points = (contribution.points >= 0 ? "+" : "") + LeadView.number(contribution.points)
                output.append(
                    "    \(points) \(contribution.rule) (\(contribution.axis.rawValue)): \(contribution.evidence)")
            }
        } else {
            output.append("  the playbook has no scoring rules")
        }
        output += ["", "Learned model"]
        if let learned, let model {
            output.append("  \(format(learned.total, 1))% chance to convert, by \(model.identifier) (\(model.path))")
            output.append("  top contributions (percentage points the feature adds):")
            for contribution in learned.contributions {
                let points = (contribution.points >= 0 ? "+" : "") + format(contribution.points, 2)
                output.append(
                    "    \(points) \(contribution.rule) (\(contribution.axis.rawValue)): \(contribution.evidence)")
            }
        } else {
            output.append("  no model: train one with `accord model train`")
        }
        return output
    }
}

private func format(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
}

private func percent(_ value: Double) -> String {
    String(format: "%.1f%%", value * 100)
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
