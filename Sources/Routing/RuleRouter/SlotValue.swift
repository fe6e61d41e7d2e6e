import LeadModel

/// A lead's value for one slot, resolved once per decision: the interned ids of its texts (an id
/// of -1 is a text no condition lists) and its number.
struct SlotValue: Sendable {
    /// The value before interning: lowercased texts (several for a list attribute) and a number.
    struct Raw: Sendable {
        var texts: [String]
        var number: Double?

        static let missing = Raw(texts: [], number: nil)

        init(texts: [String], number: Double?) {
            self.texts = texts
            self.number = number
        }

        init(_ value: AttributeValue?) {
            switch value {
            case nil: self = .missing
            case .list(let list): self.init(texts: list.map { $0.lowercased() }, number: nil)
            case .some(let value): self.init(texts: [value.text.lowercased()], number: value.number)
            }
        }

        init(text: String?) {
            guard let text, !text.isEmpty else {
                self = .missing
                return
            }
            self.init(texts: [text.lowercased()], number: Double(text))
        }

        init(number: Double?) {
            guard let number else {
                self = .missing
                return
            }
            self.init(texts: [AttributeValue.number(number).text], number: number)
        }
    }

    private(set) var isResolved = false
    private(set) var isMissing = true
    private(set) var number: Double?
    private var first: Int32 = -1
    private var more: [Int32] = []

    init() {}

    init(_ raw: Raw, ids: [String: Int32]) {
        isResolved = true
        isMissing = raw.texts.isEmpty && raw.number == nil
        number = raw.number
        if let text = raw.texts.first { first = ids[text] ?? -1 }
        if raw.texts.count > 1 { more = raw.texts.dropFirst().map { ids[$0] ?? -1 } }
    }

    /// Whether any of the value's texts is among `ids`.
    func matchesAny(_ ids: ArraySlice<Int32>) -> Bool {
        if first >= 0, ids.contains(first) { return true }
        return more.contains { $0 >= 0 && ids.contains($0) }
    }
}
