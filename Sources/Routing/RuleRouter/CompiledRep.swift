import Foundation
import LeadModel

/// A rep prepared for fast checks: calendar number, caps and trail texts written once. A class
/// (immutable, so `Sendable`) so that checking a pool member costs one retain, not a copy.
final class CompiledRep: Sendable {
    let id: String
    let zoneName: String
    /// The rep's working hours, or every hour in their zone.
    let calendar: WeeklyBusinessCalendar
    /// The calendar's number among the router's distinct calendars, for ``DecisionClock``.
    let calendarIndex: Int
    /// Whether the rep has no working hours (always working).
    let alwaysWorking: Bool
    /// Periods away.
    let away: [OutOfOffice]
    /// The trail text of each period away.
    let awayText: [String]
    let maxOpen: Int?
    let maxNewPerDay: Int?
    let weight: Int
    /// `skip:<id>`.
    let skipRule: String
    /// Who takes the rep's account leads while they are away.
    let backup: String?

    init(_ rep: RepProfile, calendarIndex: Int) {
        id = rep.id
        zoneName = rep.timeZone
        calendar = rep.calendar
        self.calendarIndex = calendarIndex
        alwaysWorking = rep.workingHours == nil
        away = rep.outOfOffice
        awayText = rep.outOfOffice.map { period in
            let note = period.note.map { " (\($0))" } ?? ""
            return "out of office\(note) until \(period.until.formatted(.iso8601))"
        }
        maxOpen = rep.capacity.maxOpen
        maxNewPerDay = rep.capacity.maxNewPerDay
        weight = rep.weight
        skipRule = "skip:\(rep.id)"
        backup = rep.backup
    }

    /// The first instant at or after `now` when the rep is in office and within working hours,
    /// or `nil` when that is more than a year away.
    func availableFrom(_ now: Date) -> Date? {
        let horizon = now.addingTimeInterval(366 * 86_400)
        var instant = now
        while instant < horizon {
            if let period = away.first(where: { $0.contains(instant) }) {
                instant = period.until
            } else if !alwaysWorking, !calendar.isWorking(at: instant) {
                // One business second after `instant` ends one second after the next opening.
                let opening = calendar.adding(1, to: instant).addingTimeInterval(-1)
                guard opening > instant else { return nil }
                instant = opening
            } else {
                return instant
            }
        }
        return nil
    }

    /// Whether the rep may take a new lead now: in office, within hours, under both caps.
    ///
    /// - Parameters:
    ///   - ledger: the loads.
    ///   - number: the rep's number in the ledger's roster when it matches the router's, so the
    ///     load is read without hashing the id.
    ///   - clock: the decision's instant per calendar.
    @inline(__always)
    func check(ledger: RoutingLedger, number: Int?, clock: inout DecisionClock, excluded: Set<String> = [])
        -> RepCheck
    {
        if !excluded.isEmpty, excluded.contains(id) { return .excluded }
        if !away.isEmpty {
            for index in away.indices where away[index].contains(clock.now) { return .outOfOffice(Int32(index)) }
        }
        if !alwaysWorking, !clock.isWorking(calendarIndex, calendar) { return .outsideHours }
        guard maxOpen != nil || maxNewPerDay != nil else { return .eligible }
        let since = maxNewPerDay != nil ? clock.startOfDay(calendarIndex, calendar) : nil
        let load =
            number.map { ledger.capacityLoad(number: $0, since: since) } ?? ledger.capacityLoad(of: id, since: since)
        if let maxOpen, load.open >= maxOpen { return .openCap(Int32(clamping: load.open)) }
        if let maxNewPerDay, load.new >= maxNewPerDay { return .dailyCap(Int32(clamping: load.new)) }
        return .eligible
    }

    /// The trail text for a failed check; `nil` when eligible.
    func why(_ check: RepCheck, at now: Date) -> String? {
        switch check {
        case .eligible: return nil
        case .excluded: return "excluded: the lead is being taken away from this rep"
        case .outOfOffice(let period): return awayText[Int(period)]
        case .outsideHours: return "outside working hours (\(calendar.describe(now)) \(zoneName))"
        case .openCap(let open): return "at capacity: \(open) open leads of \(maxOpen ?? 0)"
        case .dailyCap(let new): return "at capacity: \(new) new leads today (\(zoneName)) of \(maxNewPerDay ?? 0)"
        }
    }
}

/// The outcome of checking one rep at one instant, as plain numbers; the text is written only
/// when the trail is read (``CompiledRep/why(_:at:)``).
enum RepCheck: Hashable, Sendable {
    case eligible
    /// Listed in ``RoutingContext/excludedReps``.
    case excluded
    /// Away in the period with this index.
    case outOfOffice(Int32)
    case outsideHours
    /// At the open-leads cap, with this many open.
    case openCap(Int32)
    /// At the new-per-day cap, with this many new today.
    case dailyCap(Int32)

    var isOutsideHours: Bool {
        if case .outsideHours = self { return true }
        return false
    }
}
