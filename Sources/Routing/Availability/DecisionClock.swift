import Foundation
import LeadModel

/// One decision's instant seen through each distinct rep calendar, computed on first use: a pool
/// of reps sharing three calendars asks each calendar once, not once per rep.
struct DecisionClock {
    let now: Date
    /// Per calendar: 0 not asked yet, 1 working, 2 not working.
    private var working: ContiguousArray<UInt8>
    /// Per calendar: the start of the local day, NaN until asked.
    private var dayStarts: ContiguousArray<Double>

    init(calendars: Int, now: Date) {
        self.now = now
        working = ContiguousArray(repeating: 0, count: calendars)
        dayStarts = ContiguousArray(repeating: .nan, count: calendars)
    }

    /// Whether `now` is working time on calendar number `index`.
    @inline(__always)
    mutating func isWorking(_ index: Int, _ calendar: WeeklyBusinessCalendar) -> Bool {
        let known = working[index]
        if known != 0 { return known == 1 }
        let answer = calendar.isWorking(at: now)
        working[index] = answer ? 1 : 2
        return answer
    }

    /// The start of the local day containing `now` on calendar number `index`.
    @inline(__always)
    mutating func startOfDay(_ index: Int, _ calendar: WeeklyBusinessCalendar) -> Date {
        let known = dayStarts[index]
        if !known.isNaN { return Date(timeIntervalSince1970: known) }
        let start = calendar.startOfDay(containing: now)
        dayStarts[index] = start.timeIntervalSince1970
        return start
    }
}
