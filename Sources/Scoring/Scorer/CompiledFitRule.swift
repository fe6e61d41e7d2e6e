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

    /// The contribution for a lead whose value passed: `employees 250 in 200…2,000`.
    func contribution(_ value: AttributeValue?) -> ScoreCard.Contribution {
        ScoreCard.Contribution(rule: name, axis: axis, points: points, evidence: evidence(for: value))
    }

    private func evidence(for value: AttributeValue?) -> String {
        if let fixedEvidence { return fixedEvidence }
        guard let value else { return Self.evidence(field, reader, nil, condition) }
        if case .string(let text) = value {
            for exact in exactEvidence where exact.text == text { return exact.evidence }
        }
        return TextMatching.concat(fieldPrefix, Self.describe(value), phraseSuffix)
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
    let criteria: [(reader: FieldReader, condition: CompiledCondition)]
    /// The evidence, made once: the profile and its criteria (the fit rules show the values).
    let evidence: String

    init(_ profile: IdealCustomerProfile) {
        name = profile.name
        points = roundPoints(profile.points)
        let compiled = profile.criteria.map { (FieldReader($0.field), CompiledCondition($0.condition)) }
        criteria = compiled
        evidence =
            "matches \(profile.name): "
            + zip(profile.criteria, compiled).map { "\($0.0.field.rawValue) \($0.1.1.phrase)" }.joined(separator: "; ")
    }

    /// Whether every criterion holds, given the lead's field values by slot.
    func matches(_ values: UnsafeMutableBufferPointer<AttributeValue?>, slots: [Int]) -> Bool {
        for (criterion, slot) in zip(criteria, slots) where !criterion.condition.matches(values[slot]) {
            return false
        }
        return !criteria.isEmpty
    }

    /// The contribution: `matches core-icp: industry one of …; employees in 200…2,000`.
    func contribution() -> ScoreCard.Contribution {
        ScoreCard.Contribution(rule: name, axis: .fit, points: points, evidence: evidence)
    }
}
