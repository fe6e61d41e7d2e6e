import Foundation
import LeadModel

extension RuleRouter {
    /// The target of the first matching rule, or the default; one trail entry per rule tried.
    func chooseTarget(_ input: RoutingInput, trail: inout RoutingTrail) -> (CompiledTarget, RoutingTarget) {
        if let index = firstMatch(input, trail: &trail.codes) {
            return (tables.targets[index], rules.rules[index].target)
        }
        trail.codes.append(.defaultTarget)
        return (tables.defaultTarget, rules.defaultTarget)
    }

    /// The index of the first matching rule; appends one trail code per rule tried. Each slot the
    /// conditions read is resolved once, on first use.
    private func firstMatch(_ input: RoutingInput, trail: inout ContiguousArray<TrailCode>) -> Int? {
        // Hoist the arrays the loop reads: copying the whole table would retain each of its arrays.
        let ruleRanges = tables.table.rules
        let conditions = tables.table.conditions
        var cache = ContiguousArray(repeating: SlotValue.unresolved, count: tables.table.slots.count)
        var extra = ContiguousArray<Int32>()
        for ruleIndex in ruleRanges.indices {
            var failed = -1
            for conditionIndex in ruleRanges[ruleIndex] {
                let condition = conditions[conditionIndex]
                if cache[condition.slot].state == SlotValue.unresolvedState {
                    cache[condition.slot] = value(of: condition.slot, input: input, extra: &extra)
                }
                if !tables.table.holds(condition, cache[condition.slot], extra) {
                    failed = conditionIndex
                    break
                }
            }
            if failed >= 0 {
                trail.append(.ruleFailed(Int32(failed)))
            } else {
                trail.append(.ruleMatched(Int32(ruleIndex)))
                return ruleIndex
            }
        }
        return nil
    }

    /// The lead's expected value: its score read as a probability × the deal size of its segment.
    func expectedValue(_ input: RoutingInput) -> (value: Double, probability: Double, size: Double, segment: String?) {
        let probability = Swift.min(Swift.max((input.state.score?.total ?? 0) / 100, 0), 1)
        let segment = input.state.lead[segmentField]?.number.flatMap { employees in
            segments.first { $0.contains(employees) }?.name
        }
        let size = rules.dealSizes.size(forSegment: segment)
        return (probability * size, probability, size, segment)
    }

    /// The `pool-value:<pool>` reason of a value turn: the lead's expected value, parseable, then
    /// how it was made and what each eligible member had received per unit of weight.
    private func valueTurn(_ pool: CompiledPool, input: RoutingInput, perWeight: [(rep: String, value: Double)])
        -> Reason
    {
        let (value, probability, size, segment) = expectedValue(input)
        let members = perWeight.map { "\($0.rep) \(Self.amount($0.value))" }.joined(separator: ", ")
        return Reason(
            rule: pool.valueRule,
            detail: ValueReceived.head(value: value, halfLifeDays: pool.valueHalfLifeDays)
                + "; expected value \(Self.amount(value)) = score \(Self.amount(probability * 100))% × deal size "
                + "\(Self.amount(size))" + (segment.map { " (\($0))" } ?? "")
                + "; received per unit of weight (half-life \(Self.amount(pool.valueHalfLifeDays)) days): \(members)")
    }

    /// A value for a trail: at most two decimals, no trailing zeros.
    static func amount(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }

    /// The owner for a target: the queue, the rep if eligible, a pool's next eligible member, or
    /// a fallback queue.
    func resolve(
        _ target: (compiled: CompiledTarget, written: RoutingTarget), input: RoutingInput, trail: inout RoutingTrail
    ) -> RoutingDecision {
        // Read through `input` rather than copying the ledger (a copy retains each of its tables).
        let byNumber = input.context.ledger.roster == tables.roster
        var offHours = false
        switch target.compiled {
        case .queue(let queue):
            return RoutingDecision(owner: .queue(queue), router: name, trail: trail)
        case .rep(let index):
            var clock = DecisionClock(calendars: tables.calendarCount, now: input.now)
            let rep = tables.reps[index]
            let check = rep.check(
                ledger: input.context.ledger, number: byNumber ? index : nil, clock: &clock,
                excluded: input.context.excludedReps)
            if check == .eligible { return RoutingDecision(owner: .rep(rep.id), router: name, trail: trail) }
            trail.codes.append(.skipped(rep: Int32(index), check: check))
            offHours = check.isOutsideHours
        case .pool(let poolNumber):
            var clock = DecisionClock(calendars: tables.calendarCount, now: input.now)
            let pool = tables.pools[poolNumber]
            let rotation = input.context.ledger.rotation(of: pool.name)
            let firstSkip = Int32(trail.codes.count)
            var best = -1
            var bestWeight = Int.min
            var cursor = 0
            // Value pools: the least value received per unit of weight wins; ties go by the turn.
            let received = pool.balance == .value ? input.context.ledger.valueReceived(in: pool.name) : nil
            var bestValue = Double.infinity
            var perWeight: [(rep: String, value: Double)] = []
            for position in pool.members.indices {
                let repNumber = pool.reps[position]
                let check = tables.reps[repNumber].check(
                    ledger: input.context.ledger, number: byNumber ? repNumber : nil, clock: &clock,
                    excluded: input.context.excludedReps)
                if check != .eligible {
                    trail.codes.append(.skipped(rep: Int32(repNumber), check: check))
                    offHours = offHours || check.isOutsideHours
                    continue
                }
                let weight =
                    rotation.currentWeight(of: pool.members[position].rep, cursor: &cursor)
                    + pool.members[position].weight
                if let received {
                    let member = pool.members[position]
                    let value = received.value(of: member.rep, at: input.now) / Double(member.weight)
                    perWeight.append((member.rep, value))
                    let tolerance = 1e-9 * Swift.max(1, abs(value))
                    guard value < bestValue - tolerance || (abs(value - bestValue) <= tolerance && weight > bestWeight)
                    else { continue }
                    bestValue = value
                } else if weight <= bestWeight {
                    continue
                }
                best = position
                bestWeight = weight
            }
            if best >= 0 {
                trail.codes.append(.poolTurn(pool: Int32(poolNumber), firstSkip: firstSkip))
                if received != nil {
                    trail.append(valueTurn(pool, input: input, perWeight: perWeight))
                }
                var decision = RoutingDecision(owner: .rep(pool.members[best].rep), router: name, trail: trail)
                decision.pool = pool.name
                return decision
            }
        }
        if offHours, let coverage = rules.coverageQueue {
            trail.append(
                Reason(
                    rule: "fallback:coverage",
                    detail: "nobody eligible within working hours for \(target.written); queue \(coverage)"))
            return RoutingDecision(owner: .queue(coverage), router: name, trail: trail, flags: [.coverage])
        }
        trail.append(
            Reason(
                rule: "fallback:unassigned",
                detail: "nobody eligible for \(target.written); queue \(rules.unassignedQueue)"))
        return RoutingDecision(owner: .queue(rules.unassignedQueue), router: name, trail: trail, flags: [.unassigned])
    }
}
