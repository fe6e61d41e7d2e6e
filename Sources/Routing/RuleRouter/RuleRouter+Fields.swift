import LeadModel

extension RuleRouter {
    /// The lead's value for a slot.
    func resolve(_ slot: FieldSlot, input: RoutingInput) -> SlotValue.Raw {
        let state = input.state
        switch slot {
        case .grade: return SlotValue.Raw(text: state.score?.grade)
        case .score: return SlotValue.Raw(number: state.score?.total)
        case .fit: return SlotValue.Raw(number: state.score?.fit)
        case .engagement: return SlotValue.Raw(number: state.score?.engagement)
        case .slaTier: return SlotValue.Raw(text: input.context.slaTier)
        case .stage: return SlotValue.Raw(text: state.stage.rawValue)
        case .segment:
            guard let employees = state.lead[segmentField]?.number,
                let segment = segments.first(where: { $0.contains(employees) })
            else { return .missing }
            return SlotValue.Raw(text: segment.name)
        case .lead(let field): return SlotValue.Raw(state.lead[field])
        }
    }
}
