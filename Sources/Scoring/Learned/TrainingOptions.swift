/// How a ``LearnedModel`` is trained: regularisation, class weights, the prior and the encoding
/// thresholds.
///
/// The defaults match scikit-learn's `LogisticRegression()` (C = 1, no class weights) so that
/// results can be compared; the prior adds two pseudo-rows, which matters only with little data.
public struct TrainingOptions: Hashable, Sendable, Codable {
    /// How the two classes are weighted in the loss.
    public enum ClassWeights: Hashable, Sendable, Codable {
        /// Every row counts once.
        case none
        /// Each class weighs `rows / (2 × rows of the class)`, as scikit-learn's `"balanced"`.
        case balanced
        /// Converted rows weigh `positive`, the others `negative`.
        case custom(positive: Double, negative: Double)
    }

    /// The inverse regularisation strength: the loss summed over rows plus `‖w‖² / (2C)`. The
    /// intercept is not penalised.
    public var inverseRegularisation: Double = 1
    public var classWeights: ClassWeights = .none
    /// How many pseudo-rows at the mean of every feature pull the intercept towards the smoothed
    /// base rate `(converted + 1) / (rows + 2)`: with little data the model predicts near that
    /// rate, never 0% or 100%. 0 turns the prior off.
    public var priorWeight: Double = 2
    /// A categorical value seen fewer times than this in training is folded into `other`.
    public var rareCategoryCount: Int = 5
    /// At most this many values of one categorical column get their own column.
    public var maximumCategories: Int = 50
    /// Training stops when the largest gradient component of the mean loss is below this.
    public var gradientTolerance: Double = 1e-7
    /// Training stops after this many L-BFGS iterations even if not converged.
    public var maximumIterations: Int = 500

    /// Makes options; every parameter has the default described on its property.
    public init(
        inverseRegularisation: Double = 1, classWeights: ClassWeights = .none, priorWeight: Double = 2,
        rareCategoryCount: Int = 5, maximumCategories: Int = 50, gradientTolerance: Double = 1e-7,
        maximumIterations: Int = 500
    ) {
        self.inverseRegularisation = inverseRegularisation
        self.classWeights = classWeights
        self.priorWeight = priorWeight
        self.rareCategoryCount = rareCategoryCount
        self.maximumCategories = maximumCategories
        self.gradientTolerance = gradientTolerance
        self.maximumIterations = maximumIterations
    }

    /// Every problem with the options, empty when they are valid.
    public func problems() -> [String] {
        var problems: [String] = []
        if !(inverseRegularisation > 0) || !inverseRegularisation.isFinite {
            problems.append("inverseRegularisation must be a positive number")
        }
        if case .custom(let positive, let negative) = classWeights, !(positive > 0 && negative > 0) {
            problems.append("class weights must be positive")
        }
        if !(priorWeight >= 0) { problems.append("priorWeight must not be negative") }
        if rareCategoryCount < 1 { problems.append("rareCategoryCount must be at least 1") }
        if maximumCategories < 1 { problems.append("maximumCategories must be at least 1") }
        if !(gradientTolerance > 0) { problems.append("gradientTolerance must be positive") }
        if maximumIterations < 1 { problems.append("maximumIterations must be at least 1") }
        return problems
    }
}
