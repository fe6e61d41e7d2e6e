import Foundation
import LeadModel
import Routing

/// Plays the engine's part in tests: captures leads, routes them, records the assignment events
/// (with the trail as reasons, as the engine does) and folds everything into a ledger.
struct RoutingHarness {
    var router: RuleRouter
    var ledger: RoutingLedger
    /// Every event recorded, in journal order.
    var events: [LeadEvent] = []
    /// Each lead's state, for routing.
    var states: [LeadID: LeadState] = [:]

    init(_ rules: RoutingRules) throws {
        router = try RuleRouter(rules: rules)
        ledger = RoutingLedger(rules: rules)
    }

    mutating func record(_ event: LeadEvent) {
        events.append(event)
        ledger.apply(event)
        if var state = states[event.leadID] {
            state.apply(event)
            states[event.leadID] = state
        } else if let state = LeadState.fold([event]) {
            states[event.leadID] = state
        }
    }

    /// Captures the lead (unless known) and routes it at `now`, recording the assignment.
    @discardableResult
    mutating func route(
        _ lead: Lead, at now: Date, slaTier: String? = nil, score: ScoreCard? = nil,
        firstTouch: FirstTouchTarget? = nil
    ) -> RoutingDecision {
        if states[lead.id] == nil {
            record(LeadEvent(leadID: lead.id, occurredAt: now, actor: .system, payload: .captured(lead, stage: .sql)))
        }
        if let score {
            record(LeadEvent(leadID: lead.id, occurredAt: now, actor: .system, payload: .scored(score)))
        }
        let input = RoutingInput(
            state: states[lead.id]!, now: now,
            context: RoutingContext(ledger: ledger, slaTier: slaTier, firstTouch: firstTouch))
        let decision = router.route(input)!
        record(
            LeadEvent(
                leadID: lead.id, occurredAt: now, actor: .system,
                payload: .assigned(Assignment(owner: decision.owner, router: decision.router)),
                reasons: decision.trail.reasons))
        return decision
    }

    /// Records `lead` of `account` captured in `stage` and assigned to `rep` by hand: the
    /// account then has that owner.
    mutating func own(
        _ account: String, by rep: String, lead: LeadID = "L1", stage: Stage = .sql, at now: Date = Fixture.monday
    ) {
        record(
            LeadEvent(
                leadID: lead, occurredAt: now, actor: .system,
                payload: .captured(Fixture.lead(lead.rawValue, account: account), stage: stage)))
        record(
            LeadEvent(
                leadID: lead, occurredAt: now, actor: .system,
                payload: .assigned(Assignment(owner: .rep(rep), router: "manual"))))
    }

    mutating func move(_ lead: LeadID, to stage: Stage, at now: Date) {
        let from = states[lead]?.stage ?? .sql
        record(
            LeadEvent(
                leadID: lead, occurredAt: now, actor: .system,
                payload: .stageChanged(StageChange(from: from, to: stage))
            ))
    }
}

/// Dates and leads for routing tests.
enum Fixture {
    /// An ISO 8601 instant: `Fixture.date("2026-10-26T08:00:00Z")`.
    static func date(_ text: String) -> Date {
        (try? Date(text, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
    }

    /// Monday 23 November 2026, 15:00 UTC: within 09:00–17:30 in Berlin (16:00) and New York (10:00).
    static let monday = date("2026-11-23T15:00:00Z")

    static func lead(_ id: String, account: String? = nil, _ attributes: [String: AttributeValue] = [:]) -> Lead {
        Lead(id: LeadID(rawValue: id), accountID: account.map { AccountID(rawValue: $0) }, attributes: attributes)
    }

    static func state(_ lead: Lead, score: ScoreCard? = nil) -> LeadState {
        var events = [
            LeadEvent(leadID: lead.id, occurredAt: monday, actor: .system, payload: .captured(lead, stage: .sql))
        ]
        if let score {
            events.append(LeadEvent(leadID: lead.id, occurredAt: monday, actor: .system, payload: .scored(score)))
        }
        return LeadState.fold(events)!
    }

    static func rep(
        _ id: String, zone: String = "UTC", hours: [Weekday: [BusinessWindow]]? = nil, away: [OutOfOffice] = [],
        capacity: RepCapacity = RepCapacity(), weight: Int = 1
    ) -> RepProfile {
        RepProfile(
            id: id, timeZone: zone, workingHours: hours.map { WeeklyBusinessCalendar(timeZone: zone, hours: $0) },
            outOfOffice: away, capacity: capacity, weight: weight)
    }

    /// The same windows Monday to Friday: `weekdays("09:00-17:00")`.
    static func weekdays(_ windows: String...) -> [Weekday: [BusinessWindow]] {
        var hours: [Weekday: [BusinessWindow]] = [:]
        for day in Weekday.workweek { hours[day] = windows.compactMap(BusinessWindow.init) }
        return hours
    }

    static func pool(_ name: String, _ members: [(String, Int?)]) -> RoutingPool {
        RoutingPool(name: name, members: members.map { RoutingPool.Member(rep: $0.0, weight: $0.1) })
    }

    static func owner(_ decision: RoutingDecision?) -> String {
        decision?.owner.description ?? "none"
    }
}

/// A small deterministic random source for simulations.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
