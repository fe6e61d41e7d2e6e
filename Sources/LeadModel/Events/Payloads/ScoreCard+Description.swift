extension ScoreCard: CustomDebugStringConvertible {
    /// The card as a person reads it, contributions included however the card keeps them:
    /// `ScoreCard(rules: 50.0 = fit 10.0 + engagement 40.0, grade C1, [icp-industry +10.0 (fit)
    /// "industry is fintech", requested-demo +40.0 (engagement) "1 demo request"])`.
    public var debugDescription: String {
        let listed = contributions.map(\.debugDescription)
        return "ScoreCard(\(scorer): \(total) = fit \(fit) + engagement \(engagement)"
            + (grade.map { ", grade \($0)" } ?? "") + (playbookVersion.map { ", playbook \($0)" } ?? "")
            + ", [\(listed.joined(separator: ", "))])"
    }
}

extension ScoreCard.Contribution: CustomDebugStringConvertible {
    /// `requested-demo +40.0 (engagement) "1 demo request"`.
    public var debugDescription: String {
        "\(rule) \(points >= 0 ? "+" : "")\(points) (\(axis.rawValue)) \"\(evidence)\""
    }
}
