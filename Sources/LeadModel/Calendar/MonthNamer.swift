import Foundation

/// Names the calendar month of instants in one time zone, for reports that count month by
/// month: the zone's offset at the instant from a ``ZoneOffsetTable``, then the civil date of
/// the shifted day (``CivilDays``). No `Calendar` call per instant, and no clock.
package struct MonthNamer: Sendable {
    private let table: ZoneOffsetTable

    /// Makes a namer for `timeZone`.
    package init(timeZone: TimeZone) {
        table = ZoneOffsetTable(timeZone: timeZone)
    }

    /// The month `date` falls in.
    package func month(of date: Date) -> LocalMonth {
        let local = table.local(date.timeIntervalSince1970).rounded(.down)
        let days = Int((local / 86_400).rounded(.down))
        let (year, month, _) = CivilDays.civil(fromDays: days)
        return LocalMonth(year: year, month: month)
    }
}
