import Foundation

extension WeeklyBusinessCalendar {
    /// How many days ahead the arithmetic looks for working time before giving up.
    static let searchLimitDays = 3_660

    /// The instant `duration` business seconds after `start`.
    ///
    /// - Parameters:
    ///   - duration: business seconds; negative counts as zero.
    ///   - start: the instant to count from.
    /// - Returns: the instant, or `Date.distantFuture` when there are no working windows within ten
    ///   years.
    public func adding(_ duration: TimeInterval, to start: Date) -> Date {
        guard let end = add(max(0, duration), to: start.timeIntervalSince1970) else { return .distantFuture }
        return Date(timeIntervalSince1970: end)
    }

    /// Business seconds between two instants; negative when `end` is before `start`.
    ///
    /// - Parameters:
    ///   - start: the earlier instant.
    ///   - end: the later instant.
    /// - Returns: the working time in between.
    public func businessTime(from start: Date, to end: Date) -> TimeInterval {
        let from = start.timeIntervalSince1970
        let to = end.timeIntervalSince1970
        if to < from { return -businessTime(from: end, to: start) }
        let table = compiled
        var total = 0.0
        var day = table.day(of: from)
        let lastDay = table.day(of: to)
        while day <= lastDay {
            let dayStart = Double(day) * 86_400
            for span in table.spans(day: day) {
                let windowStart = table.zone.instant(local: dayStart + span.start)
                let windowEnd = table.zone.instant(local: dayStart + span.end)
                let overlap = min(windowEnd, to) - max(windowStart, from)
                if overlap > 0 { total += overlap }
            }
            day += 1
        }
        return total
    }

    /// The core of ``adding(_:to:)`` in Unix seconds; `nil` when no working time is found.
    func add(_ duration: Double, to start: Double) -> Double? {
        let table = compiled
        var remaining = duration
        var day = table.day(of: start)
        var cursor = start
        for _ in 0..<WeeklyBusinessCalendar.searchLimitDays {
            let spans = table.spans(day: day)
            if !spans.isEmpty {
                let dayStart = Double(day) * 86_400
                for span in spans {
                    let windowEnd = table.zone.instant(local: dayStart + span.end)
                    if cursor >= windowEnd { continue }
                    let from = max(table.zone.instant(local: dayStart + span.start), cursor)
                    let available = windowEnd - from
                    if remaining <= available { return from + remaining }
                    remaining -= available
                    cursor = windowEnd
                }
            }
            day += 1
        }
        return nil
    }
}
