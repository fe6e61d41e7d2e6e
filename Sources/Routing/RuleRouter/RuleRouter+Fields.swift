import LeadModel

extension RuleRouter {
    /// The lead's value for a slot of the rule table, as interned ids and a number; ids of a list
    /// attribute's further texts go to `extra`.
    func value(of slot: Int, input: RoutingInput, extra: inout ContiguousArray<Int32>) -> SlotValue {
        let tables = self.tables
        let state = input.state
        switch tables.table.slots[slot] {
        case .grade: return text(state.score?.grade, slot: slot)
        case .score: return number(state.score?.total, slot: slot)
        case .fit: return number(state.score?.fit, slot: slot)
        case .engagement: return number(state.score?.engagement, slot: slot)
        case .slaTier: return text(input.context.slaTier, slot: slot)
        case .stage: return text(state.stage.rawValue, slot: slot)
        case .segment:
            guard let employees = state.lead[segmentField]?.number,
                let index = segments.firstIndex(where: { $0.contains(employees) })
            else { return .missing }
            return .present(tables.table.segmentIDs[index], number: nil)
        case .lead(let field):
            switch state.lead[field] {
            case nil: return .missing
            case .list(let list):
                guard let first = list.first else { return .present(-1, number: nil) }
                var value = SlotValue.present(tables.table.id(of: first, slot: slot), number: nil)
                value.moreStart = Int32(extra.count)
                for text in list.dropFirst() { extra.append(tables.table.id(of: text, slot: slot)) }
                value.moreCount = Int32(extra.count) - value.moreStart
                return value
            case .some(let value):
                let id = tables.table.dictionaries[slot].isEmpty ? -1 : tables.table.id(of: value.text, slot: slot)
                return .present(id, number: tables.table.numeric[slot] ? value.number : nil)
            }
        }
    }

    private func text(_ text: String?, slot: Int) -> SlotValue {
        guard let text, !text.isEmpty else { return .missing }
        return .present(tables.table.id(of: text, slot: slot), number: tables.table.numeric[slot] ? Double(text) : nil)
    }

    private func number(_ number: Double?, slot: Int) -> SlotValue {
        guard let number else { return .missing }
        let id =
            tables.table.dictionaries[slot].isEmpty
            ? -1 : tables.table.id(of: AttributeValue.number(number).text, slot: slot)
        return .present(id, number: number)
    }
}
