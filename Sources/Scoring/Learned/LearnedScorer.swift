import Foundation
public import LeadModel

/// A ``LeadScorer`` that scores with a trained ``LearnedModel``: the probability that the lead
/// converts, explained by the features that moved it.
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
/// - the card has no grade, and its scorer is the model's ``LearnedModel/identifier``.
///
/// Contributions are the largest in magnitude first, at most ``maximumContributions``; the
/// evidence reads `industry = healthcare: +0.84 log-odds (coefficient 0.84 × 1)`.
///
/// ```swift
/// let scorer = LearnedScorer(model: try LearnedModel.load(contentsOf: url))
/// let card = scorer.score(ScoringInput(state: state, now: now))!
/// print(card.total)            // 37.5: a 37.5% chance to convert
/// ```
public struct LearnedScorer: LeadScorer {
    /// The model.
    public let model: LearnedModel
    /// At most this many contributions are listed on a card.
    public var maximumContributions: Int

    /// Makes a scorer.
    ///
    /// - Parameters:
    ///   - model: the trained model.
    ///   - maximumContributions: how many contributions a card lists at most.
    public init(model: LearnedModel, maximumContributions: Int = 10) {
        self.model = model
        self.maximumContributions = maximumContributions
        self.levelTables = model.encoding.makeLevelTables()
    }

    /// Each categorical column's level lookup, built once rather than on every score.
    private let levelTables: [[String: Int]]

    /// The model's encoded features for raw `features`.
    private func encode(_ features: [String: FeatureValue]) -> [Double] {
        let columns = model.encoding.columns
        var encoded = [Double](repeating: 0, count: model.encoding.width)
        encoded.withUnsafeMutableBufferPointer { buffer in
            model.encoding.encode(
                { features[columns[$0].name] ?? .missing }, into: buffer.baseAddress!, tables: levelTables)
        }
        return encoded
    }

    /// Loads the model from a file and makes a scorer.
    ///
    /// - Throws: ``LearnedModelError`` `missingModel`, `corruptModel` or `unsupportedFormat`.
    public init(contentsOf url: URL, maximumContributions: Int = 10) throws(LearnedModelError) {
        self.init(model: try LearnedModel.load(contentsOf: url), maximumContributions: maximumContributions)
    }

    /// The features the model reads for this lead at `now`.
    public func features(_ input: ScoringInput) -> [String: FeatureValue] {
        let extracted = LeadFeatures.extract(input.state, asOf: input.now)
        var features: [String: FeatureValue] = [:]
        for column in model.encoding.columns {
            features[column.name] = LeadFeatures.value(column.name, in: extracted)
        }
        return features
    }

    /// The conversion probability of the lead at `input.now`.
    public func probability(_ input: ScoringInput) -> Double {
        sigmoid(model.logOdds(encode(features(input))))
    }

    /// The lead's card; a learned scorer always has an opinion.
    public func score(_ input: ScoringInput) -> ScoreCard? {
        let features = features(input)
        let encoded = encode(features)
        let logOdds = model.logOdds(encoded)
        let probability = sigmoid(logOdds)
        var fit = 0.0
        var engagement = 0.0
        var contributions: [ScoreCard.Contribution] = []
        for item in model.explain(features, encoded: encoded).prefix(maximumContributions) {
            let points = Self.round(100 * (probability - sigmoid(logOdds - item.contribution)))
            let axis: ScoreCard.Axis = LeadFeatures.isEngagement(item.column) ? .engagement : .fit
            if axis == .fit { fit += points } else { engagement += points }
            let sign = item.contribution >= 0 ? "+" : ""
            contributions.append(
                ScoreCard.Contribution(
                    rule: item.feature, axis: axis, points: points,
                    evidence:
                        "\(item.column) = \(item.rawValue): \(sign)\(Self.format(item.contribution)) log-odds "
                        + "(coefficient \(Self.format(item.coefficient)) × \(Self.format(item.encodedValue)))"))
        }
        return ScoreCard(
            scorer: model.identifier, fit: Self.round(fit), engagement: Self.round(engagement),
            total: Self.round(100 * probability), grade: nil, contributions: contributions,
            playbookVersion: input.playbookVersion)
    }

    private static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    private static func format(_ value: Double) -> String { NumberText.format(value) }
}
