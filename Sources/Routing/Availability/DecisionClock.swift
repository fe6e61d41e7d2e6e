import Foundation
import LeadModel

/// One decision's instant seen through each distinct rep calendar, computed on first use: a pool
/// of reps sharing three calendars asks each calendar once, not once per rep.
struct DecisionClock {
    let now: Date
    /// One allocation for both answers: per calendar `2i` is 0 not asked yet, 1 working,
    /// 2 not working; `2i + 1` the start of the local day, NaN until asked.
    private var answers: ContiguousArray<Double>

    init(calendars: Int, now: Date) {
        self.now = now
        answers = ContiguousArray(repeating: 0, count: 2 * calendars)
        for index in 0..<calendars { answers[2 * index + 1] = .nan }
    }

    /// Whether `now` is working time on calendar number `index`.
    @inline(__always)
    mutating func isWorking(_ index: Int, _ calendar: WeeklyBusinessCalendar) -> Bool {
        let known = answers[2 * index]
        if known != 0 { return known == 1 }
        let answer = calendar.isWorking(at: now)
        answers[2 * index] = answer ? 1 : 2
        return answer
    }

    /// The start of the local day containing `now` on calendar number `index`.
    @inline(__always)
    mutating func startOfDay(_ index: Int, _ calendar: WeeklyBusinessCalendar) -> Date {
        let known = answers[2 * index + 1]
        if !known.isNaN { return Date(timeIntervalSince1970: known) }
        let start = calendar.startOfDay(containing: now)
        answers[2 * index + 1] = start.timeIntervalSince1970
        return start
    }
}
