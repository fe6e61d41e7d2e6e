import Foundation

/// A trained gradient-boosted tree model of conversion: a versioned Codable artefact that can be
/// saved, loaded and explained.
///
/// ```swift
/// let model = try BoostedModel.train(set, name: "inbound", version: 3, createdAt: now)
/// let probability = model.probability(of: ["employees": .number(250), "industry": .category("fintech")])
/// let why = model.explain(["employees": .number(250), "industry": .category("fintech")])
/// for item in why.contributions.prefix(3) { print(item.column, item.rawValue, item.contribution) }
/// try model.save(to: url)
/// let same = try BoostedModel.load(contentsOf: url)
/// ```
///
/// The raw score (log-odds) of a row is ``baseline`` plus the value of the leaf the row reaches
/// in every tree; the probability is `σ(raw score)`, or with a ``calibration``
/// `σ(slope × raw score + intercept)`. Rows are first binned by ``binner``.
public struct BoostedModel: Hashable, Sendable, Codable {
    /// The layout version of the model file this code writes; files of a newer version are
    /// refused with ``LearnedModelError/Code/unsupportedFormat``.
    public static let formatVersion = 1
    /// The kind of every boosted model file, as its `kind` field holds it.
    public static let kind = "boosted"

    /// What training saw and how it went.
    public struct TrainingSummary: Hashable, Sendable, Codable {
        /// The rows given to training (validation rows included).
        public var rows: Int
        /// How many of them converted.
        public var converted: Int
        /// The rows held out for early stopping (0 when it was off).
        public var validationRows: Int
        /// The options the model was trained with.
        public var options: BoostedOptions
        /// Boosting iterations run: the number of trees.
        public var iterations: Int
        /// Whether early stopping ended training before ``BoostedOptions/maxIterations``.
        public var stoppedEarly: Bool
        /// The mean log loss on the rows the trees were grown from.
        public var trainingLogLoss: Double
        /// The mean log loss on the held-out rows, when early stopping was on.
        public var validationLogLoss: Double?
    }

    /// The format version of this model's file.
    public var formatVersion: Int
    /// Always `"boosted"`, so that files of different model kinds can
    /// be told apart.
    public var kind: String
    /// The model's name, as a playbook names it (`"inbound"`).
    public var name: String
    /// The model's version; a retrained model gets a new one.
    public var version: Int
    /// When the model was trained (as the caller of ``train(_:name:version:createdAt:options:)``
    /// said: training reads no clock).
    public var createdAt: Date
    /// How raw values are binned.
    public var binner: FeatureBinner
    /// The raw score before any tree: the log-odds of the training rows' conversion rate.
    public var baseline: Double
    /// The trees, in the order they were grown.
    public var trees: [BoostedTree]
    /// What training saw and how it went.
    public var training: TrainingSummary
    /// The Platt curve that makes the probabilities honest, fitted on out-of-fold predictions
    /// (``calibrated(on:folds:)``); `nil` for raw probabilities.
    public var calibration: PlattScaling?

    /// The scorer name used on score cards: `boosted:NAME:vVERSION`.
    public var identifier: String { "boosted:\(name):v\(version)" }

    /// Makes a model from its parts (as a file holds them).
    public init(
        name: String, version: Int, createdAt: Date, binner: FeatureBinner, baseline: Double, trees: [BoostedTree],
        training: TrainingSummary
    ) {
        self.formatVersion = Self.formatVersion
        self.kind = Self.kind
        self.name = name
        self.version = version
        self.createdAt = createdAt
        self.binner = binner
        self.baseline = baseline
        self.trees = trees
        self.training = training
    }

    /// The raw score (log-odds) of raw values looked up by column name; a column not given is
    /// missing.
    public func rawScore(of values: [String: FeatureValue]) -> Double {
        rawScore(ofRow: row(values))
    }

    /// The raw score (log-odds) of raw values in the order of the training set's columns.
    public func rawScore(ofRow values: [FeatureValue]) -> Double {
        rawScore(bins: binner.bins(ofRow: values))
    }

    /// The probability that a lead with these raw values converts: `σ(raw score)`.
    ///
    /// - Parameter values: raw values by column name; a column not given is missing.
    public func probability(of values: [String: FeatureValue]) -> Double {
        sigmoid(logOdds(raw: rawScore(of: values)))
    }

    /// The probability for raw values in the order of the training set's columns.
    public func probability(ofRow values: [FeatureValue]) -> Double {
        sigmoid(logOdds(raw: rawScore(ofRow: values)))
    }

    /// The log-odds a raw score stands for: calibrated when the model has a ``calibration``.
    public func logOdds(raw: Double) -> Double {
        calibration?.logOdds(raw) ?? raw
    }

    /// The values of a named row, in column order.
    func row(_ values: [String: FeatureValue]) -> [FeatureValue] {
        binner.columns.map { values[$0.name] ?? .missing }
    }

    /// The raw score of a binned row.
    func rawScore(bins: [UInt8]) -> Double {
        let missingBins = binner.columns.map(\.missingBin)
        var sum = baseline
        for tree in trees { sum += tree.leafValue(missingBins: missingBins) { Int(bins[$0]) } }
        return sum
    }

    /// Raw scores of the rows of a binned matrix.
    func rawScores(_ matrix: BinnedMatrix) -> [Double] {
        var scores = [Double](repeating: baseline, count: matrix.rows)
        let missingBins = binner.columns.map(\.missingBin)
        for tree in trees { tree.add(to: &scores, matrix: matrix, missingBins: missingBins) }
        return scores
    }
}

extension BoostedTree {
    /// Adds this tree's leaf value to every row's score.
    func add(to scores: inout [Double], matrix: BinnedMatrix, missingBins: [Int]) {
        let rows = matrix.rows
        matrix.bins.withUnsafeBufferPointer { bins in
            for row in 0..<rows {
                scores[row] += leafValue(missingBins: missingBins) { Int(bins[$0 * rows + row]) }
            }
        }
    }
}
