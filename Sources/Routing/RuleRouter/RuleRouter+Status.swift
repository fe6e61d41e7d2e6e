import Foundation

/// A rep as the router sees them at one instant: load, caps and whether they can take a lead.
public struct RepStatus: Hashable, Sendable {
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

    public init(
        rep: String, openLeads: Int, maxOpen: Int?, newToday: Int, maxNewPerDay: Int?, unavailable: String?
    ) {
        self.rep = rep
        self.openLeads = openLeads
        self.maxOpen = maxOpen
        self.newToday = newToday
        self.maxNewPerDay = maxNewPerDay
        self.unavailable = unavailable
    }
}

extension RuleRouter {
    /// Every rep's load, caps and availability at `now`, in the order the rules list them.
    ///
    /// - Parameters:
    ///   - ledger: the loads folded from the journal.
    ///   - now: the instant to judge availability at.
    public func statuses(ledger: RoutingLedger, at now: Date) -> [RepStatus] {
        var clocks = ZoneClocks(zones: reps.map(\.zoneIndex).max().map { $0 + 1 } ?? 0, now: now)
        return reps.map { rep in
            let eligibility = rep.eligibility(ledger: ledger, clocks: &clocks)
            return RepStatus(
                rep: rep.id, openLeads: ledger.openLeads(of: rep.id), maxOpen: rep.maxOpen,
                newToday: ledger.newLeads(of: rep.id, since: clocks.startOfDay(rep.zoneIndex, rep.zone)),
                maxNewPerDay: rep.maxNewPerDay, unavailable: eligibility.why)
        }
    }
}
