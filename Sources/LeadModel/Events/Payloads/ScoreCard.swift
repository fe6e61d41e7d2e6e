/// A lead's score and every contribution that made it.
///
/// Scores have two axes: *fit* (who they are) and *engagement* (what they did). The grade
/// combines both, fit as a letter and engagement as a digit (`"A1"` is best).
///
/// A card is plain data: what it says is what it stores, and two cards are equal when every
/// field is.
public struct ScoreCard: Hashable, Sendable, Codable {
    /// The scorer that produced the card (`"rules"`, `"learned:v3"`).
    public var scorer: String
    public var fit: Double
    public var engagement: Double
    public var total: Double
    /// The two-axis grade, such as `"B2"`, when the scorer grades.
    public var grade: String?
    /// The rules that gave points, with the evidence they matched.
    public var contributions: [Contribution]
    /// The version of the playbook whose rules made the card; `nil` when the scorer does not say.
    public var playbookVersion: String?

    /// Makes a card.
    ///
    /// - Parameters:
    ///   - scorer: the scorer's name.
    ///   - fit: the points of the fit axis.
    ///   - engagement: the points of the engagement axis.
    ///   - total: the total; `fit + engagement` when `nil`.
    ///   - grade: the two-axis grade, if the scorer grades.
    ///   - contributions: the rules that gave points.
    ///   - playbookVersion: the version of the playbook whose rules made the card.
    public init(
        scorer: String, fit: Double, engagement: Double, total: Double? = nil, grade: String? = nil,
        contributions: [Contribution] = [], playbookVersion: String? = nil
    ) {
        self.scorer = scorer
        self.fit = fit
        self.engagement = engagement
        self.total = total ?? (fit + engagement)
        self.grade = grade
        self.contributions = contributions
        self.playbookVersion = playbookVersion
    }

    /// Which axis a contribution counts towards.
    public enum Axis: String, Hashable, Sendable, Codable {
        case fit, engagement
    }

    /// Points one rule gave, and why.
    public struct Contribution: Hashable, Sendable, Codable {
        public var rule: String
        public var axis: Axis
        public var points: Double
        /// What the rule matched, in words: `"3 emails opened in 30 days"`.
        public var evidence: String

        public init(rule: String, axis: Axis, points: Double, evidence: String) {
            self.rule = rule
            self.axis = axis
            self.points = points
            self.evidence = evidence
        }
    }
}
