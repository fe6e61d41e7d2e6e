import LeadModel

extension RuleRouter {
    /// The lead's value for a slot.
    func resolve(_ slot: FieldSlot, input: RoutingInput) -> FieldValue {
        let state = input.state
        switch slot {
        case .grade: return FieldValue(text: state.score?.grade)
        case .score: return FieldValue(number: state.score?.total)
        case .fit: return FieldValue(number: state.score?.fit)
        case .engagement: return FieldValue(number: state.score?.engagement)
        case .slaTier: return FieldValue(text: input.context.slaTier)
        case .stage: return FieldValue(text: state.stage.rawValue)
        case .segment:
            guard let employees = state.lead[segmentField]?.number,
                let segment = segments.first(where: { $0.contains(employees) })
            else { return .missing }
            return FieldValue(text: segment.name)
        case .lead(let field): return FieldValue(state.lead[field])
        }
    }
}
