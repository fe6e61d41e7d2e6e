import LeadModel

/// Everything a ``RuleRouter`` prepared from its rules, in one immutable object, so a decision
/// can keep a single reference to it and write its trail only when someone reads it.
final class RouterTables: Sendable {
    let reps: [CompiledRep]
    let repIndex: [String: Int]
    /// The rep list, as a ledger made from the same rules numbers it.
    let roster: Roster
    /// How many distinct rep calendars there are (``CompiledRep/calendarIndex``).
    let calendarCount: Int
    let pools: [CompiledPool]
    let poolIndex: [String: Int]
    let table: RuleTable
    /// ``RuleTable/failures`` and ``RuleTable/matches``, at hand for writing trails.
    let failures: [Reason]
    let matches: [Reason]
    /// Each rule's target, resolved.
    let targets: [CompiledTarget]
    let defaultTarget: CompiledTarget
    /// The trail entry when no rule matches.
    let defaultReason: Reason

    init(rules: RoutingRules) {
        var calendars: [WeeklyBusinessCalendar: Int] = [:]
        var reps: [CompiledRep] = []
        var repIndex: [String: Int] = [:]
        for rep in rules.reps {
            let calendar = rep.calendar
            let number = calendars[calendar] ?? calendars.count
            calendars[calendar] = number
            repIndex[rep.id] = reps.count
            reps.append(CompiledRep(rep, calendarIndex: number))
        }
        self.reps = reps
        self.repIndex = repIndex
        roster = Roster(ids: rules.reps.map(\.id))
        calendarCount = calendars.count
        var pools: [CompiledPool] = []
        var poolIndex: [String: Int] = [:]
        for pool in rules.pools {
            let indexes = pool.members.map { repIndex[$0.rep] ?? 0 }
            poolIndex[pool.name] = pools.count
            pools.append(
                CompiledPool(
                    name: pool.name, reps: indexes,
                    members: zip(pool.members, indexes).map { member, index in
                        PoolRotation.Candidate(rep: member.rep, weight: member.weight ?? reps[index].weight)
                    }, balance: pool.balance, valueHalfLifeDays: pool.valueHalfLifeDays))
        }
        self.pools = pools
        self.poolIndex = poolIndex
        table = RuleTable(rules.rules, segments: rules.segments)
        failures = table.failures
        matches = table.matches
        func compile(_ target: RoutingTarget) -> CompiledTarget {
            switch target {
            case .queue(let name): return .queue(name)
            case .rep(let id): return repIndex[id].map(CompiledTarget.rep) ?? .queue(rules.unassignedQueue)
            case .pool(let name): return poolIndex[name].map(CompiledTarget.pool) ?? .queue(rules.unassignedQueue)
            }
        }
        targets = rules.rules.map { compile($0.target) }
        defaultTarget = compile(rules.defaultTarget)
        defaultReason = Reason(rule: "default", detail: "no rule matched; \(rules.defaultTarget)")
    }
}
