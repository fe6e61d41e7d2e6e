import Foundation

/// A trained logistic-regression model of conversion: a versioned Codable artefact that can be
/// saved, named by a playbook, loaded and used by ``LearnedScorer``.
///
/// ```swift
/// let model = try LearnedModel.train(set, name: "inbound", version: 3, createdAt: now)
/// let probability = model.probability(of: ["employees": .number(250), "industry": .category("fintech")])
/// for item in model.explain(["employees": .number(250)]).prefix(3) { print(item.feature, item.contribution) }
/// try model.save(to: url)
/// let same = try LearnedModel.load(contentsOf: url)
/// ```
///
/// The probability is `σ(b + Σⱼ wⱼ xⱼ)` where `x` is the encoded row (see ``FeatureEncoding``),
/// `w` the ``coefficients`` and `b` the ``intercept``.
public struct LearnedModel: Hashable, Sendable, Codable {
    /// The layout version of the model file this code writes; files of a newer version are
    /// refused with ``LearnedModelError/Code/unsupportedFormat``.
    public static let formatVersion = 1

    /// What training saw and how it went.
    public struct TrainingSummary: Hashable, Sendable, Codable {
        public var rows: Int
        public var converted: Int
        /// The smoothed base rate the prior pulls towards: `(converted + 1) / (rows + 2)`,
        /// class-weighted.
        public var priorRate: Double
        public var options: TrainingOptions
        /// L-BFGS iterations used.
        public var iterations: Int
        /// Whether the gradient tolerance was reached.
        public var converged: Bool
        /// The mean log loss on the training rows.
        public var trainingLogLoss: Double
    }

    /// The format version of this model's file.
    public var formatVersion: Int
    /// The model's name, as a playbook names it (`"inbound"`).
    public var name: String
    /// The model's version; a retrained model gets a new one.
    public var version: Int
    public var createdAt: Date
    /// How raw values are encoded.
    public var encoding: FeatureEncoding
    /// One coefficient per encoded feature, in the order of ``FeatureEncoding/featureNames``.
    public var coefficients: [Double]
    public var intercept: Double
    public var training: TrainingSummary

    /// The scorer name used on score cards: `learned:NAME:vVERSION`.
    public var identifier: String { "learned:\(name):v\(version)" }

    /// Makes a model from its parts (as a file holds them).
    public init(
        name: String, version: Int, createdAt: Date, encoding: FeatureEncoding, coefficients: [Double],
        intercept: Double, training: TrainingSummary
    ) {
        self.formatVersion = Self.formatVersion
        self.name = name
        self.version = version
        self.createdAt = createdAt
        self.encoding = encoding
        self.coefficients = coefficients
        self.intercept = intercept
        self.training = training
    }

    /// Trains a model on every row of `set`.
    ///
    /// Deterministic: the same set and options give a bit-identical model.
    ///
    /// - Parameters:
    ///   - set: the training rows; at least one.
    ///   - name: the model's name.
    ///   - version: the model's version.
    ///   - createdAt: the time to record (inject it: training reads no clock).
    ///   - options: regularisation, class weights, prior and encoding thresholds.
    /// - Returns: the model.
    /// - Throws: ``LearnedModelError`` `notEnoughData` for an empty set, `invalidOption` for
    ///   invalid options.
    public static func train(
        _ set: TrainingSet, name: String = "model", version: Int = 1, createdAt: Date,
        options: TrainingOptions = .init()
    ) throws(LearnedModelError) -> LearnedModel {
        try train(
            set, rows: Array(set.rows.indices), name: name, version: version, createdAt: createdAt,
            options: options)
    }

    /// Trains on the rows at `rows` only (a cross-validation fold's training part).
    static func train(
        _ set: TrainingSet, rows: [Int], name: String, version: Int, createdAt: Date, options: TrainingOptions
    ) throws(LearnedModelError) -> LearnedModel {
        try train(ColumnarSet(set), rows: rows, name: name, version: version, createdAt: createdAt, options: options)
    }

    /// Trains on the rows at `rows` of columnar data.
    static func train(
        _ data: ColumnarSet, rows: [Int], name: String, version: Int, createdAt: Date, options: TrainingOptions
    ) throws(LearnedModelError) -> LearnedModel {
        let problems = options.problems()
        guard problems.isEmpty else {
            throw LearnedModelError(.invalidOption, problems.joined(separator: "; "))
        }
        guard !rows.isEmpty else {
            throw LearnedModelError(.notEnoughData, "there are no rows to train on")
        }
        let encoding = FeatureEncoding.fit(data, rows: rows, options: options)
        let matrix = EncodedMatrix(data, rows: rows, encoding: encoding)
        let positives = matrix.targets.reduce(0, +)
        let negatives = Double(rows.count) - positives
        let (positiveWeight, negativeWeight): (Double, Double)
        switch options.classWeights {
        case .none: (positiveWeight, negativeWeight) = (1, 1)
        case .balanced:
            let total = Double(rows.count)
            positiveWeight = positives > 0 ? total / (2 * positives) : 1
            negativeWeight = negatives > 0 ? total / (2 * negatives) : 1
        case .custom(let positive, let negative): (positiveWeight, negativeWeight) = (positive, negative)
        }
        let weights = matrix.targets.map { $0 > 0 ? positiveWeight : negativeWeight }
        let weightedPositives = positives * positiveWeight
        let weightedTotal = weightedPositives + negatives * negativeWeight
        let priorRate = (weightedPositives + 1) / (weightedTotal + 2)
        let fit = LogisticRegression.fit(
            matrix, weights: weights, inverseRegularisation: options.inverseRegularisation,
            priorWeight: options.priorWeight, priorRate: priorRate, tolerance: options.gradientTolerance,
            maximumIterations: options.maximumIterations)
        var model = LearnedModel(
            name: name, version: version, createdAt: createdAt, encoding: encoding, coefficients: fit.coefficients,
            intercept: fit.intercept,
            training: TrainingSummary(
                rows: rows.count, converted: Int(positives), priorRate: priorRate, options: options,
                iterations: fit.iterations, converged: fit.converged, trainingLogLoss: 0))
        let predictions = model.probabilities(matrix)
        model.training.trainingLogLoss = ClassificationMetrics.logLoss(
            predictions: predictions, outcomes: matrix.targets.map { $0 > 0 })
        return model
    }

    /// The probability that a lead with these raw values converts.
    ///
    /// - Parameter values: raw values by column name; a column not given is missing.
    public func probability(of values: [String: FeatureValue]) -> Double {
        sigmoid(logOdds(encoding.encode(named: values)))
    }

    /// The probability for raw values in the order of the training set's columns.
    public func probability(ofRow values: [FeatureValue]) -> Double {
        var encoded = [Double](repeating: 0, count: encoding.width)
        encoding.encode(values, into: &encoded)
        return sigmoid(logOdds(encoded))
    }

    /// The log-odds of encoded features: `b + w·x`.
    public func logOdds(_ encoded: [Double]) -> Double {
        var sum = intercept
        for index in coefficients.indices { sum += coefficients[index] * encoded[index] }
        return sum
    }

    /// Probabilities for encoded rows.
    func probabilities(_ matrix: EncodedMatrix) -> [Double] {
        matrix.logOdds(matrix.internalOrder(coefficients) + [intercept]).map(sigmoid)
    }

    /// Why the model gives these raw values their probability: each encoded feature's
    /// contribution to the log-odds (coefficient × encoded value), largest magnitude first.
    /// Features contributing exactly 0 are left out.
    ///
    /// - Parameter values: raw values by column name; a column not given is missing.
    public func explain(_ values: [String: FeatureValue]) -> [FeatureContribution] {
        explain(values, encoded: encoding.encode(named: values))
    }

    /// ``explain(_:)`` for values already encoded as `encoded`.
    func explain(_ values: [String: FeatureValue], encoded: [Double]) -> [FeatureContribution] {
        var contributions: [FeatureContribution] = []
        var offset = 0
        for column in encoding.columns {
            let raw = values[column.name] ?? .missing
            for (slot, feature) in column.featureNames.enumerated() {
                let index = offset + slot
                let contribution = coefficients[index] * encoded[index]
                if contribution != 0 {
                    contributions.append(
                        FeatureContribution(
                            feature: feature, column: column.name, rawValue: raw.text, encodedValue: encoded[index],
                            coefficient: coefficients[index], contribution: contribution))
                }
            }
            offset += column.width
        }
        return contributions.sorted {
            abs($0.contribution) != abs($1.contribution)
                ? abs($0.contribution) > abs($1.contribution) : $0.feature < $1.feature
        }
    }
}

/// One encoded feature's share of a prediction's log-odds.
public struct FeatureContribution: Hashable, Sendable, Codable {
    /// The encoded feature (`employees`, `industry=healthcare`, `industry=missing`).
    public var feature: String
    /// The raw column it comes from.
    public var column: String
    /// The raw value, as text.
    public var rawValue: String
    /// The encoded (standardised or one-hot) value.
    public var encodedValue: Double
    public var coefficient: Double
    /// `coefficient × encodedValue`, in log-odds.
    public var contribution: Double
}
