import Foundation
import Scoring

/// One kind's cross-validated AUC, as `--model auto` reports it.
struct ModelComparison: Encodable {
    var model: String
    var meanAUC: Double?
}

/// What `--model logistic|boosted|auto` asks for, and how auto decides.
struct ModelChoice {
    /// The kind asked for; `nil` for auto.
    var kind: ConversionModel.Kind?
    /// The boosted model's options (scikit-learn's defaults).
    var boosted = BoostedOptions()

    /// Reads `--model`.
    ///
    /// - Throws: ``CLIError`` (usage) for another value.
    init(_ arguments: ParsedArguments) throws(CLIError) {
        switch arguments.value("model") {
        case nil, "logistic": kind = .logistic
        case "boosted": kind = .boosted
        case "auto": kind = nil
        case let other?:
            throw CLIError.usage("--model must be logistic, boosted or auto, not '\(other)'")
        }
        if kind != .logistic, arguments.has("balanced") {
            throw CLIError.usage(
                "--balanced weighs the logistic model's classes; it does not apply to --model boosted or auto")
        }
    }

    /// Auto's folds: both kinds are cross-validated on the same 5 stratified folds.
    static let autoFolds = 5

    /// The kind to train on `set` and, for auto, both kinds' figures.
    func kind(for set: TrainingSet, options: TrainingOptions) throws(LearnedModelError) -> (
        ConversionModel.Kind, [ModelComparison]?
    ) {
        if let kind { return (kind, nil) }
        let (kind, _, comparison) = try evaluate(set, folds: Self.autoFolds, options: options)
        return (kind, comparison)
    }

    /// Cross-validates the kind asked for or, for auto, both on the same folds, keeping the one
    /// with the higher mean AUC (the logistic model on a tie, being the simpler).
    func evaluate(_ set: TrainingSet, folds: Int, options: TrainingOptions) throws(LearnedModelError) -> (
        ConversionModel.Kind, CrossValidationReport, [ModelComparison]?
    ) {
        switch kind {
        case .logistic?: return (.logistic, try CrossValidation.run(set, folds: folds, options: options), nil)
        case .boosted?: return (.boosted, try CrossValidation.run(set, folds: folds, boosted: boosted), nil)
        case nil:
            let logistic = try CrossValidation.run(set, folds: folds, options: options)
            let trees = try CrossValidation.run(set, folds: folds, boosted: boosted)
            let comparison = [
                ModelComparison(model: ConversionModel.Kind.logistic.rawValue, meanAUC: logistic.meanAUC),
                ModelComparison(model: ConversionModel.Kind.boosted.rawValue, meanAUC: trees.meanAUC),
            ]
            if (trees.meanAUC ?? 0) > (logistic.meanAUC ?? 0) { return (.boosted, trees, comparison) }
            return (.logistic, logistic, comparison)
        }
    }
}
