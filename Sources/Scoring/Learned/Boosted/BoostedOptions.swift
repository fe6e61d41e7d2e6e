/// How a ``BoostedModel`` is trained: the boosting schedule, the shape of each tree, the binning,
/// subsampling and early stopping.
///
/// The defaults are those of scikit-learn's `HistGradientBoostingClassifier()` so that results
/// can be compared:
///
/// ```swift
/// var options = BoostedOptions()          // learning rate 0.1, 100 iterations, 31 leaves
/// options.maxIterations = 300
/// options.earlyStopping = .on
/// let model = try BoostedModel.train(set, createdAt: now, options: options)
/// ```
public struct BoostedOptions: Hashable, Sendable, Codable {
    /// Whether training holds out rows and stops when their loss stops improving.
    public enum EarlyStopping: String, Hashable, Sendable, Codable {
        /// On when the training set has more than 10,000 rows, as scikit-learn's `"auto"`.
        case auto
        /// Always on.
        case on
        /// Never: exactly ``BoostedOptions/maxIterations`` trees are grown.
        case off
    }

    /// The shrinkage applied to every leaf value.
    public var learningRate: Double = 0.1
    /// The most boosting iterations (trees).
    public var maxIterations: Int = 100
    /// The most leaves per tree; trees grow best split first until they have this many.
    public var maxLeaves: Int = 31
    /// The deepest a leaf may be (the root has depth 0); `nil` for no limit.
    public var maxDepth: Int? = nil
    /// The fewest training rows a leaf may hold.
    public var minSamplesLeaf: Int = 20
    /// The L2 penalty on leaf values: a leaf's value is `−G / (H + l2Regularisation)`.
    public var l2Regularisation: Double = 0
    /// The most bins for the values of one column (at most 255); missing values get a bin of
    /// their own on top.
    public var maxBins: Int = 255
    /// A category seen fewer times than this in training shares the `other` bin with the
    /// categories beyond the ``maxBins`` − 1 most frequent ones and with categories first seen
    /// at prediction time.
    public var rareCategoryCount: Int = 10
    /// Whether to hold out rows for early stopping.
    public var earlyStopping: EarlyStopping = .auto
    /// The share of rows held out (stratified by outcome) when early stopping is on.
    public var validationFraction: Double = 0.1
    /// Training stops when none of the last `nIterNoChange` iterations improved the held-out
    /// log loss by more than ``tol`` on the loss `nIterNoChange` iterations earlier.
    public var nIterNoChange: Int = 10
    /// The smallest improvement of the held-out log loss that counts.
    public var tol: Double = 1e-7
    /// The share of training rows each tree is grown from (sampled without replacement, anew
    /// for every tree); 1 uses every row.
    public var rowSubsample: Double = 1
    /// The share of columns each tree may split on (sampled anew for every tree); 1 uses every
    /// column.
    public var featureSubsample: Double = 1
    /// The seed of the validation split and the subsamples: the same seed, data and options give a
    /// bit-identical model.
    public var seed: UInt64 = 0x5EED

    /// Makes options; every parameter has the default described on its property.
    public init(
        learningRate: Double = 0.1, maxIterations: Int = 100, maxLeaves: Int = 31, maxDepth: Int? = nil,
        minSamplesLeaf: Int = 20, l2Regularisation: Double = 0, maxBins: Int = 255, rareCategoryCount: Int = 10,
        earlyStopping: EarlyStopping = .auto, validationFraction: Double = 0.1, nIterNoChange: Int = 10,
        tol: Double = 1e-7, rowSubsample: Double = 1, featureSubsample: Double = 1, seed: UInt64 = 0x5EED
    ) {
        self.learningRate = learningRate
        self.maxIterations = maxIterations
        self.maxLeaves = maxLeaves
        self.maxDepth = maxDepth
        self.minSamplesLeaf = minSamplesLeaf
        self.l2Regularisation = l2Regularisation
        self.maxBins = maxBins
        self.rareCategoryCount = rareCategoryCount
        self.earlyStopping = earlyStopping
        self.validationFraction = validationFraction
        self.nIterNoChange = nIterNoChange
        self.tol = tol
        self.rowSubsample = rowSubsample
        self.featureSubsample = featureSubsample
        self.seed = seed
    }

    /// Whether early stopping is on for a training set of `rows` rows.
    public func usesEarlyStopping(rows: Int) -> Bool {
        switch earlyStopping {
        case .auto: return rows > 10_000
        case .on: return true
        case .off: return false
        }
    }

    /// Every problem with the options, empty when they are valid.
    public func problems() -> [String] {
        var problems: [String] = []
        if !(learningRate > 0) || !learningRate.isFinite { problems.append("learningRate must be a positive number") }
        if maxIterations < 1 { problems.append("maxIterations must be at least 1") }
        if maxLeaves < 2 { problems.append("maxLeaves must be at least 2") }
        if let maxDepth, maxDepth < 1 { problems.append("maxDepth must be at least 1 (or nil for no limit)") }
        if minSamplesLeaf < 1 { problems.append("minSamplesLeaf must be at least 1") }
        if !(l2Regularisation >= 0) || !l2Regularisation.isFinite {
            problems.append("l2Regularisation must be a number of 0 or more")
        }
        if !(2...255).contains(maxBins) { problems.append("maxBins must be from 2 to 255") }
        if rareCategoryCount < 1 { problems.append("rareCategoryCount must be at least 1") }
        if !(validationFraction > 0 && validationFraction < 1) {
            problems.append("validationFraction must be between 0 and 1 (exclusive)")
        }
        if nIterNoChange < 1 { problems.append("nIterNoChange must be at least 1") }
        if !(tol >= 0) || !tol.isFinite { problems.append("tol must be a number of 0 or more") }
        if !(rowSubsample > 0 && rowSubsample <= 1) { problems.append("rowSubsample must be in (0, 1]") }
        if !(featureSubsample > 0 && featureSubsample <= 1) { problems.append("featureSubsample must be in (0, 1]") }
        return problems
    }
}
