/// A scorer's rules, as the cards it makes name them: scoring records each contribution as a
/// plain ``ContributionEntry`` (which rule, its points, what it saw), and the book turns an
/// entry into a ``ScoreCard/Contribution`` when someone reads the card's contributions. The
/// scorers of this package give their compiled rules this role, so scoring a lead builds no
/// contribution values and takes no reference counts per contribution.
///
/// A book must be immutable and make the same contribution from the same entry: cards of one
/// book compare by their entries.
package protocol ContributionBook: AnyObject, Sendable {
    /// The contribution `entry` stands for.
    func contribution(for entry: ContributionEntry) -> ScoreCard.Contribution
}

/// One contribution as plain data: the rule's place in its ``ContributionBook``, the points it
/// gave, and what it saw, from which its evidence is written.
package struct ContributionEntry: Hashable, Sendable {
    package var rule: Int
    package var points: Double
    package var facts: EvidenceFacts

    package init(rule: Int, points: Double, facts: EvidenceFacts = EvidenceFacts()) {
        self.rule = rule
        self.points = points
        self.facts = facts
    }
}
