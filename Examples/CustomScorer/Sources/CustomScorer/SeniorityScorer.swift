import Accord
import Foundation
import LeadModel
import Scoring

/// Adds fit points for senior titles on top of the playbook's own scoring rules.
///
/// Its settings come from the playbook's `plugins.scorer.config`:
///
/// ```json
/// {"name": "seniority", "config": {"titles": {"chief": 25, "vp": 20, "director": 10}}}
/// ```
struct SeniorityScorer: LeadScorer {
    struct Settings: Decodable {
        /// Points by a word the title contains, case-insensitive.
        var titles: [String: Double]
    }

    let settings: Settings
    /// The playbook's rule scorer, whose card this one extends.
    let rules: RuleScorer?
    /// The grade scale of the playbook's scoring section.
    var grades: GradeScale { rules?.rules.grades ?? .standard }

    func score(_ input: ScoringInput) -> ScoreCard? {
        let base = rules?.score(input) ?? ScoreCard(scorer: "seniority", fit: 0, engagement: 0, contributions: [])
        let title = input.state.lead.title?.lowercased() ?? ""
        // The best-paying word only, so "VP, Chief of Staff" does not count twice.
        guard let (word, points) = settings.titles.filter({ title.contains($0.key) }).max(by: { $0.value < $1.value })
        else { return base }
        let fit = base.fit + points
        return ScoreCard(
            scorer: "seniority+" + base.scorer, fit: fit, engagement: base.engagement,
            grade: grades.grade(fit: fit, engagement: base.engagement),
            contributions: base.contributions + [
                .init(rule: "seniority", axis: .fit, points: points, evidence: "title contains '\(word)'")
            ], playbookVersion: input.playbookVersion)
    }

    /// The rules' decay still applies to the engagement part of the card.
    func nextReview(_ input: ScoringInput, after card: ScoreCard) -> Date? {
        rules?.nextReview(input, after: card)
    }
}
