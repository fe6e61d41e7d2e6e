public import LeadModel

/// An account's score, rolled up from its contacts' score cards by an ``AccountRollup``.
///
/// ```swift
/// let score = AccountScore(account: "acme.com", contacts: cards, rollup: .standard, grades: .standard)
/// print(score.fit, score.engagement, score.grade)   // 35.0 62.5 A1
/// ```
public struct AccountScore: Hashable, Sendable, Codable {
    /// One contact's part in the roll-up.
    public struct Contact: Hashable, Sendable, Codable {
        public var lead: LeadID
        public var fit: Double
        public var engagement: Double

        public init(lead: LeadID, fit: Double, engagement: Double) {
            self.lead = lead
            self.fit = fit
            self.engagement = engagement
        }
    }

    public var account: AccountID
    /// The best contact's fit.
    public var fit: Double
    /// The contacts' summed engagement, capped.
    public var engagement: Double
    /// The summed engagement before the cap.
    public var uncappedEngagement: Double
    /// The contact whose fit the account took; `nil` when no contact has a score.
    public var bestFitContact: LeadID?
    /// The grade on the scoring section's scale (`"A1"`).
    public var grade: String
    /// Every scored contact, highest engagement first (ties by lead id).
    public var contacts: [Contact]

    /// The account's total: fit plus capped engagement.
    public var total: Double { roundPoints(fit + engagement) }

    /// Rolls the contacts' cards up.
    ///
    /// - Parameters:
    ///   - account: the account.
    ///   - contacts: each contact's current card; contacts without a card are left out.
    ///   - rollup: the roll-up rule.
    ///   - grades: the grade scale.
    public init(
        account: AccountID, contacts: [(lead: LeadID, card: ScoreCard)], rollup: AccountRollup, grades: GradeScale
    ) {
        self.account = account
        var best: (lead: LeadID, fit: Double)?
        var summed = 0.0
        var parts: [Contact] = []
        for (lead, card) in contacts {
            parts.append(Contact(lead: lead, fit: card.fit, engagement: card.engagement))
            summed += card.engagement
            if best == nil || card.fit > best!.fit || (card.fit == best!.fit && lead < best!.lead) {
                best = (lead, card.fit)
            }
        }
        parts.sort { $0.engagement == $1.engagement ? $0.lead < $1.lead : $0.engagement > $1.engagement }
        fit = best?.fit ?? 0
        uncappedEngagement = roundPoints(summed)
        engagement = roundPoints(Swift.min(summed, rollup.engagementCap))
        bestFitContact = best?.lead
        grade = grades.grade(fit: fit, engagement: engagement)
        self.contacts = parts
    }
}
