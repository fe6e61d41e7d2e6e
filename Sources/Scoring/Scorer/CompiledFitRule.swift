import LeadModel

/// A ``FitRule`` ready to evaluate.
final class CompiledFitRule: Sendable {
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
    /// that does not show the value, or shows one of the rule's own texts, was made once.
    @inline(__always)
    func contribution(_ value: AttributeValue?) -> ScoreCard.Contribution {
        ScoreCard.Contribution(rule: name, axis: axis, points: points, evidence: evidence(value))
    }

    private func evidence(_ value: AttributeValue?) -> String {
        if let fixedEvidence { return fixedEvidence }
        switch value {
        case .string(let text)?:
            if let exact = exactEvidence.first(where: { $0.text == text }) { return exact.evidence }
            return fieldPrefix + text + phraseSuffix
        case .number(let number)?: return fieldPrefix + TextMatching.format(number) + phraseSuffix
        case let value?: return fieldPrefix + Self.describe(value) + phraseSuffix
        case nil: return Self.evidence(field, reader, nil, condition)
        }
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
    /// The contribution of a lead that matches, made once.
    let contribution: ScoreCard.Contribution

    init(_ profile: IdealCustomerProfile) {
        name = profile.name
        points = roundPoints(profile.points)
        evidence =
            "matches \(profile.name): "
            + profile.criteria.map { "\($0.field.rawValue) \(CompiledCondition($0.condition).phrase)" }
            .joined(separator: "; ")
        contribution = ScoreCard.Contribution(rule: name, axis: .fit, points: points, evidence: evidence)
    }
}
