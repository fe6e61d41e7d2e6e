/// A decision about which account a lead belongs to: the matcher's, or a reviewer's.
///
/// Recorded when account matching is on (the playbook's `accountMatching` section): at capture
/// the matcher either matches the lead (``Verdict-swift.enum/matched``, with the winning
/// candidate's evidence) or, when it is not sure, puts it in the review queue
/// (``Verdict-swift.enum/review``, with the candidates); a reviewer then accepts or rejects a
/// candidate. The journal keeps every decision, so `accord lead explain` can say why a lead
/// belongs to its account, and a reviewer's decision is remembered: an accepted account is an
/// always-match and a rejected one a never-match for that lead (see
/// ``AccountMatchOverrides``).
///
/// The evidence names companies, domains and countries, never a person's email or phone, so
/// erasure leaves it in place.
///
/// ```swift
/// AccountMatchDecision(
///     verdict: .review, account: nil, assigned: "acme-corp.de", candidates: match.candidates,
///     summary: match.summary)
/// ```
public struct AccountMatchDecision: Hashable, Sendable, Codable {
    /// What was decided.
    public enum Verdict: String, Hashable, Sendable, Codable, CaseIterable {
        /// The matcher was sure enough: the lead belongs to ``AccountMatchDecision/account``.
        case matched
        /// The matcher was not sure: a person decides between the candidates.
        case review
        /// A reviewer accepted ``AccountMatchDecision/account`` for the lead.
        case accepted
        /// A reviewer rejected ``AccountMatchDecision/account`` for the lead.
        case rejected
    }

    /// What was decided.
    public var verdict: Verdict
    /// The account matched, accepted or rejected; `nil` for a review.
    public var account: AccountID?
    /// The lead's account after the decision; `nil` when it has none (a free-mail lead left
    /// for review, or whose only candidate was rejected).
    public var assigned: AccountID?
    /// The candidates as the matcher saw them, best first, with their confidence and evidence.
    /// For a reviewer's decision, the candidate judged when the review listed it.
    public var candidates: [AccountCandidate]
    /// Why, in one line: the matcher's summary or the reviewer's.
    public var summary: String

    /// Creates a decision.
    ///
    /// - Parameters:
    ///   - verdict: What was decided.
    ///   - account: The account matched, accepted or rejected.
    ///   - assigned: The lead's account after the decision.
    ///   - candidates: The candidates with their evidence.
    ///   - summary: Why, in one line.
    public init(
        verdict: Verdict, account: AccountID?, assigned: AccountID?, candidates: [AccountCandidate],
        summary: String
    ) {
        self.verdict = verdict
        self.account = account
        self.assigned = assigned
        self.candidates = candidates
        self.summary = summary
    }

    /// The candidate the decision is about: the matched, accepted or rejected account's, or
    /// for a review the best one.
    public var candidate: AccountCandidate? {
        guard let account else { return candidates.first }
        return candidates.first { $0.account == account }
    }
}
