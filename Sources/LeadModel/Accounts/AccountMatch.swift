/// One account a lead might belong to, with the confidence and the evidence behind it.
///
/// ```swift
/// for candidate in match.candidates {
///     print(candidate.account, candidate.confidence)
///     for item in candidate.evidence { print("  ", item) }
/// }
/// ```
public struct AccountCandidate: Hashable, Sendable, Codable {
    /// The account.
    public var account: AccountID
    /// The account's name, for display, when the directory has one.
    public var name: String?
    /// The account's parent, when it is a subsidiary; roll-ups climb from here.
    public var parent: AccountID?
    /// How sure the matcher is, in [0, 1]: the logistic of the evidence weights plus the prior,
    /// or exactly 1 (always-match) or 0 (never-match) when a reviewer decided.
    public var confidence: Double
    /// The evidence, strongest first; notes (weight 0) last.
    public var evidence: [MatchEvidence]
    /// The account's standing, for the tie-break.
    public var standing: AccountStanding

    /// Creates a candidate.
    ///
    /// - Parameters:
    ///   - account: The account.
    ///   - name: Its display name.
    ///   - parent: Its parent account.
    ///   - confidence: The confidence in [0, 1].
    ///   - evidence: The evidence.
    ///   - standing: The tie-break standing.
    public init(
        account: AccountID, name: String? = nil, parent: AccountID? = nil, confidence: Double,
        evidence: [MatchEvidence], standing: AccountStanding = AccountStanding()
    ) {
        self.account = account
        self.name = name
        self.parent = parent
        self.confidence = confidence
        self.evidence = evidence
        self.standing = standing
    }
}

/// The result of matching one lead: the outcome and the ranked candidates.
///
/// The outcome follows the best candidate's confidence and the configured thresholds
/// (``AccountMatchingConfiguration/matchThreshold``, ``AccountMatchingConfiguration/reviewThreshold``):
/// at or above the match threshold the lead belongs to that account; between the two it goes to
/// the review queue; below, no account is suggested. A reviewer's always-match decides outright.
///
/// ```swift
/// switch match.outcome {
/// case .matched: print("account", match.account!)
/// case .needsReview: print("review:", match.candidates.prefix(3).map(\.account))
/// case .noMatch: print("no account")
/// }
/// ```
public struct AccountMatch: Hashable, Sendable, Codable {
    /// What to do with the lead.
    public enum Outcome: String, Hashable, Sendable, Codable {
        /// The best candidate is the lead's account.
        case matched
        /// The best candidate is plausible but not sure: a person decides.
        case needsReview
        /// No candidate is plausible.
        case noMatch
    }

    /// What to do with the lead.
    public var outcome: Outcome
    /// The candidates, best first: by confidence (to three decimals), then the tie-break order.
    public var candidates: [AccountCandidate]
    /// Why the outcome is what it is, in one line (`"best candidate 0.62 is below the match
    /// threshold 0.80"`).
    public var summary: String

    /// Creates a result.
    ///
    /// - Parameters:
    ///   - outcome: What to do with the lead.
    ///   - candidates: The ranked candidates.
    ///   - summary: Why.
    public init(outcome: Outcome, candidates: [AccountCandidate], summary: String) {
        self.outcome = outcome
        self.candidates = candidates
        self.summary = summary
    }

    /// The matched account, when the outcome is ``Outcome/matched``.
    public var account: AccountID? { outcome == .matched ? candidates.first?.account : nil }

    /// The best candidate, whatever the outcome.
    public var best: AccountCandidate? { candidates.first }
}
