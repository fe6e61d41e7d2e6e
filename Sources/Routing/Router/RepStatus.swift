import Foundation

/// A rep as the router sees them at one instant: load, caps and whether they can take a lead.
///
/// ``LeadRouter/repStatuses(ledger:at:)`` answers with one per rep the router assigns to.
public struct RepStatus: Hashable, Sendable {
    /// The rep's id, as recorded on assignments (`Owner.rep`).
    public var rep: String
    /// Open leads the rep owns now.
    public var openLeads: Int
    /// The rep's cap on open leads, if any.
    public var maxOpen: Int?
    /// New leads the rep got today, in their own time zone.
    public var newToday: Int
    /// The rep's cap on new leads per day, if any.
    public var maxNewPerDay: Int?
    /// `nil` when the rep can take a lead now; otherwise why not (out of office, outside
    /// working hours, at capacity), as the routing trail says it.
    public var unavailable: String?
    /// The expected value the rep received through value-balanced pools, decayed to now by
    /// each pool's half-life (``ValueReceived``); 0 without such pools.
    public var valueReceived: Double

    /// Makes a status.
    ///
    /// - Parameters:
    ///   - rep: the rep's id.
    ///   - openLeads: open leads the rep owns now.
    ///   - maxOpen: the cap on open leads, if any.
    ///   - newToday: new leads the rep got today.
    ///   - maxNewPerDay: the cap on new leads per day, if any.
    ///   - unavailable: why the rep cannot take a lead now, or `nil` when they can.
    ///   - valueReceived: the expected value received through value-balanced pools.
    public init(
        rep: String, openLeads: Int, maxOpen: Int?, newToday: Int, maxNewPerDay: Int?, unavailable: String?,
        valueReceived: Double = 0
    ) {
        self.rep = rep
        self.openLeads = openLeads
        self.maxOpen = maxOpen
        self.newToday = newToday
        self.maxNewPerDay = maxNewPerDay
        self.unavailable = unavailable
        self.valueReceived = valueReceived
    }
}

extension RuleRouter {
    /// Every rep's load, caps and availability at `now`, in the order the rules list them.
    ///
    /// - Parameters:
    ///   - ledger: the loads folded from the journal.
    ///   - now: the instant to judge availability at.
    /// - Returns: one status per rep of the rules.
    public func statuses(ledger: RoutingLedger, at now: Date) -> [RepStatus] {
        var clock = DecisionClock(calendars: tables.calendarCount, now: now)
        return tables.reps.map { rep in
            let check = rep.check(ledger: ledger, number: nil, clock: &clock)
            let load = ledger.capacityLoad(of: rep.id, since: clock.startOfDay(rep.calendarIndex, rep.calendar))
            return RepStatus(
                rep: rep.id, openLeads: load.open, maxOpen: rep.maxOpen, newToday: load.new,
                maxNewPerDay: rep.maxNewPerDay, unavailable: rep.why(check, at: now),
                valueReceived: ledger.valueReceived(by: rep.id, at: now))
        }
    }

    /// ``statuses(ledger:at:)``: every rep of the rules.
    ///
    /// - Parameters:
    ///   - ledger: the loads folded from the journal.
    ///   - now: the instant to judge availability at.
    /// - Returns: one status per rep of the rules, never `nil`.
    public func repStatuses(ledger: RoutingLedger, at now: Date) -> [RepStatus]? {
        statuses(ledger: ledger, at: now)
    }
}
