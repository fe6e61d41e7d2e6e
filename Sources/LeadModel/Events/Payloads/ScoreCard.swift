/// A lead's score and every contribution that made it.
///
/// Scores have two axes: *fit* (who they are) and *engagement* (what they did). The grade
/// combines both, fit as a letter and engagement as a digit (`"A1"` is best).
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
    /// Two contributions are equal when their rule, axis, points and evidence text are.
    public struct Contribution: Hashable, Sendable, Codable {
        public var rule: String
        public var axis: Axis
        public var points: Double
        /// What the rule matched, in words: `"3 emails opened in 30 days"`. The built-in scorers
        /// write it when it is first asked for, from what the rule saw; setting it stores the text.
        public var evidence: String {
            get {
                switch source {
                case .text(let text): return text
                case .deferred(let writer, let facts): return writer.evidence(for: facts)
                }
            }
            set { source = .text(newValue) }
        }
        /// The evidence, or what writes it when it is read: a scorer rescoring a million leads
        /// should not write a million sentences nobody reads.
        private var source: EvidenceSource

        public init(rule: String, axis: Axis, points: Double, evidence: String) {
            self.rule = rule
            self.axis = axis
            self.points = points
            source = .text(evidence)
        }

        /// Makes a contribution whose evidence is written by `writer` from `facts` when read.
        package init(rule: String, axis: Axis, points: Double, writer: any EvidenceWriter, facts: EvidenceFacts) {
            self.rule = rule
            self.axis = axis
            self.points = points
            source = .deferred(writer, facts)
        }

        public static func == (left: Contribution, right: Contribution) -> Bool {
            guard left.rule == right.rule, left.axis == right.axis, left.points == right.points else { return false }
            if case .deferred(let a, let x) = left.source, case .deferred(let b, let y) = right.source, a === b, x == y
            {
                return true
            }
            return left.evidence == right.evidence
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
            try self.init(
                rule: container.decode(String.self, forKey: .rule),
                axis: container.decode(Axis.self, forKey: .axis),
                points: container.decode(Double.self, forKey: .points),
                evidence: container.decode(String.self, forKey: .evidence))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rule, forKey: .rule)
            try container.encode(axis, forKey: .axis)
            try container.encode(points, forKey: .points)
            try container.encode(evidence, forKey: .evidence)
        }
    }
}

/// Where a contribution's evidence comes from: written out, or written when read.
private enum EvidenceSource: Sendable {
    case text(String)
    case deferred(any EvidenceWriter, EvidenceFacts)
}
