import LeadModel

/// A lead's value for one slot: lowercased texts (several for a list attribute) and a number.
struct FieldValue: Sendable {
    var texts: [String]
    var number: Double?

    static let missing = FieldValue(texts: [], number: nil)

    var isMissing: Bool { texts.isEmpty && number == nil }

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

/// The values resolved so far in one decision, by slot index.
struct FieldValues {
    private var values: [FieldValue?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    /// The value of a slot, resolving it on first use.
    mutating func value(_ index: Int, resolve: () -> FieldValue) -> FieldValue {
        if let value = values[index] { return value }
        let value = resolve()
        values[index] = value
        return value
    }
}
