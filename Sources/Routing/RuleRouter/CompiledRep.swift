import Foundation

/// A rep prepared for fast checks: parsed time zone and windows.
struct CompiledRep: Sendable {
    let id: String
    let zone: TimeZone
    let zoneName: String
    /// Minute windows per weekday, Monday first; `nil` means always working.
    let week: [[Range<Int>]]?
    let away: [OutOfOffice]
    let maxOpen: Int?
    let maxNewPerDay: Int?
    let weight: Int

    init(_ rep: RepProfile) {
        id = rep.id
        zone = TimeZone(identifier: rep.timeZone) ?? TimeZone(secondsFromGMT: 0)!
        zoneName = rep.timeZone
        week = rep.workingHours?.minutesByWeekday
        away = rep.outOfOffice
        maxOpen = rep.capacity.maxOpen
        maxNewPerDay = rep.capacity.maxNewPerDay
        weight = rep.weight
    }

    /// Whether the rep may take a new lead at `now`: in office, within hours, under both caps.
    func eligibility(at now: Date, ledger: RoutingLedger) -> RepEligibility {
        for period in away where period.contains(now) {
            let note = period.note.map { " (\($0))" } ?? ""
            return .outOfOffice("out of office\(note) until \(period.until.formatted(.iso8601))")
        }
        var clock: LocalClock?
        if let week {
            let local = LocalClock(now, in: zone)
            clock = local
            if !week[local.weekday].contains(where: { $0.contains(local.minute) }) {
                return .outsideHours("outside working hours (\(local.text) \(zoneName))")
            }
        }
        if let maxOpen {
            let open = ledger.openLeads(of: id)
            if open >= maxOpen { return .atCapacity("at capacity: \(open) open leads of \(maxOpen)") }
        }
        if let maxNewPerDay {
            let local = clock ?? LocalClock(now, in: zone)
            let new = ledger.newLeads(of: id, since: local.startOfDay(in: zone))
            if new >= maxNewPerDay {
                return .atCapacity("at capacity: \(new) new leads today (\(zoneName)) of \(maxNewPerDay)")
            }
        }
        return .eligible
    }
}
