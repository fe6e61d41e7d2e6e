import Foundation
import LeadModel

/// The months a feedback report covers, as resolved from its ``LeadModel/ReportPeriod`` in a
/// time zone: what the report's JSON carries as `period`.
///
/// The feedback reports count month by month, so a period is shown as its first and last month
/// (`2026-10`…`2026-12` for `2026-Q4`); a side is `nil` when the period is open there.
public struct ReportMonths: Hashable, Sendable, Codable {
    /// The first month included (`2026-09`), or `nil` for no lower bound.
    public var from: String?
    /// The last month included, or `nil` for no upper bound.
    public var to: String?
    /// The time zone months are cut in, by identifier; `UTC` for the zone without offset
    /// (Foundation names it `GMT`).
    public var timeZone: String

    /// Resolves a period.
    ///
    /// - Parameters:
    ///   - period: the period; one that names an impossible date (built in code: the parser
    ///     refuses them) covers no month, and both sides name it by its label (`2026-13`).
    ///   - timeZone: the zone whose calendar names the months.
    public init(_ period: ReportPeriod, timeZone: TimeZone) {
        if let span = try? period.monthSpan(in: timeZone) {
            from = span.first?.description
            to = span.last?.description
        } else {
            from = period.label(in: timeZone)
            to = from
        }
        self.timeZone = timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier
    }

    /// `all months`, or the range such as `2026-09..2026-11` (`…` for an open side).
    public var label: String {
        from == nil && to == nil ? "all months" : "\(from ?? "…")..\(to ?? "…")"
    }
}

/// Which instants a feedback report counts, and the month each falls in: the period's exact
/// interval in the time zone, and a ``LeadModel/MonthNamer`` for the zone.
struct MonthBuckets {
    let interval: DateInterval
    let months: MonthNamer

    /// Buckets for `period` in `timeZone`; a period that names an impossible date contains no
    /// instant.
    init(_ period: ReportPeriod, timeZone: TimeZone) {
        interval =
            (try? period.interval(in: timeZone)) ?? DateInterval(start: .distantFuture, duration: 0)
        months = MonthNamer(timeZone: timeZone)
    }

    /// The month (`YYYY-MM`) of `date`, or `nil` when the period does not contain it.
    func month(of date: Date) -> String? {
        guard date >= interval.start, date < interval.end else { return nil }
        return months.month(of: date).description
    }
}
