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
                if weight > bestWeight {
                    best = position
                    bestWeight = weight
                }
            }
            if best >= 0 {
                trail.codes.append(.poolTurn(pool: Int32(poolNumber), firstSkip: firstSkip))
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
