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

    /// The contribution for a lead whose value passed: `employees 250 in 200…2,000`. Evidence
    /// made once is shared; evidence that shows the lead's value is written when read.
    func contribution(_ value: AttributeValue?) -> ScoreCard.Contribution {
        if let fixedEvidence {
            return ScoreCard.Contribution(rule: name, axis: axis, points: points, evidence: fixedEvidence)
        }
        switch value {
        case .string(let text)?:
            for exact in exactEvidence where exact.text == text {
                return ScoreCard.Contribution(rule: name, axis: axis, points: points, evidence: exact.evidence)
            }
            return ScoreCard.Contribution(
                rule: name, axis: axis, points: points, writer: self, facts: EvidenceFacts(text: text))
        case .number(let number)?:
            return ScoreCard.Contribution(
                rule: name, axis: axis, points: points, writer: self, facts: EvidenceFacts(amount: number))
        case let value?:
            return ScoreCard.Contribution(
                rule: name, axis: axis, points: points, evidence: fieldPrefix + Self.describe(value) + phraseSuffix)
        case nil:
            return ScoreCard.Contribution(
                rule: name, axis: axis, points: points, evidence: Self.evidence(field, reader, nil, condition))
        }
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

    /// The contribution: `matches core-icp: industry one of …; employees in 200…2,000`.
    func contribution() -> ScoreCard.Contribution {
        ScoreCard.Contribution(rule: name, axis: .fit, points: points, evidence: evidence)
    }
}
