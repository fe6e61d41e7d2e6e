import LeadModel

/// A ``RuleScorer``'s compiled rules as its cards name them, in the order cards list them: fit
/// rules, then profiles, then target-account lists, then engagement rules. Scoring records
/// contributions as entries of this book; the book writes them out when a card's contributions
/// are read.
final class RuleBook: ContributionBook {
    let fitRules: [CompiledFitRule]
    let profiles: [CompiledProfile]
    let targetLists: [TargetAccountList]
    let engagementRules: [CompiledEngagementRule]

    init(
        fitRules: [CompiledFitRule], profiles: [CompiledProfile], targetLists: [TargetAccountList],
        engagementRules: [CompiledEngagementRule]
    ) {
        self.fitRules = fitRules
        self.profiles = profiles
        self.targetLists = targetLists
        self.engagementRules = engagementRules
    }

    /// The book's number for profile `index`.
    @inline(__always)
    func profile(_ index: Int) -> Int { fitRules.count + index }

    /// The book's number for target-account list `index`.
    @inline(__always)
    func targetList(_ index: Int) -> Int { fitRules.count + profiles.count + index }

    /// The book's number for engagement rule `index`.
    @inline(__always)
    func engagementRule(_ index: Int) -> Int { fitRules.count + profiles.count + targetLists.count + index }

    func contribution(for entry: ContributionEntry, text: String?) -> ScoreCard.Contribution {
        var index = entry.rule
        if index < fitRules.count { return fitRules[index].contribution(for: entry, text: text) }
        index -= fitRules.count
        if index < profiles.count {
            let profile = profiles[index]
            return ScoreCard.Contribution(
                rule: profile.name, axis: .fit, points: entry.points, evidence: profile.evidence)
        }
        index -= profiles.count
        if index < targetLists.count {
            // The account, as the scorer found it on the list, is the entry's text.
            let list = targetLists[index]
            return ScoreCard.Contribution(
                rule: list.name, axis: .fit, points: entry.points,
                evidence: "account \(text ?? "") is on the target-account list \(list.name)")
        }
        return engagementRules[index - targetLists.count].contribution(for: entry)
    }
}
