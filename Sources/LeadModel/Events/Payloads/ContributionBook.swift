/// A scorer's rules, as the cards it makes name them: scoring records each contribution as a
/// plain ``ContributionEntry`` (which rule, its points, what it saw), and the book turns an
/// entry into a ``ScoreCard/Contribution`` when someone reads the card's contributions. The
/// scorers of this package give their compiled rules this role, so scoring a lead builds no
/// contribution values and takes no reference counts per contribution.
///
/// A book must be immutable and make the same contribution from the same entry: cards of one
/// book compare by their entries.
package protocol ContributionBook: AnyObject, Sendable {
    /// The contribution `entry` stands for; `text` is the card's text the entry points at, if
    /// any.
    func contribution(for entry: ContributionEntry, text: String?) -> ScoreCard.Contribution
}

/// One contribution as plain data: the rule's place in its ``ContributionBook``, the points it
/// gave, and what it saw (a count, an amount, an age, and where the text it quotes is among
/// the card's texts), from which its evidence is written. Plain data, so a card's entries are
/// copied and freed without reference counting.
package struct ContributionEntry: Hashable, Sendable {
    package var rule: Int
    package var points: Double
    package var count: Int
    package var amount: Double
    package var age: Double
    /// The index of the text the evidence quotes in the card's texts; -1 when it quotes none.
    package var text: Int

    package init(rule: Int, points: Double, count: Int = 0, amount: Double = 0, age: Double = 0, text: Int = -1) {
        self.rule = rule
        self.points = points
        self.count = count
        self.amount = amount
        self.age = age
        self.text = text
    }

    /// What the rule saw, with `text`, the text the entry points at.
    package func facts(text: String?) -> EvidenceFacts {
        EvidenceFacts(count: count, amount: amount, age: age, text: text)
    }
}
