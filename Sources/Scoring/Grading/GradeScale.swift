/// The thresholds that turn fit and engagement scores into a two-axis grade such as `"B2"`.
///
/// Fit is graded A–D: `A` at or above `fit.a`, `B` at or above `fit.b`, `C` at or above
/// `fit.c`, otherwise `D`. Engagement is graded 1–4 the same way (`1` is the most engaged).
///
/// ```json
/// {"fit": {"A": 30, "B": 20, "C": 10}, "engagement": {"1": 50, "2": 25, "3": 10}}
/// ```
public struct GradeScale: Hashable, Sendable, Codable {
    /// Three descending minimums: for the best grade, the second and the third; below the third
    /// is the fourth grade.
    public struct Thresholds: Hashable, Sendable {
        /// The minimum for the best grade (`A` or `1`).
        public var first: Double
        /// The minimum for the second grade (`B` or `2`).
        public var second: Double
        /// The minimum for the third grade (`C` or `3`).
        public var third: Double

        /// Makes thresholds; they should descend.
        public init(_ first: Double, _ second: Double, _ third: Double) {
            self.first = first
            self.second = second
            self.third = third
        }

        /// The grade index for a score: 0 for the best grade to 3 for the fourth.
        @inline(__always)
        public func index(of score: Double) -> Int {
            score >= first ? 0 : score >= second ? 1 : score >= third ? 2 : 3
        }

        func problems(at prefix: String, names: [String]) -> [(path: String, message: String)] {
            var found: [(path: String, message: String)] = []
            let values = [first, second, third]
            for (index, value) in values.enumerated() where !value.isFinite {
                found.append(("\(prefix).\(names[index])", "the threshold must be a finite number"))
            }
            for index in 1..<3 where values[index] > values[index - 1] {
                found.append(
                    (
                        "\(prefix).\(names[index])",
                        "\(names[index]) (\(TextMatching.format(values[index]))) is above \(names[index - 1]) (\(TextMatching.format(values[index - 1]))); thresholds must descend"
                    ))
            }
            return found
        }
    }

    /// Fit thresholds for A, B and C; JSON keys `A`, `B`, `C`.
    public var fit: Thresholds
    /// Engagement thresholds for 1, 2 and 3; JSON keys `1`, `2`, `3`.
    public var engagement: Thresholds

    /// Makes a scale.
    public init(fit: Thresholds, engagement: Thresholds) {
        self.fit = fit
        self.engagement = engagement
    }

    /// The default scale: fit A ≥ 30, B ≥ 20, C ≥ 10; engagement 1 ≥ 50, 2 ≥ 25, 3 ≥ 10.
    public static let standard = GradeScale(fit: Thresholds(30, 20, 10), engagement: Thresholds(50, 25, 10))

    /// The fit letters, best first.
    public static let fitGrades = ["A", "B", "C", "D"]
    /// The engagement digits, best first.
    public static let engagementGrades = ["1", "2", "3", "4"]

    /// The grade for a pair of scores, such as `"B2"`.
    public func grade(fit: Double, engagement: Double) -> String {
        Self.fitGrades[self.fit.index(of: fit)] + Self.engagementGrades[self.engagement.index(of: engagement)]
    }

    /// Every problem with the scale, with paths relative to `prefix` (such as `grades`).
    public func problems(at prefix: String) -> [(path: String, message: String)] {
        fit.problems(at: "\(prefix).fit", names: ["A", "B", "C"])
            + engagement.problems(at: "\(prefix).engagement", names: ["1", "2", "3"])
    }

    private enum CodingKeys: String, CodingKey { case fit, engagement }
    private enum FitKeys: String, CodingKey {
        case a = "A"
        case b = "B"
        case c = "C"
    }
    private enum EngagementKeys: String, CodingKey {
        case one = "1"
        case two = "2"
        case three = "3"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let fit = try container.nestedContainer(keyedBy: FitKeys.self, forKey: .fit)
        self.fit = Thresholds(
            try fit.decode(Double.self, forKey: .a), try fit.decode(Double.self, forKey: .b),
            try fit.decode(Double.self, forKey: .c))
        let engagement = try container.nestedContainer(keyedBy: EngagementKeys.self, forKey: .engagement)
        self.engagement = Thresholds(
            try engagement.decode(Double.self, forKey: .one), try engagement.decode(Double.self, forKey: .two),
            try engagement.decode(Double.self, forKey: .three))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var fit = container.nestedContainer(keyedBy: FitKeys.self, forKey: .fit)
        try fit.encode(self.fit.first, forKey: .a)
        try fit.encode(self.fit.second, forKey: .b)
        try fit.encode(self.fit.third, forKey: .c)
        var engagement = container.nestedContainer(keyedBy: EngagementKeys.self, forKey: .engagement)
        try engagement.encode(self.engagement.first, forKey: .one)
        try engagement.encode(self.engagement.second, forKey: .two)
        try engagement.encode(self.engagement.third, forKey: .three)
    }
}
