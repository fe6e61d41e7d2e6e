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
    ///
    /// The evidence is kept in two parts: the words for what the rule matched, and the
    /// ``Adjustment`` that decay or a cap made to its points, as numbers. ``evidence`` puts them
    /// into one sentence. Two contributions are equal when they give the same points for the
    /// same rule and say the same thing, however their evidence is kept: a card read back from
    /// the journal, whose evidence is all words, equals the card the scorer made.
    ///
    /// ```swift
    /// let contribution = ScoreCard.Contribution(
    ///     rule: "replied", axis: .engagement, points: 8,
    ///     matched: "1 reply", adjustment: .decayed(newestDays: 12, keptPercent: 76))
    /// print(contribution.evidence)  // 1 reply, newest 12 days ago, kept 76%
    /// ```
    public struct Contribution: Hashable, Sendable, Codable {
        public var rule: String
        public var axis: Axis
        public var points: Double
        /// What the rule matched, in words, before any adjustment: `"3 emails opened in the
        /// last 30 days"`.
        public var matched: String
        /// How decay or a cap changed the points, when the scorer says so as numbers.
        public var adjustment: Adjustment?

        /// What the rule matched, in words: `"3 emails opened in the last 30 days"`, or
        /// `"1 reply, newest 12 days ago, kept 76%"`.
        ///
        /// Setting it keeps the words as they are given, with no adjustment.
        public var evidence: String {
            get { adjustment.map { matched + $0.text } ?? matched }
            set {
                matched = newValue
                adjustment = nil
            }
        }

        /// Makes a contribution whose evidence is all words.
        public init(rule: String, axis: Axis, points: Double, evidence: String) {
            self.init(rule: rule, axis: axis, points: points, matched: evidence, adjustment: nil)
        }

        /// Makes a contribution whose evidence is what the rule matched and how its points were
        /// adjusted.
        ///
        /// - Parameters:
        ///   - rule: the rule's name.
        ///   - axis: the axis the points count towards.
        ///   - points: the points given, after the adjustment.
        ///   - matched: what the rule matched, in words.
        ///   - adjustment: what decay or a cap did to the points, if anything.
        public init(rule: String, axis: Axis, points: Double, matched: String, adjustment: Adjustment?) {
            self.rule = rule
            self.axis = axis
            self.points = points
            self.matched = matched
            self.adjustment = adjustment
        }

        public static func == (lhs: Contribution, rhs: Contribution) -> Bool {
            guard lhs.rule == rhs.rule, lhs.axis == rhs.axis, lhs.points == rhs.points else { return false }
            if lhs.adjustment == rhs.adjustment, lhs.matched == rhs.matched { return true }
            return lhs.adjustment != rhs.adjustment && lhs.evidence == rhs.evidence
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(rule)
            hasher.combine(axis)
            hasher.combine(points)
            hasher.combine(evidence)
        }

        private enum CodingKeys: String, CodingKey {
            case rule, axis, points, evidence
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                rule: try container.decode(String.self, forKey: .rule),
                axis: try container.decode(Axis.self, forKey: .axis),
                points: try container.decode(Double.self, forKey: .points),
                evidence: try container.decode(String.self, forKey: .evidence))
        }

        /// Encodes the rule, axis, points and the evidence in words (the adjustment is in them).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rule, forKey: .rule)
            try container.encode(axis, forKey: .axis)
            try container.encode(points, forKey: .points)
            try container.encode(evidence, forKey: .evidence)
        }
    }
}
