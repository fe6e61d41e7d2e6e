import Foundation
public import LeadModel

/// A ``LeadScorer`` that scores with a trained ``ConversionModel`` — a logistic ``LearnedModel``
/// or gradient-boosted ``BoostedModel`` — the probability that the lead converts, explained by
/// the features that moved it.
///
/// The card maps the model to points so that it reads like a rule score:
///
/// - `total` = 100 × p, the conversion probability in percent (0–100, never exactly 0 or 100);
/// - each contribution is one encoded feature (see ``LeadFeatures``), with
///   `points = 100 × (p − σ(z − c))`, where `z` is the lead's log-odds, `c` = coefficient ×
///   encoded value is the feature's contribution in log-odds, and σ the logistic function: the
///   percentage points the probability would lose if this feature contributed nothing (a
///   number at the training mean, a category at the reference of no column). Points lie in
///   (−100, 100) and have the sign of `c`;
/// - signal features count towards `engagement`, lead attributes towards `fit`; `fit` and
///   `engagement` are the sums of the listed points, so they need not add up to `total`
///   (the rest is the intercept, the base rate);
/// - the card has no grade, and its scorer is the model's ``ConversionModel/identifier``.
///
/// Contributions are the largest in magnitude first, at most ``maximumContributions``. A
/// logistic model's are its encoded features, the evidence reading `industry = healthcare:
/// +0.84 log-odds (coefficient 0.84 × 1)`; a boosted model's are its raw columns with their exact
/// Shapley values (TreeSHAP), `time_on_site = 1240: +0.42 log-odds (Shapley value)`, and `c` above
/// is that value.
///
/// ```swift
/// let scorer = LearnedScorer(model: try LearnedModel.load(contentsOf: url))
/// let card = scorer.score(ScoringInput(state: state, now: now))!
/// print(card.total)            // 37.5: a 37.5% chance to convert
/// ```
public struct LearnedScorer: LeadScorer {
    /// The model.
    public let model: ConversionModel
    /// At most this many contributions are listed on a card.
    public var maximumContributions: Int
    /// A logistic model's categorical level lookups, built once rather than on every score.
    private let levelTables: [[String: Int]]

    /// Makes a scorer of a model of either kind.
    ///
    /// - Parameters:
    ///   - model: the trained model.
    ///   - maximumContributions: how many contributions a card lists at most.
    public init(model: ConversionModel, maximumContributions: Int = 10) {
        self.model = model
        self.maximumContributions = maximumContributions
        if case .logistic(let logistic) = model {
            levelTables = logistic.encoding.makeLevelTables()
        } else {
            levelTables = []
        }
    }

    /// Makes a scorer of a logistic model.
    public init(model: LearnedModel, maximumContributions: Int = 10) {
        self.init(model: .logistic(model), maximumContributions: maximumContributions)
    }

    /// Makes a scorer of a boosted model.
    public init(model: BoostedModel, maximumContributions: Int = 10) {
        self.init(model: .boosted(model), maximumContributions: maximumContributions)
    }

    /// Loads a model file of either kind and makes a scorer.
    ///
    /// - Throws: ``LearnedModelError`` `missingModel`, `corruptModel` or `unsupportedFormat`.
    public init(contentsOf url: URL, maximumContributions: Int = 10) throws(LearnedModelError) {
        self.init(model: try ConversionModel.load(contentsOf: url), maximumContributions: maximumContributions)
    }

    /// A logistic model's encoded features for raw `features`.
    private func encode(_ model: LearnedModel, _ features: [String: FeatureValue]) -> [Double] {
        let columns = model.encoding.columns
        var encoded = [Double](repeating: 0, count: model.encoding.width)
        encoded.withUnsafeMutableBufferPointer { buffer in
            model.encoding.encode(
                { features[columns[$0].name] ?? .missing }, into: buffer.baseAddress!, tables: levelTables)
        }
        return encoded
    }

    /// The features the model reads for this lead at `now`.
    public func features(_ input: ScoringInput) -> [String: FeatureValue] {
        let extracted = LeadFeatures.extract(input.state, asOf: input.now)
        var features: [String: FeatureValue] = [:]
        for column in model.columns {
            features[column] = LeadFeatures.value(column, in: extracted)
        }
        return features
    }

    /// The conversion probability of the lead at `input.now`.
    public func probability(_ input: ScoringInput) -> Double {
        let features = features(input)
        switch model {
        case .logistic(let logistic): return sigmoid(logistic.logOdds(encode(logistic, features)))
        case .boosted(let boosted): return boosted.probability(of: features)
        }
    }

    /// The lead's card; a learned scorer always has an opinion.
    public func score(_ input: ScoringInput) -> ScoreCard? {
        let features = features(input)
        let logOdds: Double
        // Each item: what it is, its raw column, its share of the log-odds, and the evidence.
        var items: [(rule: String, column: String, contribution: Double, evidence: String)] = []
        switch model {
        case .logistic(let logistic):
            let encoded = encode(logistic, features)
            logOdds = logistic.logOdds(encoded)
            for item in logistic.explain(features, encoded: encoded).prefix(maximumContributions) {
                items.append(
                    (
                        item.feature, item.column, item.contribution,
                        "\(item.column) = \(item.rawValue): \(Self.signed(item.contribution)) log-odds "
                            + "(coefficient \(Self.format(item.coefficient)) × \(Self.format(item.encodedValue)))"
                    ))
            }
        case .boosted(let boosted):
            let explanation = boosted.explain(features)
            // A calibrated model's log-odds are slope × raw + intercept: each Shapley value scales too.
            logOdds = boosted.logOdds(raw: explanation.rawScore)
            let slope = boosted.calibration?.slope ?? 1
            for item in explanation.contributions.prefix(maximumContributions) {
                let contribution = item.contribution * slope
                items.append(
                    (
                        item.column, item.column, contribution,
                        "\(item.column) = \(item.rawValue): \(Self.signed(contribution)) log-odds (Shapley value)"
                    ))
            }
        }
        let probability = sigmoid(logOdds)
        var fit = 0.0
        var engagement = 0.0
        var contributions: [ScoreCard.Contribution] = []
        for item in items {
            let points = Self.round(100 * (probability - sigmoid(logOdds - item.contribution)))
            let axis: ScoreCard.Axis = LeadFeatures.isEngagement(item.column) ? .engagement : .fit
            if axis == .fit { fit += points } else { engagement += points }
            contributions.append(
                ScoreCard.Contribution(rule: item.rule, axis: axis, points: points, evidence: item.evidence))
        }
        return ScoreCard(
            scorer: model.identifier, fit: Self.round(fit), engagement: Self.round(engagement),
            total: Self.round(100 * probability), grade: nil, contributions: contributions,
            playbookVersion: input.playbookVersion)
    }

    private static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    private static func format(_ value: Double) -> String { NumberText.format(value) }

    private static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + format(value) }
}
