import Foundation

/// A rep prepared for fast checks: parsed time zone and windows, trail texts written once. A class
/// (immutable, so `Sendable`) so that checking a pool member costs one retain, not a copy.
final class CompiledRep: Sendable {
    let id: String
    let zone: TimeZone
    let zoneName: String
    /// The zone's number among the router's distinct zones, for ``ZoneClocks``.
    let zoneIndex: Int
    /// Minute windows per weekday, Monday first; `nil` means always working.
    let week: [[Range<Int>]]?
    /// Periods away with their trail text.
    let away: [(period: OutOfOffice, why: String)]
    let maxOpen: Int?
    let maxNewPerDay: Int?
    let weight: Int
    /// `skip:<id>`.
    let skipRule: String

    init(_ rep: RepProfile, zoneIndex: Int) {
        id = rep.id
        zone = TimeZone(identifier: rep.timeZone) ?? TimeZone(secondsFromGMT: 0)!
        zoneName = rep.timeZone
        self.zoneIndex = zoneIndex
        week = rep.workingHours?.minutesByWeekday
        away = rep.outOfOffice.map { period in
            let note = period.note.map { " (\($0))" } ?? ""
            return (period, "out of office\(note) until \(period.until.formatted(.iso8601))")
        }
        maxOpen = rep.capacity.maxOpen
        maxNewPerDay = rep.capacity.maxNewPerDay
        weight = rep.weight
        skipRule = "skip:\(rep.id)"
    }

    /// Whether the rep may take a new lead now: in office, within hours, under both caps.
    func eligibility(ledger: RoutingLedger, clocks: inout ZoneClocks) -> RepEligibility {
        for entry in away where entry.period.contains(clocks.now) { return .outOfOffice(entry.why) }
        if let week {
            let local = clocks.clock(zoneIndex, zone)
            if !week[local.weekday].contains(where: { $0.contains(local.minute) }) {
                return .outsideHours("outside working hours (\(local.text) \(zoneName))")
            }
        }
        guard maxOpen != nil || maxNewPerDay != nil else { return .eligible }
        let load = ledger.load(of: id)
        if let maxOpen, load.open >= maxOpen {
            return .atCapacity("at capacity: \(load.open) open leads of \(maxOpen)")
        }
        if let maxNewPerDay {
            let new = load.count(since: clocks.startOfDay(zoneIndex, zone))
            if new >= maxNewPerDay {
                return .atCapacity("at capacity: \(new) new leads today (\(zoneName)) of \(maxNewPerDay)")
            }
        }
        return .eligible
    }
}
