/// Writes a contribution's evidence when someone reads it: the scorers of this package give
/// their compiled rules this role, so scoring builds no text.
///
/// A writer must be immutable and give the same text for the same facts.
package protocol EvidenceWriter: AnyObject, Sendable {
    /// The evidence for what the rule saw.
    func evidence(for facts: EvidenceFacts) -> String
}

/// What a rule saw, kept so that its evidence can be written later: a count, an amount (points
/// earned, a decay factor or the lead's number), an age in seconds, and the lead's text.
package struct EvidenceFacts: Hashable, Sendable {
    package var count: Int
    package var amount: Double
    package var age: Double
    package var text: String?

    package init(count: Int = 0, amount: Double = 0, age: Double = 0, text: String? = nil) {
        self.count = count
        self.amount = amount
        self.age = age
        self.text = text
    }
}
