/// A two-axis grade read back from a card, such as `B2`: fit letter and engagement digit.
public struct Grade: Hashable, Sendable, CustomStringConvertible {
    /// The fit letter, `A` (best) to `D`.
    public var fit: Character
    /// The engagement digit, 1 (most engaged) to 4.
    public var engagement: Int

    /// Reads a grade such as `"B2"`; `nil` when the text is not a letter A–D then a digit 1–4.
    public init?(_ text: String) {
        let characters = Array(text)
        guard characters.count == 2, "ABCD".contains(characters[0]),
            let digit = characters[1].wholeNumberValue, (1...4).contains(digit)
        else { return nil }
        fit = characters[0]
        engagement = digit
    }

    /// The grade as text, such as `B2`.
    public var description: String { "\(fit)\(engagement)" }
}
