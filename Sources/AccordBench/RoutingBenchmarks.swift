import Foundation
import LeadModel
import Routing

/// ``RuleRouter`` benchmarks: routing decisions per second with many reps and rules, and how the
/// rate changes with the number of reps.
///
/// The setup: 200 rules, each on `country` and `segment`, sending to a pool (10 reps each, or one
/// pool of every rep); reps in Berlin, New York and Tokyo with working hours, both caps and a few
/// out-of-office periods; a ledger folded from 20,000 earlier assignments. Leads cycle through
/// 1,024 prepared states, so on average 100 rules are tried and the full trail is built.
enum RoutingBenchmarks {
    static var all: [Benchmark] {
        [
            Benchmark(
                name: "routing-decisions",
                summary: "RuleRouter: decisions per second, 500 reps, 200 rules, pools of 10, full trail",
                run: { context in
                    [try decisions("routing-decisions", reps: 500, poolSize: 10, context: context)]
                }),
            Benchmark(
                name: "routing-decisions-with-reasons",
                summary: "RuleRouter: decisions per second, 500 reps, 200 rules, every trail reason written out",
                run: { context in
                    [
                        try decisions(
                            "routing-decisions-with-reasons", reps: 500, poolSize: 10, writeReasons: true,
                            context: context)
                    ]
                }),
            Benchmark(
                name: "routing-decide-and-fold",
                summary: "RuleRouter + RoutingLedger: decide and fold the assignment, 500 reps, 200 rules",
                run: { context in [try decideAndFold(context)] }),
            Benchmark(
                name: "routing-reps-scaling",
                summary: "RuleRouter: decisions per second from 50 to 5,000 reps (pools of 10 and one pool of all)",
                run: { context in
                    var lines: [Measurement] = []
                    for reps in [50, 500, 1_000, 2_000, 5_000] {
                        lines.append(try decisions("routing-reps-\(reps)", reps: reps, poolSize: 10, context: context))
                    }
                    for reps in [50, 500, 5_000] {
                        lines.append(
                            try decisions("routing-reps-\(reps)-one-pool", reps: reps, poolSize: reps, context: context)
                        )
                    }
                    return lines
                }),
        ]
    }

    static let zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo"]
    static let segments = ["smb", "mid", "enterprise"]
    /// Tuesday 24 November 2026, 14:00 UTC: working hours in Berlin and New York, evening in Tokyo.
    static let now = Date(timeIntervalSince1970: 1_795_528_800)

    static func rules(reps count: Int, poolSize: Int) -> RoutingRules {
        let reps = (0..<count).map { index in
            RepProfile(
                id: "rep\(index)", timeZone: zones[index % zones.count],
                workingHours: WeeklyBusinessCalendar(
                    timeZone: zones[index % zones.count], weekdays: [BusinessWindow("08:00-18:00")!]),
                outOfOffice: index % 17 == 0
                    ? [OutOfOffice(from: now.addingTimeInterval(-86_400), until: now.addingTimeInterval(86_400))] : [],
                capacity: RepCapacity(maxOpen: 400, maxNewPerDay: 300), weight: 1 + index % 3)
        }
        let poolCount = max(1, count / poolSize)
        let pools = (0..<poolCount).map { pool in
            RoutingPool(
                name: "pool\(pool)",
                members: (0..<poolSize).map { RoutingPool.Member(rep: "rep\((pool * poolSize + $0) % count)") })
        }
        let rules = (0..<200).map { index in
            RoutingRule(
                name: "rule\(index)",
                when: [
                    .field("country", in: ["C\(index)", "X\(index)"]),
                    .field("segment", in: [segments[index % segments.count]]),
                ],
                target: .pool("pool\(index % poolCount)"))
        }
        return RoutingRules(
            reps: reps, pools: pools,
            segments: [
                CompanySizeSegment(name: "smb", maxEmployees: 199),
                CompanySizeSegment(name: "mid", minEmployees: 200, maxEmployees: 1999),
                CompanySizeSegment(name: "enterprise", minEmployees: 2000),
            ],
            rules: rules, defaultTarget: .pool("pool0"), coverageQueue: "after-hours")
    }

    /// Lead states matching rule `i` for `i` spread over 0..<200 (segment chosen to match).
    static func states() -> [LeadState] {
        let employees: [Double] = [50, 800, 5000]
        return (0..<1024).map { index in
            let rule = (index * 37) % 200
            let lead = Lead(
                id: LeadID("lead-\(index)"),
                attributes: [
                    "country": .string("C\(rule)"), "employees": .number(employees[rule % 3]),
                ])
            let captured = LeadEvent(
                leadID: lead.id, occurredAt: now, actor: .system, payload: .captured(lead, stage: .sql))
            return LeadState.fold([captured])!
        }
    }

    /// A ledger folded from earlier assignments made by the router itself.
    static func warmLedger(_ router: RuleRouter, rules: RoutingRules, states: [LeadState], count: Int) -> RoutingLedger
    {
        var ledger = RoutingLedger(rules: rules)
        for index in 0..<count {
            let state = states[index % states.count]
            let at = now.addingTimeInterval(-Double(count - index))
            guard let decision = router.route(RoutingInput(state: state, now: at, context: .init(ledger: ledger)))
            else { continue }
            ledger.apply(
                LeadEvent(
                    leadID: LeadID("warm-\(index)"), occurredAt: at, actor: .system,
                    payload: .assigned(Assignment(owner: decision.owner, router: decision.router)),
                    reasons: decision.trail.reasons))
        }
        return ledger
    }

    /// Routes prepared leads against a warm ledger. The trail is kept as codes unless
    /// `writeReasons`, which writes every reason's text as the engine does when it records the
    /// assignment.
    static func decisions(
        _ name: String, reps: Int, poolSize: Int, writeReasons: Bool = false, context: BenchContext
    ) throws -> Measurement {
        let rules = rules(reps: reps, poolSize: poolSize)
        let router = try RuleRouter(rules: rules)
        let states = states()
        let ledger = warmLedger(router, rules: rules, states: states, count: 20_000)
        let inputs = states.map { RoutingInput(state: $0, now: now, context: RoutingContext(ledger: ledger)) }
        // A pool of every rep checks every rep per decision: scale the count down with the pool.
        let count = max(1_000, context.count(default: 500_000) / max(1, poolSize / 10))
        let clock = ContinuousClock()
        let start = clock.now
        var assigned = 0
        var trail = 0
        for index in 0..<count {
            guard let decision = router.route(inputs[index & 1023]) else { continue }
            if case .rep = decision.owner { assigned += 1 }
            if writeReasons {
                trail += decision.trail.reasons.count
            } else {
                trail += decision.trail.count
            }
        }
        let elapsed = (clock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        guard assigned > count / 2 else { throw BenchError("\(name): only \(assigned) of \(count) went to a rep") }
        var measurement = Measurement(name: name, count: count, seconds: seconds)
        measurement.set("reps", .int(reps))
        measurement.set("rules", .int(200))
        measurement.set("poolSize", .int(poolSize))
        measurement.set("trailPerDecision", .double(Double(trail) / Double(count)))
        return measurement
    }

    static func decideAndFold(_ context: BenchContext) throws -> Measurement {
        let rules = rules(reps: 500, poolSize: 10)
        let router = try RuleRouter(rules: rules)
        let states = states()
        var ledger = warmLedger(router, rules: rules, states: states, count: 20_000)
        let count = context.count(default: 200_000)
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<count {
            let at = now.addingTimeInterval(Double(index) * 0.01)
            guard
                let decision = router.route(
                    RoutingInput(state: states[index & 1023], now: at, context: RoutingContext(ledger: ledger)))
            else { continue }
            ledger.apply(
                LeadEvent(
                    leadID: LeadID("lead-\(index)"), occurredAt: at, actor: .system,
                    payload: .assigned(Assignment(owner: decision.owner, router: decision.router)),
                    reasons: decision.trail.reasons))
        }
        let elapsed = (clock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        var measurement = Measurement(name: "routing-decide-and-fold", count: count, seconds: seconds)
        measurement.set("reps", .int(500))
        measurement.set("rules", .int(200))
        return measurement
    }
}
