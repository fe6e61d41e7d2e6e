import LeadModel

/// A ``FitRule`` ready to evaluate.
final class CompiledFitRule: EvidenceWriter {
    let name: String
    let field: String
    let reader: FieldReader
    let condition: CompiledCondition
    let points: Double
    let axis: ScoreCard.Axis
    /// Evidence made once, for tests whose evidence does not show the value (presence, personal
    /// fields).
    let fixedEvidence: String?
    /// Evidence made once for each listed text of `equals` / `oneOf`, used when the lead's value
    /// is exactly that text (the common case).
    let exactEvidence: [(text: String, evidence: String)]
    /// `employees ` and ` in 200…2,000`: the fixed parts around the value.
    let fieldPrefix: String
    let phraseSuffix: String

    init(_ rule: FitRule) {
        name = rule.name
        field = rule.field.rawValue
        reader = FieldReader(rule.field)
        let condition = CompiledCondition(rule.condition)
        self.condition = condition
        points = roundPoints(rule.points)
        axis = rule.axis
        fieldPrefix = rule.field.rawValue + " "
        phraseSuffix = " " + condition.phrase
        fixedEvidence =
            reader.isPersonal || condition.isPresence ? Self.evidence(field, reader, nil, condition) : nil
        let texts: [String]
        if case .string(let text)? = rule.condition.equals {
            texts = [text]
        } else {
            texts = (rule.condition.oneOf ?? []).compactMap { if case .string(let text) = $0 { text } else { nil } }
        }
        let field = field
        exactEvidence = texts.map { text in
            (text, rule.condition.equals != nil ? "\(field) is \(text)" : "\(field) \(text) \(condition.phrase)")
        }
    }

    /// What an entry's `count` says its evidence is.
    private enum EvidenceKind: Int {
        /// ``fixedEvidence``.
        case fixed
        /// The ``exactEvidence`` at index `amount`.
        case exact
        /// The lead's value between the fixed parts: text (the entry's text) or a number
        /// (`amount`); written when read.
        case value
        /// The field is missing.
        case missing
    }

    /// The entry for a lead whose value passed, as rule `rule` of the scorer's book; a value
    /// the evidence quotes as text is added to `texts`. Evidence made once is only pointed at;
    /// evidence that shows the lead's value is written when read.
    @inline(__always)
    func entry(_ value: AttributeValue?, rule: Int, texts: inout [String]) -> ContributionEntry {
        var entry = ContributionEntry(rule: rule, points: points, count: EvidenceKind.value.rawValue)
        guard fixedEvidence == nil else {
            entry.count = EvidenceKind.fixed.rawValue
            return entry
        }
        switch value {
        case .string(let text)?:
            if let index = exactEvidence.firstIndex(where: { $0.text == text }) {
                entry.count = EvidenceKind.exact.rawValue
                entry.amount = Double(index)
            } else {
                entry.text = texts.count
                texts.append(text)
            }
        case .number(let number)?: entry.amount = number
        case let value?:
            entry.text = texts.count
            texts.append(Self.describe(value))
        case nil: entry.count = EvidenceKind.missing.rawValue
        }
        return entry
    }

    /// The contribution an entry made by ``entry(_:rule:texts:)`` stands for, with the text it
    /// points at: `employees 250 in 200…2,000`.
    func contribution(for entry: ContributionEntry, text: String?) -> ScoreCard.Contribution {
        let evidence: String
        switch EvidenceKind(rawValue: entry.count) {
        case .fixed: evidence = fixedEvidence ?? Self.evidence(field, reader, nil, condition)
        case .exact: evidence = exactEvidence[Int(entry.amount)].evidence
        case .missing: evidence = Self.evidence(field, reader, nil, condition)
        case .value, nil:
            return ScoreCard.Contribution(
                rule: name, axis: axis, points: entry.points, writer: self, facts: entry.facts(text: text))
        }
        return ScoreCard.Contribution(rule: name, axis: axis, points: entry.points, evidence: evidence)
    }

    /// The evidence for a text value (`facts.text`) or a number (`facts.amount`).
    func evidence(for facts: EvidenceFacts) -> String {
        fieldPrefix + (facts.text ?? TextMatching.format(facts.amount)) + phraseSuffix
    }

    static func evidence(
        _ field: String, _ reader: FieldReader, _ value: AttributeValue?, _ condition: CompiledCondition
    ) -> String {
        var text = ""
        text.reserveCapacity(field.utf8.count + condition.phrase.utf8.count + 24)
        text += field
        text += " "
        if let value, !reader.isPersonal, !condition.isPresence {
            text += describe(value)
            text += " "
        }
        text += condition.phrase
        return text
    }

    static func describe(_ value: AttributeValue) -> String {
        if case .number(let number) = value { return TextMatching.format(number) }
        return value.text
    }
}

/// An ``IdealCustomerProfile`` ready to evaluate.
final class CompiledProfile: Sendable {
    let name: String
    let points: Double
    /// The evidence, made once: the profile and its criteria (the fit rules show the values).
    let evidence: String

    init(_ profile: IdealCustomerProfile) {
        name = profile.name
        points = roundPoints(profile.points)
        evidence =
            "matches \(profile.name): "
            + profile.criteria.map { "\($0.field.rawValue) \(CompiledCondition($0.condition).phrase)" }
            .joined(separator: "; ")
    }
}
