/// A lead's score and every contribution that made it.
///
/// Scores have two axes: *fit* (who they are) and *engagement* (what they did). The grade
/// combines both, fit as a letter and engagement as a digit (`"A1"` is best).
///
/// Two cards are equal when their scorer, points, grade, playbook version and contributions
/// are.
public struct ScoreCard: Hashable, Sendable, Codable {
    /// The scorer that produced the card (`"rules"`, `"learned:v3"`).
    public var scorer: String
    public var fit: Double
    public var engagement: Double
    public var total: Double
    /// The two-axis grade, such as `"B2"`, when the scorer grades.
    public var grade: String?
    /// The rules that gave points, with the evidence they matched.
    ///
    /// Cards from `RuleScorer` keep their contributions as plain entries and list them
    /// when this is read, so read it once and keep the array rather than reading it in a loop.
    public var contributions: [Contribution] {
        get {
            switch explanation {
            case .listed(let contributions): return contributions
            case .entries(let book, let entries, let texts):
                return entries.map { book.contribution(for: $0, text: $0.text >= 0 ? texts[$0.text] : nil) }
            }
        }
        set {
            explanation = .listed(newValue)
            memo = nil
        }
    }
    /// The version of the playbook whose rules made the card; `nil` when the scorer does not say.
    public var playbookVersion: String?

    /// The contributions, or the entries and the book they are made from.
    private var explanation: Explanation

    /// What the scorer that made the card found in the lead's facts, kept for its next scoring
    /// of the same lead; `nil` for cards that were decoded, edited or made another way. It plays
    /// no part in equality, hashing or encoding.
    package private(set) var memo: (any AnyObject & Sendable)?

    public init(
        scorer: String, fit: Double, engagement: Double, total: Double? = nil, grade: String? = nil,
        contributions: [Contribution] = [], playbookVersion: String? = nil
    ) {
        self.scorer = scorer
        self.fit = fit
        self.engagement = engagement
        self.total = total ?? (fit + engagement)
        self.grade = grade
        explanation = .listed(contributions)
        self.playbookVersion = playbookVersion
    }

    /// Makes a card whose contributions are `entries` of `book`, listed only when read: scoring
    /// then builds no contribution values, only plain entries. `texts` are the texts the
    /// entries' evidence quotes, by ``ContributionEntry/text``.
    ///
    /// `memo` is what the scorer found in the lead's facts, which it may reuse when it scores
    /// the same facts again (see ``memo``); it plays no part in equality, hashing or encoding.
    package init(
        scorer: String, fit: Double, engagement: Double, grade: String?, book: any ContributionBook,
        entries: [ContributionEntry], texts: [String] = [], memo: (any AnyObject & Sendable)? = nil,
        playbookVersion: String?
    ) {
        self.scorer = scorer
        self.fit = fit
        self.engagement = engagement
        total = fit + engagement
        self.grade = grade
        explanation = .entries(book, entries, texts)
        self.memo = memo
        self.playbookVersion = playbookVersion
    }

    public static func == (left: ScoreCard, right: ScoreCard) -> Bool {
        guard left.scorer == right.scorer, left.fit == right.fit, left.engagement == right.engagement,
            left.total == right.total, left.grade == right.grade, left.playbookVersion == right.playbookVersion
        else { return false }
        if case .entries(let book, let x, let xTexts) = left.explanation,
            case .entries(let other, let y, let yTexts) = right.explanation, book === other
        {
            // Entries of one book: facts that differ may still write the same evidence.
            guard x.count == y.count else { return false }
            return zip(x, y).allSatisfy { a, b in
                let aText = a.text >= 0 ? xTexts[a.text] : nil
                let bText = b.text >= 0 ? yTexts[b.text] : nil
                guard a.rule == b.rule, a.points == b.points else { return false }
                if a.count == b.count, a.amount == b.amount, a.age == b.age, aText == bText { return true }
                return book.contribution(for: a, text: aText) == book.contribution(for: b, text: bText)
            }
        }
        return left.contributions == right.contributions
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(scorer)
        hasher.combine(fit)
        hasher.combine(engagement)
        hasher.combine(total)
        hasher.combine(grade)
        hasher.combine(contributions)
        hasher.combine(playbookVersion)
    }

    private enum CodingKeys: String, CodingKey {
        case scorer, fit, engagement, total, grade, contributions, playbookVersion
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scorer = try container.decode(String.self, forKey: .scorer)
        fit = try container.decode(Double.self, forKey: .fit)
        engagement = try container.decode(Double.self, forKey: .engagement)
        total = try container.decode(Double.self, forKey: .total)
        grade = try container.decodeIfPresent(String.self, forKey: .grade)
        explanation = .listed(try container.decode([Contribution].self, forKey: .contributions))
        playbookVersion = try container.decodeIfPresent(String.self, forKey: .playbookVersion)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scorer, forKey: .scorer)
        try container.encode(fit, forKey: .fit)
        try container.encode(engagement, forKey: .engagement)
        try container.encode(total, forKey: .total)
        try container.encodeIfPresent(grade, forKey: .grade)
        try container.encode(contributions, forKey: .contributions)
        try container.encodeIfPresent(playbookVersion, forKey: .playbookVersion)
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

/// A card's contributions: listed, or plain entries of a book.
private enum Explanation: Sendable {
    case listed([ScoreCard.Contribution])
    case entries(any ContributionBook, [ContributionEntry], [String])
}

/// Where a contribution's evidence comes from: written out, or written when read.
private enum EvidenceSource: Sendable {
    case text(String)
    case deferred(any EvidenceWriter, EvidenceFacts)
}
