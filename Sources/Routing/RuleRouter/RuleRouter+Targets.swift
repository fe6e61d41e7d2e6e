import Foundation
import LeadModel

extension RuleRouter {
    /// The target of the first matching rule, or the default; one trail entry per rule tried.
    func chooseTarget(_ input: RoutingInput, trail: inout [Reason]) -> RoutingTarget {
        if let index = table.firstMatch(trail: &trail, resolve: { resolve($0, input: input) }) {
            return table.targets[index]
        }
        trail.append(Reason(rule: "default", detail: "no rule matched; \(rules.defaultTarget)"))
        return rules.defaultTarget
    }

    /// The owner for a target: the queue, the rep if eligible, a pool's next eligible member, or
    /// a fallback queue.
    func resolve(_ target: RoutingTarget, input: RoutingInput, trail: inout [Reason]) -> RoutingDecision {
        let ledger = input.context.ledger
        var offHours = false
        var clocks = ZoneClocks(zones: zoneCount, now: input.now)
        switch target {
        case .queue(let queue):
            return RoutingDecision(owner: .queue(queue), router: name, trail: trail)
        case .rep(let id):
            guard let index = repIndex[id] else { break }
            let eligibility = reps[index].eligibility(ledger: ledger, clocks: &clocks)
            guard let why = eligibility.why else {
                return RoutingDecision(owner: .rep(id), router: name, trail: trail)
            }
            trail.append(Reason(rule: "skip:\(id)", detail: why))
            offHours = eligibility.isOutsideHours
        case .pool(let poolName):
            guard let pool = pools[poolName] else { break }
            var candidates: [PoolRotation.Candidate] = []
            candidates.reserveCapacity(pool.members.count)
            for (position, member) in pool.members.enumerated() {
                let rep = reps[pool.reps[position]]
                let eligibility = rep.eligibility(ledger: ledger, clocks: &clocks)
                if let why = eligibility.why {
                    trail.append(Reason(rule: rep.skipRule, detail: why))
                    offHours = offHours || eligibility.isOutsideHours
                } else {
                    candidates.append(member)
                }
            }
            if let index = ledger.rotation(of: poolName).choose(among: candidates) {
                let detail =
                    candidates.count == pool.members.count ? pool.fullDetail : PoolRotation.detail(candidates)
                trail.append(Reason(rule: pool.turnRule, detail: detail))
                return RoutingDecision(owner: .rep(candidates[index].rep), router: name, trail: trail)
            }
        }
        if offHours, let coverage = rules.coverageQueue {
            trail.append(
                Reason(
                    rule: "fallback:coverage",
                    detail: "nobody eligible within working hours for \(target); queue \(coverage)"))
            return RoutingDecision(owner: .queue(coverage), router: name, trail: trail, flags: [.coverage])
        }
        trail.append(
            Reason(rule: "fallback:unassigned", detail: "nobody eligible for \(target); queue \(rules.unassignedQueue)")
        )
        return RoutingDecision(owner: .queue(rules.unassignedQueue), router: name, trail: trail, flags: [.unassigned])
    }
}
