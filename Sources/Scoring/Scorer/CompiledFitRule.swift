import LeadModel

/// A ``FitRule`` ready to evaluate.
struct CompiledFitRule: Sendable {
    let name: String
    let field: String
    let reader: FieldReader
    let condition: CompiledCondition
    let points: Double
    let axis: ScoreCard.Axis

    init(_ rule: FitRule) {
        name = rule.name
        field = rule.field.rawValue
        reader = FieldReader(rule.field)
        condition = CompiledCondition(rule.condition)
        points = roundPoints(rule.points)
        axis = rule.axis
    }

    /// The contribution for a lead whose value passed: `employees 250 in 200…2,000`.
    func contribution(_ value: AttributeValue?) -> ScoreCard.Contribution {
        ScoreCard.Contribution(
            rule: name, axis: axis, points: points, evidence: Self.evidence(field, reader, value, condition))
    }

    static func evidence(
        _ field: String, _ reader: FieldReader, _ value: AttributeValue?, _ condition: CompiledCondition
    ) -> String {
        guard let value, !reader.isPersonal, !condition.isPresence else { return field + " " + condition.phrase }
        if condition.isPresence { return field + " " + condition.phrase }
        return field + " " + describe(value) + " " + condition.phrase
    }

    static func describe(_ value: AttributeValue) -> String {
        if case .number(let number) = value { return TextMatching.format(number) }
        return value.text
    }
}

/// An ``IdealCustomerProfile`` ready to evaluate.
struct CompiledProfile: Sendable {
    let name: String
    let points: Double
    let criteria: [(field: String, reader: FieldReader, condition: CompiledCondition)]

    init(_ profile: IdealCustomerProfile) {
        name = profile.name
        points = roundPoints(profile.points)
        criteria = profile.criteria.map {
            ($0.field.rawValue, FieldReader($0.field), CompiledCondition($0.condition))
        }
    }

    func matches(_ lead: Lead) -> Bool {
        for criterion in criteria where !criterion.condition.matches(criterion.reader.read(lead)) { return false }
        return !criteria.isEmpty
    }

    /// The contribution: `matches core-icp: industry healthcare …; employees 250 in 200…2,000`.
    func contribution(_ lead: Lead) -> ScoreCard.Contribution {
        let parts = criteria.map {
            CompiledFitRule.evidence($0.field, $0.reader, $0.reader.read(lead), $0.condition)
        }
        return ScoreCard.Contribution(
            rule: name, axis: .fit, points: points,
            evidence: "matches \(name): " + parts.joined(separator: "; "))
    }
}
