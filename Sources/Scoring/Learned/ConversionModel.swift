import Foundation

/// A trained conversion model of either kind, as a model file holds it: what ``LearnedScorer``
/// scores with and what `accord model train --model logistic|boosted|auto` saves.
///
/// ```swift
/// let model = try ConversionModel.load(contentsOf: url)      // whichever kind the file holds
/// print(model.identifier, model.probability(of: ["employees": .number(250)]))
/// for item in model.explain(["employees": .number(250)]).prefix(3) { print(item.column, item.contribution) }
/// ```
public enum ConversionModel: Hashable, Sendable {
    /// A logistic regression (``LearnedModel``).
    case logistic(LearnedModel)
    /// Gradient-boosted trees (``BoostedModel``).
    case boosted(BoostedModel)

    /// The two kinds, as model files and `--model` name them.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case logistic
        case boosted
    }

    /// The model's kind.
    public var kind: Kind {
        switch self {
        case .logistic: .logistic
        case .boosted: .boosted
        }
    }

    /// The scorer name on score cards: `learned:NAME:vN` or `boosted:NAME:vN`.
    public var identifier: String {
        switch self {
        case .logistic(let model): model.identifier
        case .boosted(let model): model.identifier
        }
    }

    /// The model's name.
    public var name: String {
        switch self {
        case .logistic(let model): model.name
        case .boosted(let model): model.name
        }
    }

    /// The model's version.
    public var version: Int {
        switch self {
        case .logistic(let model): model.version
        case .boosted(let model): model.version
        }
    }

    /// The raw columns the model reads, in training order.
    public var columns: [String] {
        switch self {
        case .logistic(let model): model.encoding.columns.map(\.name)
        case .boosted(let model): model.binner.columns.map(\.name)
        }
    }

    /// The log-odds of conversion for raw values by column name; a column not given is missing.
    public func logOdds(of values: [String: FeatureValue]) -> Double {
        switch self {
        case .logistic(let model): model.logOdds(model.encoding.encode(named: values))
        case .boosted(let model): model.logOdds(raw: model.rawScore(of: values))
        }
    }

    /// The probability that a lead with these raw values converts.
    public func probability(of values: [String: FeatureValue]) -> Double {
        sigmoid(logOdds(of: values))
    }

    /// Why the model gives these values their log-odds: one contribution per raw column (a
    /// logistic model's one-hot features summed per column; a boosted model's exact Shapley
    /// values, scaled by its calibration's slope), largest magnitude first, zeros left out. The
    /// contributions sum to the log-odds minus a baseline: the intercept and the training means
    /// for a logistic model, the expected raw score (calibrated) for a boosted one.
    public func explain(_ values: [String: FeatureValue]) -> [ColumnContribution] {
        switch self {
        case .boosted(let model):
            let slope = model.calibration?.slope ?? 1
            return model.explain(values).contributions.map { item in
                var scaled = item
                scaled.contribution *= slope
                return scaled
            }
        case .logistic(let model):
            var byColumn: [String: (rawValue: String, contribution: Double)] = [:]
            for item in model.explain(values) {
                byColumn[item.column, default: (item.rawValue, 0)].contribution += item.contribution
            }
            return byColumn.filter { $0.value.contribution != 0 }
                .map {
                    ColumnContribution(column: $0.key, rawValue: $0.value.rawValue, contribution: $0.value.contribution)
                }
                .sorted {
                    abs($0.contribution) != abs($1.contribution)
                        ? abs($0.contribution) > abs($1.contribution) : $0.column < $1.column
                }
        }
    }

    /// Reads a model file of either kind: a file with `"kind": "boosted"` is a boosted model, a
    /// file without a kind (or `"logistic"`) a logistic one.
    ///
    /// - Throws: ``LearnedModelError`` `missingModel`, `corruptModel`, or `unsupportedFormat` for
    ///   a newer format or a kind this version does not know.
    public static func load(contentsOf url: URL) throws(LearnedModelError) -> ConversionModel {
        try decode(try ModelFile.read(url), source: url.lastPathComponent)
    }

    /// Decodes a model of either kind from JSON; see ``load(contentsOf:)``.
    public static func decode(_ data: Data, source: String = "model") throws(LearnedModelError) -> ConversionModel {
        struct Header: Decodable { var kind: String? }
        let kind = (try? JSONDecoder().decode(Header.self, from: data))?.kind ?? Kind.logistic.rawValue
        switch Kind(rawValue: kind) {
        case .logistic: return .logistic(try LearnedModel.decode(data, source: source))
        case .boosted: return .boosted(try BoostedModel.decode(data, source: source))
        case nil:
            throw LearnedModelError(
                .unsupportedFormat,
                "\(source) holds a model of kind '\(kind)'; this version of Accord reads "
                    + Kind.allCases.map { "'\($0.rawValue)'" }.joined(separator: " and ") + " models")
        }
    }

    /// Writes the model as JSON, atomically.
    ///
    /// - Throws: ``LearnedModelError`` `unwritable`.
    public func save(to url: URL) throws(LearnedModelError) {
        switch self {
        case .logistic(let model): try model.save(to: url)
        case .boosted(let model): try model.save(to: url)
        }
    }
}
