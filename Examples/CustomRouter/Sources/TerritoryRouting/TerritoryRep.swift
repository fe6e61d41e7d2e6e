import Foundation
import Routing

/// A rep on a territory team: caps on open and new leads, the time zone and hours they work in,
/// and the periods they are away.
///
/// A plain value: the rep's load is not kept here but read from the ``Routing/RoutingLedger``
/// the engine folds from the journal, so every engine sharing a journal judges the rep alike.
public struct TerritoryRep: Hashable, Sendable {
    /// The rep's id, as recorded on assignments (`Owner.rep`).
    public var id: String
    /// The rep's time zone: "today", working days and working hours are judged in it.
    public var timeZone: TimeZone
    /// The most open leads the rep may own, or `nil` for no cap.
    public var maxOpen: Int?
    /// The most new leads the rep may get per local day, or `nil` for no cap.
    public var maxNewPerDay: Int?
    /// The local hours in which the rep takes leads (`8..<18`: from 08:00 until 18:00).
    public var hours: Range<Int>
    /// The weekdays the rep works, as `Calendar` weekday numbers (1 is Sunday, 7 Saturday).
    public var workdays: Set<Int>
    /// Periods the rep is away (holidays, sick leave).
    public var away: [OutOfOffice]

    /// Makes a rep.
    ///
    /// - Parameters:
    ///   - id: the rep's id, as assignments record it.
    ///   - timeZone: an IANA time zone identifier (`"Europe/Berlin"`); an unknown one counts as UTC.
    ///   - maxOpen: the cap on open leads; none by default.
    ///   - maxNewPerDay: the cap on new leads per local day; none by default.
    ///   - hours: the local hours in which the rep takes leads; 08:00 to 18:00 by default.
    ///   - workdays: the `Calendar` weekday numbers the rep works; Monday to Friday by default.
    ///   - away: the periods the rep is away; none by default.
    public init(
        id: String, timeZone: String, maxOpen: Int? = nil, maxNewPerDay: Int? = nil, hours: Range<Int> = 8..<18,
        workdays: Set<Int> = [2, 3, 4, 5, 6], away: [OutOfOffice] = []
    ) {
        self.id = id
        self.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        self.maxOpen = maxOpen
        self.maxNewPerDay = maxNewPerDay
        self.hours = hours
        self.workdays = workdays
        self.away = away
    }

    /// The rep's load, caps and availability at `now`, with the loads read from `ledger`.
    ///
    /// - Parameters:
    ///   - ledger: the loads the engine folded from the journal.
    ///   - now: the instant to judge availability at.
    /// - Returns: the status; its `unavailable` says why the rep cannot take a lead now, if so.
    public func status(ledger: RoutingLedger, at now: Date) -> RepStatus {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let open = ledger.openLeads(of: id)
        let new = ledger.newLeads(of: id, since: calendar.startOfDay(for: now))
        return RepStatus(
            rep: id, openLeads: open, maxOpen: maxOpen, newToday: new, maxNewPerDay: maxNewPerDay,
            unavailable: unavailability(open: open, new: new, at: now, calendar: calendar))
    }

    private func unavailability(open: Int, new: Int, at now: Date, calendar: Calendar) -> String? {
        if let period = away.first(where: { $0.contains(now) }) {
            return "away until \(period.until.formatted(.iso8601))" + (period.note.map { " (\($0))" } ?? "")
        }
        let local = calendar.dateComponents([.weekday, .hour], from: now)
        if let weekday = local.weekday, !workdays.contains(weekday) {
            return "not a working day in \(timeZone.identifier)"
        }
        if let hour = local.hour, !hours.contains(hour) {
            return "outside working hours (\(hours.lowerBound):00 to \(hours.upperBound):00 \(timeZone.identifier))"
        }
        if let maxOpen, open >= maxOpen { return "at capacity: \(open) of \(maxOpen) open leads" }
        if let maxNewPerDay, new >= maxNewPerDay {
            return "at the daily cap: \(new) of \(maxNewPerDay) new leads today"
        }
        return nil
    }
}
